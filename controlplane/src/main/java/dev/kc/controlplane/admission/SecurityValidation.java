package dev.kc.controlplane.admission;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Pod and container security contexts: user and group ID ranges, seccomp profiles, sysctls and the
 * privilege-escalation combinations Kubernetes rejects. Privileged containers are allowed, as on
 * clusters started with {@code --allow-privileged} (kind, minikube, kubeadm).
 */
final class SecurityValidation {

  private static final long MAX_ID = 0xffffffffL;
  private static final Pattern SYSCTL =
      Pattern.compile("([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?");
  private static final List<String> SECCOMP_TYPES =
      List.of("Localhost", "RuntimeDefault", "Unconfined");

  private SecurityValidation() {}

  /** {@code validatePodSpecSecurityContext}; {@code p} is {@code spec.securityContext}. */
  static void podSecurityContext(List<FieldError> out, JsonNode spec, Path p) {
    JsonNode sc = Json.obj(spec, "securityContext");
    if (sc == null) {
      return;
    }
    for (String f : List.of("fsGroup", "runAsUser", "runAsGroup")) {
      idRange(out, sc, f, p.child(f));
    }
    List<JsonNode> groups = Json.items(sc, "supplementalGroups");
    for (int i = 0; i < groups.size(); i++) {
      long g = groups.get(i).asLong();
      if (g < 0 || g > MAX_ID) {
        out.add(
            Errors.invalid(
                p.child("supplementalGroups").index(i), g, Names.inclusiveRangeError(0, MAX_ID)));
      }
    }
    if (Json.bool(spec, "shareProcessNamespace") && Json.bool(spec, "hostPID")) {
      out.add(
          Errors.invalid(
              p.child("shareProcessNamespace"),
              true,
              "ShareProcessNamespace and HostPID cannot both be enabled"));
    }
    sysctls(out, sc, p.child("sysctls"));
    if (Json.has(sc, "fsGroupChangePolicy")) {
      String policy = Json.str(sc, "fsGroupChangePolicy");
      List<String> valid = List.of("Always", "OnRootMismatch");
      if (!valid.contains(policy)) {
        out.add(Errors.notSupported(p.child("fsGroupChangePolicy"), policy, valid));
      }
    }
    seccomp(out, Json.obj(sc, "seccompProfile"), p.child("seccompProfile"));
  }

  /** {@code ValidateSecurityContext} of one container; {@code p} is the container's path. */
  static void containerSecurityContext(List<FieldError> out, JsonNode sc, Path container) {
    if (sc == null) {
      return;
    }
    Path p = container.child("securityContext");
    idRange(out, sc, "runAsUser", p.child("runAsUser"));
    idRange(out, sc, "runAsGroup", p.child("runAsGroup"));
    if (Json.has(sc, "procMount")) {
      String pm = Json.str(sc, "procMount");
      List<String> valid = List.of("Default", "Unmasked");
      if (!valid.contains(pm)) {
        out.add(Errors.notSupported(p.child("procMount"), pm, valid));
      }
    }
    seccomp(out, Json.obj(sc, "seccompProfile"), p.child("seccompProfile"));
    if (Json.has(sc, "allowPrivilegeEscalation") && !Json.bool(sc, "allowPrivilegeEscalation")) {
      if (Json.bool(sc, "privileged")) {
        out.add(
            Errors.invalid(
                p,
                GoFmt.literal("&core.SecurityContext{...}"),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
      }
      JsonNode caps = Json.obj(sc, "capabilities");
      if (Json.strings(caps, "add").contains("CAP_SYS_ADMIN")) {
        out.add(
            Errors.invalid(
                p,
                GoFmt.literal("&core.SecurityContext{...}"),
                "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add`"
                    + " CAP_SYS_ADMIN"));
      }
    }
  }

  private static void idRange(List<FieldError> out, JsonNode sc, String field, Path p) {
    if (Json.has(sc, field)) {
      long v = Json.num(sc, field, 0);
      if (v < 0 || v > MAX_ID) {
        out.add(Errors.invalid(p, v, Names.inclusiveRangeError(0, MAX_ID)));
      }
    }
  }

  private static void sysctls(List<FieldError> out, JsonNode sc, Path p) {
    Set<String> names = new HashSet<>();
    List<JsonNode> sysctls = Json.items(sc, "sysctls");
    for (int i = 0; i < sysctls.size(); i++) {
      String name = Json.str(sysctls.get(i), "name");
      Path np = p.index(i).child("name");
      if (name.isEmpty()) {
        out.add(Errors.required(np, ""));
      } else if (name.length() > 253 || !SYSCTL.matcher(name).matches()) {
        out.add(
            Errors.invalid(
                np, name, "must have at most 253 characters and match regex ^" + SYSCTL + "$"));
      } else if (!names.add(name)) {
        out.add(Errors.duplicate(np, name));
      }
    }
  }

  private static void seccomp(List<FieldError> out, JsonNode sp, Path p) {
    if (sp == null) {
      return;
    }
    String type = Json.str(sp, "type");
    if (type.isEmpty()) {
      out.add(Errors.required(p.child("type"), "type is required when seccompProfile is set"));
    } else if (!SECCOMP_TYPES.contains(type)) {
      out.add(Errors.notSupported(p.child("type"), type, SECCOMP_TYPES));
    }
    if (type.equals("Localhost")) {
      if (!Json.has(sp, "localhostProfile")) {
        out.add(
            Errors.required(
                p.child("localhostProfile"), "must be set when seccomp type is Localhost"));
      } else {
        VolumeValidation.localDescendingPath(
            out, Json.str(sp, "localhostProfile"), p.child("localhostProfile"));
      }
    } else if (Json.has(sp, "localhostProfile")) {
      out.add(
          Errors.invalid(
              p.child("localhostProfile"),
              GoFmt.literal("&core.SeccompProfile{...}"),
              "can only be set when seccomp type is Localhost"));
    }
  }
}
