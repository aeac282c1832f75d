package dev.kc.store;

import java.util.Objects;

/**
 * Identifies one stored object: its resource (plural, with group, e.g. {@code deployments.apps}),
 * its namespace ({@code ""} for cluster-scoped objects) and its name.
 */
public record Key(String resource, String namespace, String name) implements Comparable<Key> {

  public Key {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** A key for a cluster-scoped object. */
  public static Key cluster(String resource, String name) {
    return new Key(resource, "", name);
  }

  /** Orders by resource, then namespace, then name: the order lists are returned in. */
  @Override
  public int compareTo(Key o) {
    int c = resource.compareTo(o.resource);
    if (c != 0) {
      return c;
    }
    c = namespace.compareTo(o.namespace);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? resource + "/" + name : resource + "/" + namespace + "/" + name;
  }
}
