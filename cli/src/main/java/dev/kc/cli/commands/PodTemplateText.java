package dev.kc.cli.commands;

import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl's {@code DescribePodTemplate} through a plain prefix writer (tabs are left as tab
 * characters, as in {@code rollout history --revision}).
 */
final class PodTemplateText {

  private PodTemplateText() {}

  /** The text for one pod template, ending with a newline. */
  static String describe(Map<String, Object> template) {
    StringBuilder sb = new StringBuilder("Pod Template:\n");
    if (template == null) {
      return sb.append("  <unset>").toString();
    }
    multiline(sb, "  Labels", Json.obj(template, "metadata", "labels"), "=");
    Map<String, Object> annotations = Json.obj(template, "metadata", "annotations");
    if (annotations != null && !annotations.isEmpty()) {
      multiline(sb, "  Annotations", annotations, ": ");
    }
    Map<String, Object> spec = Json.obj(template, "spec");
    String sa = Json.str(spec, "serviceAccountName");
    if (sa != null && !sa.isEmpty()) {
      sb.append("  Service Account:\t").append(sa).append('\n');
    }
    List<Object> init = Json.arr(spec, "initContainers");
    if (init != null && !init.isEmpty()) {
      containers(sb, "Init Containers", init);
    }
    List<Object> containers = Json.arr(spec, "containers");
    containers(sb, "Containers", containers == null ? List.of() : containers);
    List<Object> volumes = Json.arr(spec, "volumes");
    if (volumes == null || volumes.isEmpty()) {
      sb.append("  Volumes:\t<none>\n");
    } else {
      sb.append("  Volumes:\n");
      for (Object v : volumes) {
        sb.append("   ").append(Json.str(v, "name")).append(":\n");
      }
    }
    String priority = Json.str(spec, "priorityClassName");
    if (priority != null && !priority.isEmpty()) {
      sb.append("  Priority Class Name:\t").append(priority).append('\n');
    }
    multiline(sb, "  Node-Selectors", Json.obj(spec, "nodeSelector"), "=");
    List<Object> tolerations = Json.arr(spec, "tolerations");
    // TODO: tolerations are listed by key only; kubectl prints key=value:effect and seconds.
    if (tolerations == null || tolerations.isEmpty()) {
      sb.append("  Tolerations:\t<none>\n");
    } else {
      List<String> keys = new ArrayList<>();
      for (Object t : tolerations) {
        keys.add(String.valueOf(Json.str(t, "key")));
      }
      sb.append("  Tolerations:\t").append(String.join("\n\t", keys)).append('\n');
    }
    return sb.toString();
  }

  private static void multiline(StringBuilder sb, String title, Map<String, Object> m, String sep) {
    sb.append(title).append(":\t");
    if (m == null || m.isEmpty()) {
      sb.append("<none>\n");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, Object> e : new TreeMap<>(m).entrySet()) {
      if (!first) {
        sb.append('\t');
      }
      first = false;
      sb.append(e.getKey()).append(sep).append(e.getValue()).append('\n');
    }
  }

  private static void containers(StringBuilder sb, String label, List<Object> containers) {
    sb.append("  ").append(label).append(":\n");
    for (Object c : containers) {
      sb.append("   ").append(Json.str(c, "name")).append(":\n");
      sb.append("    Image:\t").append(Json.str(c, "image")).append('\n');
      List<String> ports = new ArrayList<>();
      List<String> hostPorts = new ArrayList<>();
      List<Object> ps = Json.arr(c, "ports");
      for (Object p : ps == null ? List.of() : ps) {
        String proto = Json.str(p, "protocol") == null ? "TCP" : Json.str(p, "protocol");
        ports.add(number(Json.at(p, "containerPort")) + "/" + proto);
        hostPorts.add(number(Json.at(p, "hostPort")) + "/" + proto);
      }
      portLine(sb, "Port", ports);
      portLine(sb, "Host Port", hostPorts);
      list(sb, "Command", Json.arr(c, "command"));
      list(sb, "Args", Json.arr(c, "args"));
      resources(sb, "Limits", Json.obj(c, "resources", "limits"));
      resources(sb, "Requests", Json.obj(c, "resources", "requests"));
      env(sb, Json.arr(c, "env"));
      mounts(sb, Json.arr(c, "volumeMounts"));
    }
  }

  private static String number(Object n) {
    return n instanceof Number ? Long.toString(((Number) n).longValue()) : "0";
  }

  private static void portLine(StringBuilder sb, String title, List<String> values) {
    if (values.size() > 1) {
      sb.append("    ").append(title).append("s:\t").append(String.join(", ", values));
    } else {
      sb.append("    ").append(title).append(":\t");
      sb.append(values.isEmpty() ? "<none>" : values.get(0));
    }
    sb.append('\n');
  }

  private static void list(StringBuilder sb, String title, List<Object> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    sb.append("    ").append(title).append(":\n");
    for (Object v : values) {
      sb.append("      ").append(v).append('\n');
    }
  }

  private static void resources(StringBuilder sb, String title, Map<String, Object> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    sb.append("    ").append(title).append(":\n");
    for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
      sb.append("      ").append(e.getKey()).append(":\t").append(e.getValue()).append('\n');
    }
  }

  private static void env(StringBuilder sb, List<Object> env) {
    if (env == null || env.isEmpty()) {
      sb.append("    Environment:\t<none>\n");
      return;
    }
    sb.append("    Environment:\n");
    for (Object e : env) {
      Object value = Json.at(e, "value");
      sb.append("      ").append(Json.str(e, "name")).append(":\t");
      sb.append(value == null ? "" : value).append('\n');
    }
  }

  private static void mounts(StringBuilder sb, List<Object> mounts) {
    if (mounts == null || mounts.isEmpty()) {
      sb.append("    Mounts:\t<none>\n");
      return;
    }
    sb.append("    Mounts:\n");
    for (Object m : mounts) {
      boolean ro = Boolean.TRUE.equals(Json.at(m, "readOnly"));
      sb.append("      ").append(Json.str(m, "mountPath")).append(" from ");
      sb.append(Json.str(m, "name")).append(ro ? " (ro)" : " (rw)").append('\n');
    }
  }
}
