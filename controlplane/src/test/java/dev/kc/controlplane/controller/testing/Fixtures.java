package dev.kc.controlplane.controller.testing;

import dev.kc.controlplane.objects.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tiny builders for test objects. Each takes optional JSON snippets that are deep-merged into the
 * base object (objects merge field by field; anything else replaces), so a test states only what
 * matters to it: {@code pod("a", "{spec:{nodeSelector:{disk:ssd}}}")}. Snippets may use unquoted
 * field names and single quotes.
 */
public final class Fixtures {
  private Fixtures() {}

  /** A pod in {@code default} with one container and the fields admission would default. */
  public static ObjectNode pod(String name, String... patches) {
    ObjectNode pod =
        parse(
            "{apiVersion:'v1',kind:'Pod',metadata:{name:'"
                + name
                + "',namespace:'default'},"
                + "spec:{containers:[{name:'app',image:'nginx:1.27'}],restartPolicy:'Always',"
                + "terminationGracePeriodSeconds:30,schedulerName:'default-scheduler'}}");
    return merge(pod, patches);
  }

  /** A Ready node with the given allocatable cpu and memory and 110 pods. */
  public static ObjectNode node(String name, String cpu, String memory, String... patches) {
    String res = "{cpu:'" + cpu + "',memory:'" + memory + "',pods:'110'}";
    ObjectNode node =
        parse(
            "{apiVersion:'v1',kind:'Node',metadata:{name:'"
                + name
                + "',labels:{"
                + "'kubernetes.io/hostname':'"
                + name
                + "','kubernetes.io/os':'linux'}},"
                + "spec:{},status:{capacity:"
                + res
                + ",allocatable:"
                + res
                + ","
                + "conditions:[{type:'Ready',status:'True',reason:'KubeletReady'}]}}");
    return merge(node, patches);
  }

  /** A ReplicaSet in {@code default} selecting and labelling its pods {@code app=<name>}. */
  public static ObjectNode replicaSet(String name, int replicas, String... patches) {
    ObjectNode rs =
        parse(
            "{apiVersion:'apps/v1',kind:'ReplicaSet',metadata:{name:'"
                + name
                + "',"
                + "namespace:'default',labels:{app:'"
                + name
                + "'}},spec:{replicas:"
                + replicas
                + ",selector:{matchLabels:{app:'"
                + name
                + "'}},template:{metadata:{labels:{"
                + "app:'"
                + name
                + "'}},spec:{containers:[{name:'app',image:'nginx:1.27'}],"
                + "restartPolicy:'Always',terminationGracePeriodSeconds:30}}}}");
    return merge(rs, patches);
  }

  /** An owner reference as a JSON snippet for {@code metadata.ownerReferences}. */
  public static String ownedBy(ObjectNode owner, boolean controller) {
    return "{metadata:{ownerReferences:[{apiVersion:'"
        + Json.text(owner, "apiVersion")
        + "',kind:'"
        + Json.text(owner, "kind")
        + "',name:'"
        + Json.at(owner, "metadata", "name").asString()
        + "',uid:'"
        + Json.at(owner, "metadata", "uid").asString()
        + "',controller:"
        + controller
        + ",blockOwnerDeletion:true}]}}";
  }

  /** Parses a relaxed JSON snippet (unquoted names, single quotes). */
  public static ObjectNode parse(String json) {
    return (ObjectNode)
        tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .enable(tools.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build()
            .readTree(json);
  }

  /** Deep-merges the snippets into {@code base}, in order; returns {@code base}. */
  public static ObjectNode merge(ObjectNode base, String... patches) {
    for (String p : patches) {
      mergeInto(base, parse(p));
    }
    return base;
  }

  private static void mergeInto(ObjectNode base, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode p) {
        mergeInto(o, p);
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }
}
