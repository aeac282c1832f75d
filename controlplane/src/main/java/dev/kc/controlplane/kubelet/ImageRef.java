package dev.kc.controlplane.kubelet;

/**
 * An image reference split the way a container runtime reads it: {@code registry.k8s.io/pause:3.9}
 * → repository {@code registry.k8s.io/pause}, tag {@code 3.9}. A reference without tag means {@code
 * latest}; a digest ({@code @sha256:...}) is kept as is.
 */
public record ImageRef(String repository, String tag, String digest) {

  /** Parses a reference, or returns {@code null} when it is not a valid one. */
  public static ImageRef parse(String image) {
    if (image == null || image.isBlank() || !image.equals(image.strip())) {
      return null;
    }
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!digest.matches("[a-z0-9]+:[a-f0-9]{32,}")) {
        return null;
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
        return null;
      }
    }
    if (!rest.matches("[a-z0-9]+([._-]+[a-z0-9]+|/[a-z0-9]+|:[0-9]+/?)*(/[a-z0-9._-]+)*")) {
      return null;
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
    return new ImageRef(rest, tag, digest);
  }

  /**
   * The repository without the implicit Docker Hub prefixes: {@code docker.io/library/nginx} →
   * {@code nginx}.
   */
  public String shortRepository() {
    String r = repository;
    for (String prefix :
        new String[] {"docker.io/library/", "docker.io/", "index.docker.io/library/"}) {
      if (r.startsWith(prefix)) {
        return r.substring(prefix.length());
      }
    }
    return r;
  }

  /** {@code repo:tag} (or {@code repo@digest}), normalised. */
  public String canonical() {
    return shortRepository() + (digest.isEmpty() ? ":" + tag : "@" + digest);
  }
}
