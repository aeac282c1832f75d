package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.kubelet.ContainerLog;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What kc serves beyond the Kubernetes API, under {@code /kc/v1}: the simulation's clock, images,
 * nodes, faults and container access. Implemented by the daemon's wiring.
 */
public interface ClusterOps {
  /** {@code {"time": "...", "mode": "virtual"|"real"}}. */
  ObjectNode clock();

  /**
   * Moves a virtual clock and waits until the system has settled.
   *
   * @throws dev.kc.controlplane.objects.ApiException 400 on a real clock
   */
  ObjectNode advance(Duration by);

  ObjectNode images();

  void loadImages(List<String> names, List<Integer> ports);

  /** Returns the names that were not loaded. */
  List<String> removeImages(List<String> names);

  void setUnpullable(String image, boolean broken);

  /** Adds a simulated node from {@code {name, cpu, memory, labels, taints}}. */
  ObjectNode addNode(ObjectNode spec);

  void removeNode(String name);

  void setNodeDown(String name, boolean down);

  /** {@code {"exitCode": N, "output": "..."}}. */
  ObjectNode exec(String namespace, String pod, String container, List<String> argv);

  ContainerLog log(String namespace, String pod, String container, boolean previous);

  void crash(String namespace, String pod, String container, int exitCode);

  /** Forces readiness probes to pass or fail; {@code null} clears the override. */
  void readiness(String namespace, String pod, String container, Boolean pass);

  /** Resolves a cluster DNS name as pods see it. */
  List<String> resolve(String name);
}
