package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.objects.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A container's environment and command line, as the kubelet builds them. */
final class ContainerEnv {
  private ContainerEnv() {}

  /**
   * Why the container's environment cannot be built (a missing ConfigMap or Secret, or a missing
   * key), in the kubelet's words; {@code null} when it can.
   */
  static String problem(JsonNode container, ObjectNode pod, NodeServices node) {
    String ns = Json.at(pod, "metadata", "namespace").asString("");
    for (JsonNode e : container.path("env")) {
      JsonNode from = e.path("valueFrom");
      for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
        JsonNode ref = from.path(kind);
        if (!ref.isObject() || ref.path("optional").asBoolean(false)) {
          continue;
        }
        boolean secret = kind.equals("secretKeyRef");
        String name = ref.path("name").asString("");
        JsonNode obj = node.object(secret ? "Secret" : "ConfigMap", ns, name);
        if (obj == null) {
          return (secret ? "secret" : "configmap") + " \"" + name + "\" not found";
        }
        String key = ref.path("key").asString("");
        if (!obj.path("data").has(key)) {
          return "couldn't find key "
              + key
              + " in "
              + (secret ? "Secret" : "ConfigMap")
              + " "
              + ns
              + "/"
              + name;
        }
      }
    }
    for (JsonNode e : container.path("envFrom")) {
      for (String kind : List.of("configMapRef", "secretRef")) {
        JsonNode ref = e.path(kind);
        if (!ref.isObject() || ref.path("optional").asBoolean(false)) {
          continue;
        }
        boolean secret = kind.equals("secretRef");
        String name = ref.path("name").asString("");
        if (node.object(secret ? "Secret" : "ConfigMap", ns, name) == null) {
          return (secret ? "secret" : "configmap") + " \"" + name + "\" not found";
        }
      }
    }
    return null;
  }

  /** The environment: the kubelet's service variables, then envFrom, then env, in order. */
  static Map<String, String> of(JsonNode container, ObjectNode pod, NodeServices node, String ip) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put(
        "HOSTNAME",
        Json.at(pod, "spec", "hostname").asString(Json.at(pod, "metadata", "name").asString("")));
    env.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    env.put("KUBERNETES_SERVICE_PORT", "443");
    env.put("KUBERNETES_PORT", "tcp://10.96.0.1:443");
    env.put("HOME", "/root");
    String ns = Json.at(pod, "metadata", "namespace").asString("");
    for (JsonNode e : container.path("envFrom")) {
      String prefix = e.path("prefix").asString("");
      boolean secret = e.has("secretRef");
      JsonNode ref = secret ? e.path("secretRef") : e.path("configMapRef");
      JsonNode obj =
          node.object(secret ? "Secret" : "ConfigMap", ns, ref.path("name").asString(""));
      if (obj != null) {
        JsonNode data = obj.path("data");
        for (String k : data.propertyNames()) {
          env.put(prefix + k, decode(data.get(k).asString(""), secret));
        }
      }
    }
    for (JsonNode e : container.path("env")) {
      String name = e.path("name").asString("");
      if (e.has("value")) {
        env.put(name, expand(e.path("value").asString(""), env));
        continue;
      }
      JsonNode from = e.path("valueFrom");
      if (from.has("fieldRef")) {
        env.put(name, field(from.path("fieldRef").path("fieldPath").asString(""), pod, node, ip));
      } else if (from.has("configMapKeyRef") || from.has("secretKeyRef")) {
        boolean secret = from.has("secretKeyRef");
        JsonNode ref = secret ? from.path("secretKeyRef") : from.path("configMapKeyRef");
        JsonNode obj =
            node.object(secret ? "Secret" : "ConfigMap", ns, ref.path("name").asString(""));
        JsonNode v = obj == null ? null : obj.path("data").get(ref.path("key").asString(""));
        if (v != null) {
          env.put(name, decode(v.asString(""), secret));
        }
      } else if (from.has("resourceFieldRef")) {
        env.put(name, "0");
      } else {
        env.put(name, "");
      }
    }
    return env;
  }

  private static String decode(String value, boolean secret) {
    if (!secret) {
      return value;
    }
    try {
      return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  private static String field(String path, ObjectNode pod, NodeServices node, String ip) {
    if (path.startsWith("metadata.labels['") || path.startsWith("metadata.annotations['")) {
      String map = path.startsWith("metadata.labels") ? "labels" : "annotations";
      String k = path.substring(path.indexOf("['") + 2, path.lastIndexOf("']"));
      return Json.at(pod, "metadata", map, k).asString("");
    }
    return switch (path) {
      case "metadata.name" -> Json.at(pod, "metadata", "name").asString("");
      case "metadata.namespace" -> Json.at(pod, "metadata", "namespace").asString("");
      case "metadata.uid" -> Json.at(pod, "metadata", "uid").asString("");
      case "spec.nodeName" -> node.nodeName();
      case "spec.serviceAccountName" ->
          Json.at(pod, "spec", "serviceAccountName").asString("default");
      case "status.podIP" -> ip == null ? "" : ip;
      case "status.podIPs" -> ip == null ? "" : ip;
      case "status.hostIP", "status.hostIPs" -> node.hostIp();
      default -> "";
    };
  }

  /** Kubernetes' {@code $(VAR)} references; {@code $$} escapes a dollar. Unknown ones stay. */
  static String expand(String s, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '$' && i + 1 < s.length()) {
        char next = s.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i++;
          continue;
        }
        if (next == '(') {
          int close = s.indexOf(')', i + 2);
          if (close > 0) {
            String name = s.substring(i + 2, close);
            if (env.containsKey(name)) {
              out.append(env.get(name));
              i = close;
              continue;
            }
          }
        }
      }
      out.append(ch);
    }
    return out.toString();
  }

  /** {@code command + args}, with {@code $(VAR)} references expanded. */
  static List<String> argv(JsonNode container, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : container.path("command")) {
      out.add(expand(a.asString(""), env));
    }
    for (JsonNode a : container.path("args")) {
      out.add(expand(a.asString(""), env));
    }
    return out;
  }
}
