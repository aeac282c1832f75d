package dev.kc.controlplane.objects;

import dev.kc.controlplane.registry.ResourceType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** How writes treat the parts of an object: spec versus status versus metadata. */
final class ObjectStatus {
  private static final List<String> NOT_SPEC = List.of("apiVersion", "kind", "metadata", "status");

  private ObjectStatus() {}

  /**
   * Sets the status a new object starts with. Most types start without one; pods start Pending,
   * claims and volumes Pending, namespaces Active. Nodes keep what their creator reports.
   */
  static void resetOnCreate(ResourceType type, ObjectNode obj) {
    if (!type.hasStatus() || type.kind().equals("Node")) {
      return;
    }
    obj.remove("status");
    switch (type.kind()) {
      case "Pod" -> {
        ObjectNode s = obj.putObject("status");
        s.put("phase", "Pending");
        s.put("qosClass", QosClass.of(obj.path("spec")));
      }
      case "PersistentVolumeClaim", "PersistentVolume" ->
          obj.putObject("status").put("phase", "Pending");
      case "Namespace" -> obj.putObject("status").put("phase", "Active");
      default -> {
        // No initial status.
      }
    }
  }

  /** A write to the main resource cannot change status: keep the stored one. */
  static void keepStatus(ObjectNode old, ObjectNode obj) {
    JsonNode status = old.get("status");
    if (status == null) {
      obj.remove("status");
    } else {
      obj.set("status", status.deepCopy());
    }
  }

  /** A write to the status subresource changes only status: everything else stays as stored. */
  static void keepAllButStatus(ObjectNode old, ObjectNode obj) {
    JsonNode status = obj.get("status");
    JsonNode meta = obj.get("metadata");
    obj.removeAll();
    Iterator<Map.Entry<String, JsonNode>> it = old.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("status") && !e.getKey().equals("metadata")) {
        obj.set(e.getKey(), e.getValue().deepCopy());
      } else if (e.getKey().equals("metadata")) {
        obj.set("metadata", meta);
      }
    }
    ObjectNode m = Json.metadata(obj);
    ObjectNode oldMeta = Json.metadata(old);
    for (String f : List.of("labels", "annotations", "finalizers", "ownerReferences")) {
      JsonNode v = oldMeta.get(f);
      if (v == null) {
        m.remove(f);
      } else {
        m.set(f, v.deepCopy());
      }
    }
    if (status != null) {
      obj.set("status", status);
    }
  }

  /** Whether everything but metadata and status is equal. */
  static boolean sameSpec(ObjectNode a, ObjectNode b) {
    return withoutFields(a, NOT_SPEC).equals(withoutFields(b, NOT_SPEC));
  }

  /** Whether the objects are equal apart from their resourceVersion (a no-op write). */
  static boolean sameIgnoringVersion(ObjectNode a, ObjectNode b) {
    ObjectNode x = a.deepCopy();
    ObjectNode y = b.deepCopy();
    Json.metadata(x).remove("resourceVersion");
    Json.metadata(y).remove("resourceVersion");
    return x.equals(y);
  }

  private static ObjectNode withoutFields(ObjectNode obj, List<String> fields) {
    ObjectNode copy = obj.deepCopy();
    for (String f : fields) {
      copy.remove(f);
    }
    return copy;
  }
}
