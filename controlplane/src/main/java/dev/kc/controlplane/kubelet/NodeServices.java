package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.kubelet.sim.Volume;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a pod's runtime needs from its node's kubelet. */
interface NodeServices {
  String nodeName();

  String hostIp();

  KubeletConfig config();

  ImageStore images();

  Faults faults();

  /** Records an event about the pod (component {@code kubelet}, host = node). */
  void event(ObjectNode pod, String type, String reason, String message, String fieldPath);

  /** A ConfigMap or Secret, or {@code null} when it does not exist. */
  JsonNode object(String kind, String namespace, String name);

  /** The node's directory at {@code path}, shared by its pods' hostPath volumes. */
  Volume hostPath(String path);

  /** The storage behind a bound claim, or {@code null} while the claim is not bound. */
  Volume claim(String namespace, String claimName);

  /** The pod's IP on this node (the same on repeated calls). */
  String allocateIp(String podUid);

  void releaseIp(String podUid);

  /** DNS as seen from the pod. */
  Function<String, List<String>> resolver(ObjectNode pod);
}
