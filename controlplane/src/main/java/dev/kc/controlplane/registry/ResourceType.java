package dev.kc.controlplane.registry;

import java.util.List;
import java.util.Set;

/**
 * One kind of object the API serves: its names, scope, verbs and subresources.
 *
 * <p>A type may be served in several versions of its group (HorizontalPodAutoscaler in
 * autoscaling/v2 and v1); it is stored once, in {@link #storageVersion()}, and converted on the way
 * in and out.
 *
 * @param group API group ({@code ""} for core)
 * @param versions served versions, preferred first; the first is the storage version
 * @param kind the Kind
 * @param plural the resource name in URLs
 * @param singular the singular resource name
 * @param shortNames kubectl short names
 * @param categories discovery categories ({@code all})
 * @param namespaced whether objects live in namespaces
 * @param subresources served subresources ({@code status}, {@code scale})
 * @param hasGeneration whether the server maintains {@code metadata.generation} for spec changes
 */
public record ResourceType(
    String group,
    List<String> versions,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    List<String> categories,
    boolean namespaced,
    Set<String> subresources,
    boolean hasGeneration) {

  /** The verbs every served type supports. */
  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** The version objects are stored in. */
  public String storageVersion() {
    return versions.get(0);
  }

  /** {@code apps/v1}, or {@code v1} for core. */
  public String apiVersion(String version) {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The storage key's resource: {@code deployments.apps}, or {@code pods} for core. */
  public String storageResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** How Kubernetes names the resource in messages: {@code deployments.apps}, {@code pods}. */
  public String qualifiedResource() {
    return storageResource();
  }

  /** {@code Deployment.apps}, {@code Pod}: how 422 messages name the kind. */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  public boolean hasStatus() {
    return subresources.contains("status");
  }

  public boolean hasScale() {
    return subresources.contains("scale");
  }

  public boolean servesVersion(String version) {
    return versions.contains(version);
  }
}
