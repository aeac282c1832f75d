package dev.kc.controlplane.controller.replicaset;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.registry.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides which pods a ReplicaSet owns, as Kubernetes' controller-ref manager does: pods it
 * controls and still selects are kept; pods it controls but no longer selects are released
 * (ownerReference removed); orphans it selects are adopted (controller ownerReference added),
 * unless the ReplicaSet is being deleted. Pods controlled by someone else are never touched.
 */
final class PodClaims {
  private final ObjectService objects;
  private final ResourceType podType;
  private final ResourceType rsType;
  private final String manager;

  PodClaims(ObjectService objects, String manager) {
    this.objects = objects;
    this.manager = manager;
    this.podType = objects.registry().byKind("v1", "Pod").orElseThrow();
    this.rsType = objects.registry().byKind("apps/v1", "ReplicaSet").orElseThrow();
  }

  /**
   * Claims among {@code pods} (cached, read-only) for {@code rs}.
   *
   * @return the pods the ReplicaSet owns after claiming (cached copies, or the adopted copies)
   * @throws ApiException when adopting or releasing fails for another reason than the pod being
   *     gone; the caller retries the whole sync
   * @throws IllegalStateException when the ReplicaSet turns out to be deleted or replaced, so it
   *     must not adopt
   */
  List<ObjectNode> claim(ObjectNode rs, LabelSelector selector, List<ObjectNode> pods) {
    String rsUid = Pods.uid(rs);
    List<ObjectNode> owned = new ArrayList<>();
    boolean adoptionChecked = false;
    for (ObjectNode pod : pods) {
      JsonNode ref = Pods.controllerRef(pod);
      boolean selected = selector.matches(LabelSelector.labelsOf(pod));
      if (ref != null) {
        if (!ref.path("uid").asString("").equals(rsUid)) {
          continue;
        }
        if (selected) {
          owned.add(pod);
        } else if (!Pods.isDeleting(rs)) {
          release(rs, pod);
        }
        continue;
      }
      if (Pods.isDeleting(rs) || !selected || Pods.isDeleting(pod)) {
        continue;
      }
      if (!adoptionChecked) {
        checkCanAdopt(rs);
        adoptionChecked = true;
      }
      ObjectNode adopted = adopt(rs, pod);
      if (adopted != null) {
        owned.add(adopted);
      }
    }
    return owned;
  }

  /**
   * Re-reads the ReplicaSet from the store before its first adoption: the cache may still show a
   * ReplicaSet that has just been deleted, or replaced by one with the same name.
   */
  private void checkCanAdopt(ObjectNode rs) {
    ObjectNode fresh;
    try {
      fresh = objects.get(rsType, "v1", Pods.namespace(rs), Pods.name(rs));
    } catch (ApiException e) {
      if (e.code() == 404) {
        throw new IllegalStateException(
            "original ReplicaSet " + Pods.namespace(rs) + "/" + Pods.name(rs) + " is gone", e);
      }
      throw e;
    }
    if (!Pods.uid(fresh).equals(Pods.uid(rs))) {
      throw new IllegalStateException(
          "original ReplicaSet "
              + Pods.namespace(rs)
              + "/"
              + Pods.name(rs)
              + " is gone: got uid "
              + Pods.uid(fresh)
              + ", wanted "
              + Pods.uid(rs));
    }
    if (Pods.isDeleting(fresh)) {
      throw new IllegalStateException(
          Pods.namespace(rs)
              + "/"
              + Pods.name(rs)
              + " has just been deleted at "
              + Json.at(fresh, "metadata", "deletionTimestamp").asString(""));
    }
  }

  /** Adds the controller reference; returns the adopted pod, or null if it was lost meanwhile. */
  private ObjectNode adopt(ObjectNode rs, ObjectNode pod) {
    String podUid = Pods.uid(pod);
    ObjectNode updated;
    try {
      updated =
          objects.update(
              podType,
              Pods.namespace(pod),
              Pods.name(pod),
              null,
              p -> {
                if (Pods.uid(p).equals(podUid)
                    && Pods.controllerRef(p) == null
                    && !Pods.isDeleting(p)) {
                  ownerReferences(p).add(controllerRef(rs));
                }
                return p;
              },
              manager);
    } catch (ApiException e) {
      if (e.code() == 404) {
        return null;
      }
      throw e;
    }
    JsonNode ref = Pods.controllerRef(updated);
    boolean ours = ref != null && ref.path("uid").asString("").equals(Pods.uid(rs));
    return ours && Pods.uid(updated).equals(podUid) ? updated : null;
  }

  /** Removes the ReplicaSet's reference from a pod it no longer selects. */
  private void release(ObjectNode rs, ObjectNode pod) {
    String podUid = Pods.uid(pod);
    String rsUid = Pods.uid(rs);
    try {
      objects.update(
          podType,
          Pods.namespace(pod),
          Pods.name(pod),
          null,
          p -> {
            if (Pods.uid(p).equals(podUid)) {
              Iterator<JsonNode> it = ownerReferences(p).iterator();
              while (it.hasNext()) {
                if (it.next().path("uid").asString("").equals(rsUid)) {
                  it.remove();
                }
              }
              if (ownerReferences(p).isEmpty()) {
                Json.metadata(p).remove("ownerReferences");
              }
            }
            return p;
          },
          manager);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private static ArrayNode ownerReferences(ObjectNode obj) {
    ObjectNode meta = Json.metadata(obj);
    JsonNode refs = meta.get("ownerReferences");
    return refs instanceof ArrayNode a ? a : meta.putArray("ownerReferences");
  }

  /** {@code {apiVersion: apps/v1, kind: ReplicaSet, name, uid, controller, blockOwnerDeletion}}. */
  static ObjectNode controllerRef(ObjectNode rs) {
    ObjectNode ref = Json.object();
    ref.put("apiVersion", "apps/v1");
    ref.put("kind", "ReplicaSet");
    ref.put("name", Pods.name(rs));
    ref.put("uid", Pods.uid(rs));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }
}
