package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents: aggregated ({@code apidiscovery.k8s.io/v2}) and the legacy forms. All
 * are computed once from the registry.
 */
final class Discovery {
  /** The Content-Type kubectl requires to read an aggregated document as such. */
  static final String AGGREGATED_TYPE =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private final Registry registry;
  private final byte[] aggregatedCore;
  private final byte[] aggregatedGroups;
  private final byte[] legacyCore;
  private final byte[] legacyGroups;

  Discovery(Registry registry, String serverAddress) {
    this.registry = registry;
    this.aggregatedCore = Json.encode(aggregated(true));
    this.aggregatedGroups = Json.encode(aggregated(false));
    ObjectNode versions = Json.object();
    versions.put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    ObjectNode cidr = versions.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    this.legacyCore = Json.encode(versions);
    ObjectNode groups = Json.object();
    groups.put("kind", "APIGroupList");
    groups.put("apiVersion", "v1");
    ArrayNode items = groups.putArray("groups");
    for (Map.Entry<String, List<String>> g : registry.groups().entrySet()) {
      if (!g.getKey().isEmpty()) {
        items.add(group(g.getKey(), g.getValue()));
      }
    }
    this.legacyGroups = Json.encode(groups);
  }

  /** Whether an Accept header asks for aggregated discovery. */
  static boolean wantsAggregated(String accept) {
    return accept != null && accept.contains("as=APIGroupDiscoveryList");
  }

  byte[] core(boolean aggregated) {
    return aggregated ? aggregatedCore : legacyCore;
  }

  byte[] groups(boolean aggregated) {
    return aggregated ? aggregatedGroups : legacyGroups;
  }

  /** {@code /apis/{group}}, or {@code null} when the group is not served. */
  ObjectNode group(String name) {
    List<String> versions = registry.groups().get(name);
    if (versions == null || name.isEmpty()) {
      return null;
    }
    ObjectNode g = group(name, versions);
    g.put("kind", "APIGroup");
    g.put("apiVersion", "v1");
    return g;
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode g = Json.object();
    g.put("name", name);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      ObjectNode vn = vs.addObject();
      vn.put("groupVersion", name + "/" + v);
      vn.put("version", v);
    }
    ObjectNode preferred = g.putObject("preferredVersion");
    preferred.put("groupVersion", name + "/" + versions.get(0));
    preferred.put("version", versions.get(0));
    return g;
  }

  /** {@code /api/v1} or {@code /apis/{group}/{version}}, or {@code null} when not served. */
  ObjectNode resourceList(String group, String version) {
    List<ResourceType> types = registry.typesIn(group, version);
    if (types.isEmpty()) {
      return null;
    }
    ObjectNode list = Json.object();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural());
      r.put("singularName", t.singular());
      r.put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      addStrings(r.putArray("verbs"), ResourceType.VERBS);
      if (!t.shortNames().isEmpty()) {
        addStrings(r.putArray("shortNames"), t.shortNames());
      }
      if (!t.categories().isEmpty()) {
        addStrings(r.putArray("categories"), t.categories());
      }
      for (String sub : List.of("status", "scale")) {
        if (t.subresources().contains(sub)) {
          ObjectNode s = resources.addObject();
          s.put("name", t.plural() + "/" + sub);
          s.put("singularName", "");
          s.put("namespaced", t.namespaced());
          if (sub.equals("scale")) {
            s.put("group", "autoscaling");
            s.put("version", "v1");
            s.put("kind", "Scale");
          } else {
            s.put("kind", t.kind());
          }
          addStrings(s.putArray("verbs"), List.of("get", "patch", "update"));
        }
      }
    }
    return list;
  }

  private ObjectNode aggregated(boolean core) {
    ObjectNode doc = Json.object();
    doc.put("kind", "APIGroupDiscoveryList");
    doc.put("apiVersion", "apidiscovery.k8s.io/v2");
    doc.putObject("metadata");
    ArrayNode items = doc.putArray("items");
    for (Map.Entry<String, List<String>> g : registry.groups().entrySet()) {
      if (g.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      ObjectNode meta = item.putObject("metadata");
      if (!core) {
        meta.put("name", g.getKey());
      }
      ArrayNode versions = item.putArray("versions");
      for (String v : g.getValue()) {
        ObjectNode vn = versions.addObject();
        vn.put("version", v);
        ArrayNode resources = vn.putArray("resources");
        for (ResourceType t : registry.typesIn(g.getKey(), v)) {
          resources.add(aggregatedResource(t, v));
        }
        vn.put("freshness", "Current");
      }
    }
    return doc;
  }

  private static ObjectNode aggregatedResource(ResourceType t, String version) {
    ObjectNode r = Json.object();
    r.put("resource", t.plural());
    ObjectNode kind = r.putObject("responseKind");
    kind.put("group", t.group());
    kind.put("version", version);
    kind.put("kind", t.kind());
    r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
    r.put("singularResource", t.singular());
    addStrings(r.putArray("verbs"), ResourceType.VERBS);
    if (!t.shortNames().isEmpty()) {
      addStrings(r.putArray("shortNames"), t.shortNames());
    }
    if (!t.categories().isEmpty()) {
      addStrings(r.putArray("categories"), t.categories());
    }
    if (!t.subresources().isEmpty()) {
      ArrayNode subs = r.putArray("subresources");
      for (String sub : List.of("status", "scale")) {
        if (!t.subresources().contains(sub)) {
          continue;
        }
        ObjectNode s = subs.addObject();
        s.put("subresource", sub);
        ObjectNode rk = s.putObject("responseKind");
        if (sub.equals("scale")) {
          rk.put("group", "autoscaling");
          rk.put("version", "v1");
          rk.put("kind", "Scale");
        } else {
          rk.put("group", t.group());
          rk.put("version", version);
          rk.put("kind", t.kind());
        }
        addStrings(s.putArray("verbs"), List.of("get", "patch", "update"));
      }
    }
    return r;
  }

  private static void addStrings(ArrayNode array, List<String> values) {
    for (String v : values) {
      array.add(v);
    }
  }
}
