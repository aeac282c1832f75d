package dev.kc.controlplane.controller.replicaset;

import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pod writes a workload controller makes: the seam tests replace to provoke failures.
 * Implementations throw {@link dev.kc.controlplane.objects.ApiException} as the API would.
 */
interface PodControl {
  /** Creates {@code pod} in {@code namespace}; returns the stored pod (with its name). */
  ObjectNode create(String namespace, ObjectNode pod);

  /** Deletes a pod with the default grace period. */
  void delete(String namespace, String name);

  /** Writes through the object service, as {@code manager}. */
  static PodControl of(ObjectService objects, String manager) {
    ResourceType pods = objects.registry().byKind("v1", "Pod").orElseThrow();
    return new PodControl() {
      @Override
      public ObjectNode create(String namespace, ObjectNode pod) {
        return objects.create(pods, "v1", namespace, pod, WriteOptions.internal(manager)).object();
      }

      @Override
      public void delete(String namespace, String name) {
        objects.delete(pods, "v1", namespace, name, DeleteOptions.DEFAULT);
      }
    };
  }
}
