package dev.kc.controlplane.admission;

/**
 * An immutable field path as Kubernetes prints it: children joined with dots, list indices as
 * {@code [0]} and map keys as {@code [key]} (e.g. {@code
 * spec.containers[0].resources.limits[cpu]}).
 */
final class Path {

  static final Path ROOT = new Path("");

  private final String text;

  private Path(String text) {
    this.text = text;
  }

  /** Starts a path at the given top-level field names, e.g. {@code of("spec", "replicas")}. */
  static Path of(String... names) {
    return ROOT.child(names);
  }

  /** Returns this path extended by one or more field names. */
  Path child(String... names) {
    StringBuilder s = new StringBuilder(text);
    for (String n : names) {
      if (s.length() > 0) {
        s.append('.');
      }
      s.append(n);
    }
    return new Path(s.toString());
  }

  /** Returns this path extended by a list index. */
  Path index(int i) {
    return new Path(text + "[" + i + "]");
  }

  /** Returns this path extended by a map key. */
  Path key(String k) {
    return new Path(text + "[" + k + "]");
  }

  @Override
  public String toString() {
    return text;
  }
}
