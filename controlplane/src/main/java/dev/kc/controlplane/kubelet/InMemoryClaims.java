package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.kubelet.sim.Volume;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.registry.ResourceType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claim storage kept in memory, one volume per claim uid, available as soon as the claim exists.
 * The storage controller replaces it with volumes that wait for binding and persist.
 */
final class InMemoryClaims implements Kubelet.ClaimVolumes {
  private final ObjectService objects;
  private final ResourceType claims;
  private final Map<String, Volume> volumes = new ConcurrentHashMap<>();

  InMemoryClaims(ObjectService objects) {
    this.objects = objects;
    this.claims = objects.registry().byResource("", "v1", "persistentvolumeclaims").orElseThrow();
  }

  @Override
  public Volume volume(String namespace, String claimName) {
    try {
      String uid =
          Json.at(objects.get(claims, "v1", namespace, claimName), "metadata", "uid").asString("");
      return volumes.computeIfAbsent(uid, u -> new Volume());
    } catch (ApiException e) {
      return null;
    }
  }
}
