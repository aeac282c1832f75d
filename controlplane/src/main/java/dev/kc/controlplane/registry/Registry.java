package dev.kc.controlplane.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API serves. One table drives discovery, routing, storage keys and printing.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public final class Registry {
  private final List<ResourceType> types;
  private final Map<String, ResourceType> byGroupResource = new LinkedHashMap<>();
  private final Map<String, ResourceType> byGroupKind = new LinkedHashMap<>();

  public Registry(List<ResourceType> types) {
    this.types = List.copyOf(types);
    for (ResourceType t : types) {
      byGroupResource.put(t.group() + "/" + t.plural(), t);
      byGroupKind.put(t.group() + "/" + t.kind(), t);
    }
  }

  /** The built-in Kubernetes types kc serves. */
  public static Registry builtin() {
    return new Registry(BuiltinTypes.all());
  }

  public List<ResourceType> types() {
    return types;
  }

  /** The type served at {@code /apis/group/version/plural}, or empty if not served there. */
  public Optional<ResourceType> byResource(String group, String version, String plural) {
    ResourceType t = byGroupResource.get(group + "/" + plural);
    return t != null && t.servesVersion(version) ? Optional.of(t) : Optional.empty();
  }

  /** The type of {@code kind} in {@code apiVersion}, or empty if not served in that version. */
  public Optional<ResourceType> byKind(String apiVersion, String kind) {
    String group = groupOf(apiVersion);
    ResourceType t = byGroupKind.get(group + "/" + kind);
    return t != null && t.servesVersion(versionOf(apiVersion)) ? Optional.of(t) : Optional.empty();
  }

  /** Groups in discovery order, each with its versions, preferred first. Core is {@code ""}. */
  public Map<String, List<String>> groups() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (ResourceType t : types) {
      List<String> versions = out.computeIfAbsent(t.group(), g -> new ArrayList<>());
      for (String v : t.versions()) {
        if (!versions.contains(v)) {
          versions.add(v);
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Types served in one group version, in table order. */
  public List<ResourceType> typesIn(String group, String version) {
    List<ResourceType> out = new ArrayList<>();
    for (ResourceType t : types) {
      if (t.group().equals(group) && t.servesVersion(version)) {
        out.add(t);
      }
    }
    return out;
  }

  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public static String versionOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }
}
