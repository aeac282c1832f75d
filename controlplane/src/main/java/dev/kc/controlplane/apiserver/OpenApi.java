package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAPI v3 documents, one per group version, with an index at {@code /openapi/v3}.
 *
 * <p>kubectl reads them before apply, create, replace and edit: when the document shows that the
 * server validates fields ({@code fieldValidation} on the kind's patch operation), kubectl leaves
 * validation to the server instead of needing the protobuf v2 document.
 */
// TODO: the documents carry operations but no schemas yet, so `kubectl explain` finds nothing.
final class OpenApi {
  private final Map<String, byte[]> documents = new LinkedHashMap<>();
  private final byte[] index;

  OpenApi(Registry registry) {
    ObjectNode idx = Json.object();
    ObjectNode paths = idx.putObject("paths");
    for (Map.Entry<String, List<String>> g : registry.groups().entrySet()) {
      for (String v : g.getValue()) {
        String key = g.getKey().isEmpty() ? "api/" + v : "apis/" + g.getKey() + "/" + v;
        byte[] doc = Json.encode(document(registry, g.getKey(), v));
        documents.put(key, doc);
        String hash = Integer.toHexString(java.util.Arrays.hashCode(doc)).toUpperCase();
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash);
      }
    }
    this.index = Json.encode(idx);
  }

  byte[] index() {
    return index;
  }

  /** The document for {@code api/v1} or {@code apis/apps/v1}, or {@code null}. */
  byte[] document(String key) {
    return documents.get(key);
  }

  private static ObjectNode document(Registry registry, String group, String version) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "v1.32.0");
    ObjectNode paths = doc.putObject("paths");
    for (ResourceType t : registry.typesIn(group, version)) {
      String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
      String path =
          prefix + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural() + "/{name}";
      ObjectNode patch = paths.putObject(path).putObject("patch");
      patch.put("operationId", "patch" + t.kind());
      patch.put("x-kubernetes-action", "patch");
      ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
      gvk.put("group", group);
      gvk.put("version", version);
      gvk.put("kind", t.kind());
      ObjectNode param = patch.putArray("parameters").addObject();
      param.put("name", "fieldValidation");
      param.put("in", "query");
      param.putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    doc.putObject("components").putObject("schemas");
    return doc;
  }
}
