package dev.kc.controlplane.admission;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Container validation: Kubernetes' {@code validateContainers}, {@code validateInitContainers} and
 * {@code validateContainerCommon} with their port, env, mount, probe, lifecycle and resource rules.
 */
final class Containers {

  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> ENV_FIELD_PATHS =
      List.of(
          "metadata.name",
          "metadata.namespace",
          "metadata.uid",
          "spec.nodeName",
          "spec.serviceAccountName",
          "status.hostIP",
          "status.hostIPs",
          "status.podIP",
          "status.podIPs");
  private static final Set<String> CONVERTIBLE_FIELD_PATHS =
      Set.of(
          "metadata.annotations",
          "metadata.labels",
          "metadata.name",
          "metadata.namespace",
          "metadata.uid",
          "spec.nodeName",
          "spec.restartPolicy",
          "spec.serviceAccountName",
          "spec.schedulerName",
          "status.phase",
          "status.hostIP",
          "status.hostIPs",
          "status.podIP",
          "status.podIPs");
  private static final List<String> RESOURCE_FIELD_PATHS =
      List.of(
          "limits.cpu",
          "limits.ephemeral-storage",
          "limits.memory",
          "requests.cpu",
          "requests.ephemeral-storage",
          "requests.memory");
  private static final List<String> PROBES =
      List.of("livenessProbe", "readinessProbe", "startupProbe");
  private static final String INIT_FORBIDDEN =
      "may not be set for init containers without restartPolicy=Always";

  private Containers() {}

  /** Regular containers: at least one, unique names, probes and lifecycle, host port clashes. */
  static void regular(
      List<FieldError> out, JsonNode spec, Map<String, JsonNode> volumes, Long grace, Path p) {
    List<JsonNode> cs = Json.items(spec, "containers");
    if (cs.isEmpty()) {
      out.add(Errors.required(p, ""));
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      Path cp = p.index(i);
      common(out, c, volumes, cp);
      String name = Json.str(c, "name");
      if (!names.add(name)) {
        out.add(Errors.duplicate(cp.child("name"), name));
      }
      JsonNode lifecycle = Json.obj(c, "lifecycle");
      if (lifecycle != null) {
        lifecycle(out, lifecycle, grace, cp.child("lifecycle"));
      }
      probes(out, c, grace, cp);
      if (Json.has(c, "restartPolicy")) {
        out.add(
            Errors.forbidden(cp.child("restartPolicy"), "may not be set for non-init containers"));
      }
    }
    hostPortConflicts(out, cs, 0, cs.size(), p);
  }

  /** Init containers: names unique across init and regular, probes only for sidecars. */
  static void init(
      List<FieldError> out, JsonNode spec, Map<String, JsonNode> volumes, Long grace, Path p) {
    Set<String> names = new HashSet<>();
    for (JsonNode c : Json.items(spec, "containers")) {
      names.add(Json.str(c, "name"));
    }
    List<JsonNode> cs = Json.items(spec, "initContainers");
    for (int i = 0; i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      Path cp = p.index(i);
      common(out, c, volumes, cp);
      boolean sidecar = false;
      if (Json.has(c, "restartPolicy")) {
        String rp = Json.str(c, "restartPolicy");
        if (!rp.equals("Always")) {
          out.add(Errors.notSupported(cp.child("restartPolicy"), rp, List.of("Always")));
        }
        sidecar = rp.equals("Always");
      }
      String name = Json.str(c, "name");
      if (names.contains(name)) {
        out.add(Errors.duplicate(cp.child("name"), name));
      } else if (!name.isEmpty()) {
        names.add(name);
      }
      hostPortConflicts(out, cs, i, i + 1, p);
      if (sidecar) {
        JsonNode lifecycle = Json.obj(c, "lifecycle");
        if (lifecycle != null) {
          lifecycle(out, lifecycle, grace, cp.child("lifecycle"));
        }
        probes(out, c, grace, cp);
      } else {
        if (Json.has(c, "lifecycle")) {
          out.add(Errors.forbidden(cp.child("lifecycle"), INIT_FORBIDDEN));
        }
        for (String probe : PROBES) {
          if (Json.has(c, probe)) {
            out.add(Errors.forbidden(cp.child(probe), INIT_FORBIDDEN));
          }
        }
      }
    }
  }

  /** {@code validateContainerCommon}. */
  private static void common(
      List<FieldError> out, JsonNode c, Map<String, JsonNode> volumes, Path p) {
    String name = Json.str(c, "name");
    if (name.isEmpty()) {
      out.add(Errors.required(p.child("name"), ""));
    } else {
      Errors.invalidEach(out, p.child("name"), name, Names.dns1123Label(name));
    }
    if (Json.str(c, "image").isEmpty()) {
      out.add(Errors.required(p.child("image"), ""));
    }
    PodValidation.oneOf(
        out,
        Json.str(c, "terminationMessagePolicy"),
        p.child("terminationMessagePolicy"),
        List.of("File", "FallbackToLogsOnError"));
    ports(out, c, p.child("ports"));
    env(out, c, p.child("env"));
    envFrom(out, c, p.child("envFrom"));
    VolumeValidation.mounts(out, c, volumes, p.child("volumeMounts"));
    String pull = Json.str(c, "imagePullPolicy");
    if (pull.isEmpty()) {
      out.add(Errors.required(p.child("imagePullPolicy"), ""));
    } else if (!PULL_POLICIES.contains(pull)) {
      out.add(Errors.notSupported(p.child("imagePullPolicy"), pull, PULL_POLICIES));
    }
    Resources.container(out, Json.obj(c, "resources"), p.child("resources"));
    SecurityValidation.containerSecurityContext(out, Json.obj(c, "securityContext"), p);
  }

  private static void ports(List<FieldError> out, JsonNode c, Path p) {
    Set<String> names = new HashSet<>();
    List<JsonNode> ports = Json.items(c, "ports");
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      Path ip = p.index(i);
      String name = Json.str(port, "name");
      if (!name.isEmpty()) {
        List<String> msgs = Names.portName(name);
        if (!msgs.isEmpty()) {
          Errors.invalidEach(out, ip.child("name"), name, msgs);
        } else if (!names.add(name)) {
          out.add(Errors.duplicate(ip.child("name"), name));
        }
      }
      long containerPort = Json.num(port, "containerPort", 0);
      if (containerPort == 0) {
        out.add(Errors.required(ip.child("containerPort"), ""));
      } else {
        Errors.invalidEach(
            out, ip.child("containerPort"), containerPort, Names.portNum(containerPort));
      }
      long hostPort = Json.num(port, "hostPort", 0);
      if (hostPort != 0) {
        Errors.invalidEach(out, ip.child("hostPort"), hostPort, Names.portNum(hostPort));
      }
      String protocol = Json.str(port, "protocol");
      if (protocol.isEmpty()) {
        out.add(Errors.required(ip.child("protocol"), ""));
      } else if (!PROTOCOLS.contains(protocol)) {
        out.add(Errors.notSupported(ip.child("protocol"), protocol, PROTOCOLS));
      }
    }
  }

  /** Host ports must be unique per protocol/hostIP across the given containers. */
  private static void hostPortConflicts(
      List<FieldError> out, List<JsonNode> cs, int from, int to, Path p) {
    Set<String> seen = new HashSet<>();
    for (int i = from; i < to; i++) {
      List<JsonNode> ports = Json.items(cs.get(i), "ports");
      for (int j = 0; j < ports.size(); j++) {
        JsonNode port = ports.get(j);
        long hostPort = Json.num(port, "hostPort", 0);
        if (hostPort == 0) {
          continue;
        }
        String key = Json.str(port, "protocol") + "/" + Json.str(port, "hostIP") + "/" + hostPort;
        if (!seen.add(key)) {
          out.add(Errors.duplicate(p.index(i).child("ports").index(j).child("hostPort"), key));
        }
      }
    }
  }

  private static void env(List<FieldError> out, JsonNode c, Path p) {
    List<JsonNode> vars = Json.items(c, "env");
    for (int i = 0; i < vars.size(); i++) {
      JsonNode ev = vars.get(i);
      Path ip = p.index(i);
      String name = Json.str(ev, "name");
      if (name.isEmpty()) {
        out.add(Errors.required(ip.child("name"), ""));
      } else {
        Errors.invalidEach(out, ip.child("name"), name, Names.relaxedEnvVarName(name));
      }
      valueFrom(out, ev, ip.child("valueFrom"));
    }
  }

  private static void valueFrom(List<FieldError> out, JsonNode ev, Path p) {
    JsonNode from = Json.obj(ev, "valueFrom");
    if (from == null) {
      return;
    }
    int sources = 0;
    if (Json.has(from, "fieldRef")) {
      sources++;
      fieldRef(out, Json.obj(from, "fieldRef"), p.child("fieldRef"));
    }
    if (Json.has(from, "resourceFieldRef")) {
      sources++;
      resourceFieldRef(out, Json.obj(from, "resourceFieldRef"), p.child("resourceFieldRef"));
    }
    for (String ref : List.of("configMapKeyRef", "secretKeyRef")) {
      if (Json.has(from, ref)) {
        sources++;
        keySelector(out, Json.obj(from, ref), p.child(ref));
      }
    }
    if (sources == 0) {
      out.add(
          Errors.invalid(
              p,
              "",
              "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                  + " `secretKeyRef`"));
    } else if (!Json.str(ev, "value").isEmpty()) {
      out.add(Errors.invalid(p, "", "may not be specified when `value` is not empty"));
    } else if (sources > 1) {
      out.add(Errors.invalid(p, "", "may not have more than one field specified at a time"));
    }
  }

  /** {@code validateObjectFieldSelector} for env vars. */
  private static void fieldRef(List<FieldError> out, JsonNode ref, Path p) {
    String apiVersion = Json.str(ref, "apiVersion");
    String fieldPath = Json.str(ref, "fieldPath");
    if (apiVersion.isEmpty()) {
      out.add(Errors.required(p.child("apiVersion"), ""));
      return;
    }
    if (fieldPath.isEmpty()) {
      out.add(Errors.required(p.child("fieldPath"), ""));
      return;
    }
    String base = fieldPath;
    String subscript = null;
    int bracket = fieldPath.indexOf('[');
    if (bracket > 0 && fieldPath.endsWith("']") && fieldPath.startsWith("['", bracket)) {
      base = fieldPath.substring(0, bracket);
      subscript = fieldPath.substring(bracket + 2, fieldPath.length() - 2);
    }
    String conversionError = null;
    if (!apiVersion.equals("v1")) {
      conversionError = "unsupported pod version: " + apiVersion;
    } else if (!CONVERTIBLE_FIELD_PATHS.contains(base)) {
      conversionError = "field label not supported: " + fieldPath;
    }
    if (conversionError != null) {
      out.add(
          Errors.invalid(
              p.child("fieldPath"), fieldPath, "error converting fieldPath: " + conversionError));
      return;
    }
    if (subscript != null) {
      switch (base) {
        case "metadata.annotations" ->
            Errors.invalidEach(
                out,
                p,
                subscript.toLowerCase(java.util.Locale.ROOT),
                Names.qualifiedName(subscript.toLowerCase(java.util.Locale.ROOT)));
        case "metadata.labels" ->
            Errors.invalidEach(out, p, subscript, Names.qualifiedName(subscript));
        default -> out.add(Errors.invalid(p, base, "does not support subscript"));
      }
    } else if (!ENV_FIELD_PATHS.contains(base)) {
      out.add(Errors.notSupported(p.child("fieldPath"), base, ENV_FIELD_PATHS));
    }
  }

  private static void resourceFieldRef(List<FieldError> out, JsonNode ref, Path p) {
    String resource = Json.str(ref, "resource");
    if (resource.isEmpty()) {
      out.add(Errors.required(p.child("resource"), ""));
    } else if (!RESOURCE_FIELD_PATHS.contains(resource)
        && !resource.startsWith("requests.hugepages-")
        && !resource.startsWith("limits.hugepages-")) {
      out.add(Errors.notSupported(p.child("resource"), resource, RESOURCE_FIELD_PATHS));
    }
  }

  private static void keySelector(List<FieldError> out, JsonNode s, Path p) {
    String name = Json.str(s, "name");
    Errors.invalidEach(out, p.child("name"), name, Names.dns1123Subdomain(name));
    String key = Json.str(s, "key");
    if (key.isEmpty()) {
      out.add(Errors.required(p.child("key"), ""));
    } else {
      Errors.invalidEach(out, p.child("key"), key, Names.configMapKey(key));
    }
  }

  private static void envFrom(List<FieldError> out, JsonNode c, Path p) {
    List<JsonNode> sources = Json.items(c, "envFrom");
    for (int i = 0; i < sources.size(); i++) {
      JsonNode s = sources.get(i);
      Path ip = p.index(i);
      String prefix = Json.str(s, "prefix");
      if (!prefix.isEmpty()) {
        Errors.invalidEach(out, ip.child("prefix"), prefix, Names.relaxedEnvVarName(prefix));
      }
      int count = 0;
      for (String ref : List.of("configMapRef", "secretRef")) {
        if (Json.has(s, ref)) {
          count++;
          String name = Json.str(s.get(ref), "name");
          if (name.isEmpty()) {
            out.add(Errors.required(ip.child(ref, "name"), ""));
          } else {
            Errors.invalidEach(
                out, ip.child(ref, "name"), name, Names.NameRule.DNS_SUBDOMAIN.check(name, true));
          }
        }
      }
      if (count == 0) {
        out.add(Errors.invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"));
      } else if (count > 1) {
        out.add(Errors.invalid(p, "", "may not have more than one field specified at a time"));
      }
    }
  }

  private static void probes(List<FieldError> out, JsonNode c, Long grace, Path p) {
    for (String kind : PROBES) {
      JsonNode probe = Json.obj(c, kind);
      if (probe == null) {
        continue;
      }
      Path pp = p.child(kind);
      probe(out, probe, grace, pp);
      if (!kind.equals("readinessProbe") && Json.num(probe, "successThreshold", 0) != 1) {
        out.add(
            Errors.invalid(
                pp.child("successThreshold"), Json.num(probe, "successThreshold", 0), "must be 1"));
      }
      if (kind.equals("readinessProbe") && Json.has(probe, "terminationGracePeriodSeconds")) {
        out.add(
            Errors.invalid(
                pp.child("terminationGracePeriodSeconds"),
                Json.num(probe, "terminationGracePeriodSeconds", 0),
                "must not be set for readinessProbes"));
      }
    }
  }

  private static void probe(List<FieldError> out, JsonNode probe, Long grace, Path p) {
    handler(out, probe, false, grace, p);
    for (String f :
        List.of(
            "initialDelaySeconds",
            "timeoutSeconds",
            "periodSeconds",
            "successThreshold",
            "failureThreshold")) {
      Errors.nonNegative(out, Json.num(probe, f, 0), p.child(f));
    }
    if (Json.has(probe, "terminationGracePeriodSeconds")) {
      long v = Json.num(probe, "terminationGracePeriodSeconds", 0);
      if (v <= 0) {
        out.add(
            Errors.invalid(p.child("terminationGracePeriodSeconds"), v, "must be greater than 0"));
      }
    }
  }

  private static void lifecycle(List<FieldError> out, JsonNode lifecycle, Long grace, Path p) {
    for (String hook : List.of("postStart", "preStop")) {
      JsonNode h = Json.obj(lifecycle, hook);
      if (h != null) {
        handler(out, h, true, grace, p.child(hook));
      }
    }
  }

  /** {@code validateHandler}: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep. */
  private static void handler(
      List<FieldError> out, JsonNode h, boolean lifecycle, Long grace, Path p) {
    int count = 0;
    List<String> kinds =
        lifecycle
            ? List.of("exec", "httpGet", "tcpSocket", "sleep")
            : List.of("exec", "httpGet", "tcpSocket", "grpc");
    for (String kind : kinds) {
      JsonNode action = Json.obj(h, kind);
      if (action == null) {
        continue;
      }
      if (count > 0) {
        out.add(Errors.forbidden(p.child(kind), "may not specify more than 1 handler type"));
        continue;
      }
      count++;
      action(out, kind, action, grace, p.child(kind));
    }
    if (count == 0) {
      out.add(Errors.required(p, "must specify a handler type"));
    }
  }

  private static void action(
      List<FieldError> out, String kind, JsonNode action, Long grace, Path p) {
    switch (kind) {
      case "exec" -> {
        if (Json.items(action, "command").isEmpty()) {
          out.add(Errors.required(p.child("command"), ""));
        }
      }
      case "httpGet" -> httpGet(out, action, p);
      case "tcpSocket" -> portNumOrName(out, action.get("port"), p.child("port"));
      case "grpc" -> {
        long port = Json.num(action, "port", 0);
        Errors.invalidEach(out, p.child("port"), port, Names.portNum(port));
      }
      case "sleep" -> {
        long seconds = Json.num(action, "seconds", 0);
        if (grace != null && (seconds <= 0 || seconds > grace)) {
          out.add(
              Errors.invalid(
                  p,
                  seconds,
                  "must be greater than 0 and less than terminationGracePeriodSeconds ("
                      + grace
                      + "). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero"
                      + " sleep."));
        }
      }
      default -> {}
    }
  }

  private static void httpGet(List<FieldError> out, JsonNode http, Path p) {
    if (Json.str(http, "path").isEmpty()) {
      out.add(Errors.required(p.child("path"), ""));
    }
    portNumOrName(out, http.get("port"), p.child("port"));
    String scheme = Json.str(http, "scheme");
    if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
      out.add(Errors.notSupported(p.child("scheme"), scheme, List.of("HTTP", "HTTPS")));
    }
    for (JsonNode header : Json.items(http, "httpHeaders")) {
      String name = Json.str(header, "name");
      Errors.invalidEach(out, p.child("httpHeaders"), name, Names.httpHeaderName(name));
    }
  }

  /** {@code ValidatePortNumOrName} for an int-or-string port. */
  static void portNumOrName(List<FieldError> out, JsonNode port, Path p) {
    if (port != null && port.isString()) {
      String name = port.stringValue();
      Errors.invalidEach(out, p, name, Names.portName(name));
    } else {
      long n = port != null && port.isNumber() ? port.asLong() : 0;
      Errors.invalidEach(out, p, n, Names.portNum(n));
    }
  }
}
