package dev.kc.controlplane.admission;

import dev.kc.controlplane.admission.Names.NameRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Service validation: {@code ValidateService} and {@code ValidateServiceUpdate} from {@code
 * pkg/apis/core/validation/validation.go} (1.32), plus the node-port range check Kubernetes does
 * when allocating (range 30000-32767, the default {@code --service-node-port-range}).
 */
final class ServiceValidation {

  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;

  private static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");

  private ServiceValidation() {}

  static List<FieldError> service(JsonNode svc, JsonNode old) {
    List<FieldError> out;
    if (old == null) {
      out = MetaValidation.objectMeta(svc.get("metadata"), true, NameRule.DNS1035_LABEL);
    } else {
      out = MetaValidation.objectMetaUpdate(svc.get("metadata"), old.get("metadata"));
      clusterIpsUpdate(out, svc.get("spec"), old.get("spec"));
      out.addAll(MetaValidation.objectMeta(svc.get("metadata"), true, NameRule.DNS1035_LABEL));
    }
    spec(out, svc.get("spec"), Path.of("spec"));
    return out;
  }

  private static boolean isHeadless(JsonNode spec) {
    List<String> ips = Json.strings(spec, "clusterIPs");
    return ips.size() == 1 && ips.get(0).equals("None");
  }

  private static void spec(List<FieldError> out, JsonNode spec, Path p) {
    String type = Json.str(spec, "type");
    List<JsonNode> ports = Json.items(spec, "ports");
    boolean headless = isHeadless(spec);
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      out.add(Errors.required(p.child("ports"), ""));
    }
    typeSpecific(out, spec, type, headless, p);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(out, ports.get(i), ports.size() > 1, names, p.child("ports").index(i));
    }
    if (Json.has(spec, "selector")) {
      MetaValidation.labels(out, Json.stringMap(spec, "selector"), p.child("selector"));
    }
    sessionAffinity(out, spec, p);
    clusterIps(out, spec, p);
    List<String> externalIps = Json.strings(spec, "externalIPs");
    for (int i = 0; i < externalIps.size(); i++) {
      String ip = externalIps.get(i);
      if (!Names.isIp(ip)) {
        out.add(Errors.invalid(p.child("externalIPs").index(i), ip, Names.INVALID_IP));
      } else {
        nonSpecialIp(out, ip, p.child("externalIPs").index(i));
      }
    }
    if (type.isEmpty()) {
      out.add(Errors.required(p.child("type"), ""));
    } else if (!TYPES.contains(type)) {
      out.add(Errors.notSupported(p.child("type"), type, TYPES));
    }
    nodePorts(out, ports, type, p);
    duplicatePorts(out, ports, p);
    loadBalancer(out, spec, type, p);
    trafficPolicies(out, spec, type, p);
  }

  private static void typeSpecific(
      List<FieldError> out, JsonNode spec, String type, boolean headless, Path p) {
    switch (type) {
      case "LoadBalancer", "NodePort" -> {
        if (headless) {
          out.add(
              Errors.invalid(
                  p.child("clusterIPs").index(0),
                  "None",
                  "may not be set to 'None' for " + type + " services"));
        }
      }
      case "ExternalName" -> {
        if (!Json.items(spec, "clusterIPs").isEmpty()) {
          out.add(
              Errors.forbidden(p.child("clusterIPs"), "may not be set for ExternalName services"));
        }
        if (!Json.items(spec, "ipFamilies").isEmpty()) {
          out.add(
              Errors.forbidden(p.child("ipFamilies"), "may not be set for ExternalName services"));
        }
        if (Json.has(spec, "ipFamilyPolicy")) {
          out.add(
              Errors.forbidden(
                  p.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
        }
        String cname = Json.str(spec, "externalName");
        cname = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
        if (cname.isEmpty()) {
          out.add(Errors.required(p.child("externalName"), ""));
        } else {
          Errors.invalidEach(out, p.child("externalName"), cname, Names.dns1123Subdomain(cname));
        }
      }
      default -> {}
    }
  }

  private static void port(
      List<FieldError> out, JsonNode port, boolean requireName, Set<String> names, Path p) {
    String name = Json.str(port, "name");
    if (requireName && name.isEmpty()) {
      out.add(Errors.required(p.child("name"), ""));
    } else if (!name.isEmpty()) {
      Errors.invalidEach(out, p.child("name"), name, Names.dns1123Label(name));
      if (!names.add(name)) {
        out.add(Errors.duplicate(p.child("name"), name));
      }
    }
    long n = Json.num(port, "port", 0);
    Errors.invalidEach(out, p.child("port"), n, Names.portNum(n));
    String protocol = Json.str(port, "protocol");
    if (protocol.isEmpty()) {
      out.add(Errors.required(p.child("protocol"), ""));
    } else if (!PROTOCOLS.contains(protocol)) {
      out.add(Errors.notSupported(p.child("protocol"), protocol, PROTOCOLS));
    }
    Containers.portNumOrName(out, port.get("targetPort"), p.child("targetPort"));
    if (Json.has(port, "appProtocol")) {
      String ap = Json.str(port, "appProtocol");
      Errors.invalidEach(out, p.child("appProtocol"), ap, Names.qualifiedName(ap));
    }
  }

  private static void sessionAffinity(List<FieldError> out, JsonNode spec, Path p) {
    String affinity = Json.str(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      out.add(Errors.required(p.child("sessionAffinity"), ""));
    } else if (!affinity.equals("ClientIP") && !affinity.equals("None")) {
      out.add(
          Errors.notSupported(p.child("sessionAffinity"), affinity, List.of("ClientIP", "None")));
    }
    Path cp = p.child("sessionAffinityConfig");
    JsonNode config = Json.obj(spec, "sessionAffinityConfig");
    if (affinity.equals("ClientIP")) {
      String when = "when session affinity type is ClientIP";
      JsonNode clientIp = Json.obj(config, "clientIP");
      if (config == null) {
        out.add(Errors.required(cp, when));
      } else if (clientIp == null) {
        out.add(Errors.required(cp.child("clientIP"), when));
      } else if (!Json.has(clientIp, "timeoutSeconds")) {
        out.add(Errors.required(cp.child("clientIP", "timeoutSeconds"), when));
      } else {
        long t = Json.num(clientIp, "timeoutSeconds", 0);
        if (t <= 0 || t > 86400) {
          out.add(
              Errors.invalid(
                  cp.child("clientIP", "timeoutSeconds"),
                  t,
                  "must be greater than 0 and less than 86400"));
        }
      }
    } else if (affinity.equals("None") && config != null) {
      out.add(Errors.forbidden(cp, "must not be set when session affinity is None"));
    }
  }

  /** {@code ValidateServiceClusterIPsRelatedFields}. */
  private static void clusterIps(List<FieldError> out, JsonNode spec, Path p) {
    if (Json.str(spec, "type").equals("ExternalName")) {
      return;
    }
    Path ipsPath = p.child("clusterIPs");
    String clusterIp = Json.str(spec, "clusterIP");
    List<String> ips = Json.strings(spec, "clusterIPs");
    if (!clusterIp.isEmpty()) {
      if (ips.isEmpty()) {
        out.add(Errors.required(ipsPath, ""));
      } else if (!ips.get(0).equals(clusterIp)) {
        out.add(Errors.invalid(ipsPath, ips, "first value must match `clusterIP`"));
      }
    } else if (!ips.isEmpty()) {
      out.add(Errors.invalid(ipsPath, ips, "must be empty when `clusterIP` is not specified"));
    }
    List<String> families = Json.strings(spec, "ipFamilies");
    ipFamilies(out, spec, families, p);
    boolean invalid = false;
    for (int i = 0; i < ips.size(); i++) {
      String ip = ips.get(i);
      if (i == 0 && ip.equals("None")) {
        if (ips.size() > 1) {
          invalid = true;
          out.add(Errors.invalid(ipsPath, ips, "'None' must be the first and only value"));
        }
        continue;
      }
      if (!Names.isIp(ip)) {
        invalid = true;
        out.add(Errors.invalid(ipsPath.index(i), ip, Names.INVALID_IP));
      }
    }
    if (ips.size() > 2) {
      out.add(Errors.invalid(ipsPath, ips, "may only hold up to 2 values"));
    }
    if (invalid) {
      return;
    }
    if (ips.size() > 1 && Names.isIpv6(ips.get(0)) == Names.isIpv6(ips.get(1))) {
      out.add(Errors.invalid(ipsPath, ips, "may specify no more than one IP for each IP family"));
    }
    if (!isHeadless(spec)) {
      for (int i = 0; i < ips.size() && i < families.size(); i++) {
        boolean v6 = Names.isIpv6(ips.get(i));
        if (families.get(i).equals("IPv4") && v6) {
          out.add(
              Errors.invalid(
                  ipsPath.index(i),
                  ips.get(i),
                  "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
        }
        if (families.get(i).equals("IPv6") && !v6) {
          out.add(
              Errors.invalid(
                  ipsPath.index(i),
                  ips.get(i),
                  "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
        }
      }
    }
  }

  /** IP families are IPv4 or IPv6, each at most once; the policy is a known one. */
  private static void ipFamilies(
      List<FieldError> out, JsonNode spec, List<String> families, Path p) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      String f = families.get(i);
      if (!f.equals("IPv4") && !f.equals("IPv6")) {
        out.add(Errors.notSupported(p.child("ipFamilies").index(i), f, List.of("IPv4", "IPv6")));
      }
      if (!seen.add(f)) {
        out.add(Errors.duplicate(p.child("ipFamilies").index(i), f));
      }
    }
    if (Json.has(spec, "ipFamilyPolicy")) {
      String policy = Json.str(spec, "ipFamilyPolicy");
      List<String> valid = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
      if (!valid.contains(policy)) {
        out.add(Errors.notSupported(p.child("ipFamilyPolicy"), policy, valid));
      }
    }
  }

  /** An allocated cluster IP may be extended to dual-stack but never changed. */
  private static void clusterIpsUpdate(List<FieldError> out, JsonNode spec, JsonNode oldSpec) {
    if (Json.str(spec, "type").equals("ExternalName")
        || Json.str(oldSpec, "type").equals("ExternalName")) {
      return;
    }
    if (isHeadless(spec) && isHeadless(oldSpec)) {
      return;
    }
    List<String> now = Json.strings(spec, "clusterIPs");
    List<String> before = Json.strings(oldSpec, "clusterIPs");
    Path p = Path.of("spec", "clusterIPs");
    Object shown = Json.has(spec, "clusterIPs") ? now : GoFmt.literal("[]string(nil)");
    if (now.size() == before.size()) {
      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).equals(now.get(i))) {
          out.add(Errors.invalid(p.index(i), shown, "may not change once set"));
        }
      }
    } else if (before.size() > now.size()) {
      if (now.isEmpty()) {
        out.add(Errors.invalid(p.index(0), shown, "primary clusterIP can not be unset"));
      } else if (!now.get(0).equals(before.get(0))) {
        out.add(Errors.invalid(p.index(0), shown, "may not change once set"));
      }
      if (now.size() == 1 && !Json.str(spec, "ipFamilyPolicy").equals("SingleStack")) {
        out.add(
            Errors.invalid(
                Path.of("spec", "ipFamilyPolicy"),
                Json.has(spec, "ipFamilyPolicy") ? Json.str(spec, "ipFamilyPolicy") : null,
                "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (!before.isEmpty() && !now.get(0).equals(before.get(0))) {
      out.add(Errors.invalid(p.index(0), shown, "may not change once set"));
    }
  }

  /** {@code ValidateNonSpecialIP}: no unspecified, loopback or link-local addresses. */
  static void nonSpecialIp(List<FieldError> out, String ip, Path p) {
    if (ip.equals("0.0.0.0") || ip.equals("::")) {
      out.add(Errors.invalid(p, ip, "may not be unspecified (" + ip + ")"));
    }
    if (ip.startsWith("127.") || ip.equals("::1")) {
      out.add(Errors.invalid(p, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    }
    if (ip.startsWith("169.254.") || ip.toLowerCase(java.util.Locale.ROOT).startsWith("fe80:")) {
      out.add(
          Errors.invalid(p, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    }
    if (ip.startsWith("224.0.0.") || ip.toLowerCase(java.util.Locale.ROOT).startsWith("ff02:")) {
      out.add(
          Errors.invalid(
              p, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
  }

  private static void nodePorts(List<FieldError> out, List<JsonNode> ports, String type, Path p) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      long nodePort = Json.num(port, "nodePort", 0);
      Path np = p.child("ports").index(i).child("nodePort");
      if (type.equals("ClusterIP") && nodePort != 0) {
        out.add(Errors.forbidden(np, "may not be used when `type` is 'ClusterIP'"));
      }
      if (nodePort == 0) {
        continue;
      }
      if (!seen.add(Json.str(port, "protocol") + "/" + nodePort)) {
        out.add(Errors.duplicate(np, nodePort));
      }
      if ((type.equals("NodePort") || type.equals("LoadBalancer"))
          && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)) {
        out.add(
            Errors.invalid(
                np,
                nodePort,
                "provided port is not in the valid range. The range of valid ports is "
                    + NODE_PORT_MIN
                    + "-"
                    + NODE_PORT_MAX));
      }
    }
  }

  private static void duplicatePorts(List<FieldError> out, List<JsonNode> ports, Path p) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String protocol = Json.str(ports.get(i), "protocol");
      long port = Json.num(ports.get(i), "port", 0);
      if (!seen.add(protocol + "/" + port)) {
        out.add(
            Errors.duplicate(
                p.child("ports").index(i),
                GoFmt.literal(
                    "core.ServicePort{Name:\"\", Protocol:"
                        + GoFmt.quote(protocol)
                        + ", AppProtocol:(*string)(nil), Port:"
                        + port
                        + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"},"
                        + " NodePort:0}")));
      }
    }
  }

  private static void loadBalancer(List<FieldError> out, JsonNode spec, String type, Path p) {
    List<String> ranges = Json.strings(spec, "loadBalancerSourceRanges");
    if (!ranges.isEmpty()) {
      Path rp = p.child("LoadBalancerSourceRanges");
      if (!type.equals("LoadBalancer")) {
        out.add(Errors.forbidden(rp, "may only be used when `type` is 'LoadBalancer'"));
      }
      for (int i = 0; i < ranges.size(); i++) {
        String v = ranges.get(i).strip();
        if (!Names.isCidr(v)) {
          out.add(Errors.invalid(rp.index(i), v, Names.INVALID_CIDR));
        }
      }
    }
    if (Json.has(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
      out.add(
          Errors.forbidden(
              p.child("allocateLoadBalancerNodePorts"),
              "may only be used when `type` is 'LoadBalancer'"));
    }
    if (type.equals("LoadBalancer") && !Json.has(spec, "allocateLoadBalancerNodePorts")) {
      // Kubernetes reports this path without the "spec." prefix.
      out.add(Errors.required(Path.of("allocateLoadBalancerNodePorts"), ""));
    }
  }

  private static void trafficPolicies(List<FieldError> out, JsonNode spec, String type, Path p) {
    String external = Json.str(spec, "externalTrafficPolicy");
    if (!CoreDefaults.isExternallyAccessible(spec)) {
      if (!external.isEmpty()) {
        out.add(
            Errors.invalid(
                p.child("externalTrafficPolicy"),
                external,
                "may only be set for externally-accessible services"));
      }
    } else if (external.isEmpty()) {
      out.add(Errors.required(p.child("externalTrafficPolicy"), ""));
    } else if (!TRAFFIC_POLICIES.contains(external)) {
      out.add(Errors.notSupported(p.child("externalTrafficPolicy"), external, TRAFFIC_POLICIES));
    }
    boolean needsHealthCheck = type.equals("LoadBalancer") && external.equals("Local");
    long healthCheck = Json.num(spec, "healthCheckNodePort", 0);
    if (!needsHealthCheck && healthCheck != 0) {
      out.add(
          Errors.invalid(
              p.child("healthCheckNodePort"),
              healthCheck,
              "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is"
                  + " 'Local'"));
    }
    if (Json.has(spec, "internalTrafficPolicy")) {
      String internal = Json.str(spec, "internalTrafficPolicy");
      if (!TRAFFIC_POLICIES.contains(internal)) {
        out.add(Errors.notSupported(p.child("internalTrafficPolicy"), internal, TRAFFIC_POLICIES));
      }
    } else if (List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
      out.add(Errors.required(p.child("internalTrafficPolicy"), ""));
    }
    if (Json.has(spec, "trafficDistribution")) {
      String td = Json.str(spec, "trafficDistribution");
      if (!td.equals("PreferClose")) {
        out.add(Errors.notSupported(p.child("trafficDistribution"), td, List.of("PreferClose")));
      }
    }
  }
}
