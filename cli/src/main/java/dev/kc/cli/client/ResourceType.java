package dev.kc.cli.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One resource type the server offers, as learnt from discovery.
 *
 * @param group API group, empty for the core group
 * @param version API version, e.g. {@code v1}
 * @param resource plural resource name, e.g. {@code deployments}
 * @param singular singular name, e.g. {@code deployment}
 * @param kind the Kind, e.g. {@code Deployment}
 * @param namespaced whether objects live in namespaces
 * @param shortNames short names such as {@code deploy}
 * @param categories categories such as {@code all}
 * @param verbs supported verbs
 */
public record ResourceType(
    String group,
    String version,
    String resource,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs) {

  /** {@code apps/v1}, or {@code v1} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * The name kubectl uses in {@code -o name} output and result lines: the lower-cased kind plus the
   * group, e.g. {@code deployment.apps} or {@code pod}.
   */
  public String kindGroup() {
    String k = kind.toLowerCase(java.util.Locale.ROOT);
    return group.isEmpty() ? k : k + "." + group;
  }

  /**
   * The group-qualified plural used in server messages, e.g. {@code deployments.apps} or {@code
   * pods}.
   */
  public String groupResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  /**
   * The collection path, e.g. {@code /apis/apps/v1/namespaces/default/deployments}.
   *
   * @param namespace the namespace, or {@code null} for all namespaces (or a cluster-scoped type)
   */
  public String collectionPath(String namespace) {
    StringBuilder sb = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
    sb.append(version);
    if (namespaced && namespace != null) {
      sb.append("/namespaces/").append(encode(namespace));
    }
    return sb.append('/').append(resource).toString();
  }

  /** The path of one object, e.g. {@code /api/v1/namespaces/default/pods/x}. */
  public String objectPath(String namespace, String name) {
    return collectionPath(namespace) + "/" + encode(name);
  }

  // equals and hashCode are written out: a record's generated ones bootstrap method handles on
  // first use, which costs a cold CLI tens of milliseconds.

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResourceType)) {
      return false;
    }
    ResourceType t = (ResourceType) o;
    return group.equals(t.group) && version.equals(t.version) && resource.equals(t.resource);
  }

  @Override
  public int hashCode() {
    return (group.hashCode() * 31 + version.hashCode()) * 31 + resource.hashCode();
  }

  @Override
  public String toString() {
    return groupResource() + "/" + version;
  }

  /** Percent-encodes a path segment or query value. */
  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
