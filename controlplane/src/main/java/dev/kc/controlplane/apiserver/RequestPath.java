package dev.kc.controlplane.apiserver;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource path, parsed: {@code /apis/apps/v1/namespaces/default/deployments/web/scale}.
 *
 * @param group API group ({@code ""} for {@code /api/v1})
 * @param version API version
 * @param namespace namespace from the path, or {@code null}
 * @param plural resource name
 * @param name object name, or {@code null} for a collection
 * @param subresource {@code status}, {@code scale}, or {@code null}
 * @param legacyWatch whether the path used the old {@code /watch/} prefix
 */
record RequestPath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    boolean legacyWatch) {

  /** Parses a resource path, or returns {@code null} when it is not one. */
  static RequestPath parse(String path) {
    List<String> s = segments(path);
    int i;
    String group;
    String version;
    if (s.size() >= 2 && s.get(0).equals("api")) {
      group = "";
      version = s.get(1);
      i = 2;
    } else if (s.size() >= 3 && s.get(0).equals("apis")) {
      group = s.get(1);
      version = s.get(2);
      i = 3;
    } else {
      return null;
    }
    List<String> rest = s.subList(i, s.size());
    if (rest.isEmpty()) {
      return null;
    }
    boolean watch = false;
    if (rest.get(0).equals("watch")) {
      watch = true;
      rest = rest.subList(1, rest.size());
    }
    String namespace = null;
    // /namespaces/{ns}/{plural}/... is a namespaced path; /namespaces/{name}[/status] is the
    // Namespace object itself.
    if (rest.size() >= 3
        && rest.get(0).equals("namespaces")
        && !rest.get(2).equals("status")
        && !rest.get(2).equals("finalize")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.size() > 3) {
      return null;
    }
    return new RequestPath(
        group,
        version,
        namespace,
        rest.get(0),
        rest.size() > 1 ? rest.get(1) : null,
        rest.size() > 2 ? rest.get(2) : null,
        watch);
  }

  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        out.add(java.net.URLDecoder.decode(part, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
