package dev.kc.api.patch;

import java.util.HashMap;
import java.util.Map;

/**
 * Our patch-metadata table for the built-in kinds kc serves. Each constant mirrors the {@code
 * patchStrategy}/{@code patchMergeKey} struct tags of one Kubernetes Go type (k8s.io/api 1.32); the
 * tags were checked against the struct tags compiled into kubectl 1.32. Lists that are not declared
 * here are atomic (replaced whole); atomic lists that users commonly patch are declared anyway with
 * {@code atomicList} so the table documents them.
 *
 * <p>Only fields that differ from the default need an entry: a nested object is only declared when
 * something below it has metadata.
 */
final class BuiltinPatchMeta {

  // --- shared meta/v1 types

  static final PatchMeta OWNER_REFERENCE = PatchMeta.builder("OwnerReference").build();

  static final PatchMeta OBJECT_META =
      PatchMeta.builder("ObjectMeta")
          .mergedSet("finalizers")
          .mergedList("ownerReferences", "uid", OWNER_REFERENCE)
          .atomicList("managedFields")
          .build();

  /** matchLabels merges as a map; matchExpressions has no tags and is atomic. */
  static final PatchMeta LABEL_SELECTOR =
      PatchMeta.builder("LabelSelector").atomicList("matchExpressions").build();

  /** Status conditions (core and apps types, metav1.Condition) merge by {@code type}. */
  static final PatchMeta CONDITION = PatchMeta.builder("Condition").build();

  static final PatchMeta CONDITIONS_STATUS =
      PatchMeta.builder("Status").mergedList("conditions", "type", CONDITION).build();

  // --- containers

  static final PatchMeta CONTAINER_PORT = PatchMeta.builder("ContainerPort").build();
  static final PatchMeta ENV_VAR = PatchMeta.builder("EnvVar").build();
  static final PatchMeta VOLUME_MOUNT = PatchMeta.builder("VolumeMount").build();
  static final PatchMeta VOLUME_DEVICE = PatchMeta.builder("VolumeDevice").build();

  /** ResourceRequirements: limits/requests merge as maps; claims carries no patch tags. */
  static final PatchMeta RESOURCE_REQUIREMENTS =
      PatchMeta.builder("ResourceRequirements").atomicList("claims").build();

  /**
   * Container, also used for EphemeralContainer (EphemeralContainerCommon declares the same tags).
   * args and command are atomic: their order is meaningful.
   */
  static final PatchMeta CONTAINER =
      PatchMeta.builder("Container")
          .atomicList("command")
          .atomicList("args")
          .mergedList("ports", "containerPort", CONTAINER_PORT)
          .atomicList("envFrom")
          .mergedList("env", "name", ENV_VAR)
          .object("resources", RESOURCE_REQUIREMENTS)
          .atomicList("resizePolicy")
          .mergedList("volumeMounts", "mountPath", VOLUME_MOUNT)
          .mergedList("volumeDevices", "devicePath", VOLUME_DEVICE)
          .build();

  // --- pods

  /** Volume is a union of volume sources, hence retainKeys on the pod's volumes list. */
  static final PatchMeta VOLUME = PatchMeta.builder("Volume").build();

  static final PatchMeta LOCAL_OBJECT_REFERENCE = PatchMeta.builder("LocalObjectReference").build();
  static final PatchMeta HOST_ALIAS =
      PatchMeta.builder("HostAlias").atomicList("hostnames").build();
  static final PatchMeta TOPOLOGY_SPREAD_CONSTRAINT =
      PatchMeta.builder("TopologySpreadConstraint")
          .object("labelSelector", LABEL_SELECTOR)
          .atomicList("matchLabelKeys")
          .build();
  static final PatchMeta POD_SCHEDULING_GATE = PatchMeta.builder("PodSchedulingGate").build();
  static final PatchMeta POD_RESOURCE_CLAIM = PatchMeta.builder("PodResourceClaim").build();

  static final PatchMeta POD_SPEC =
      PatchMeta.builder("PodSpec")
          .mergedListRetainKeys("volumes", "name", VOLUME)
          .mergedList("initContainers", "name", CONTAINER)
          .mergedList("containers", "name", CONTAINER)
          .mergedList("ephemeralContainers", "name", CONTAINER)
          .mergedList("imagePullSecrets", "name", LOCAL_OBJECT_REFERENCE)
          .atomicList("tolerations")
          .mergedList("hostAliases", "ip", HOST_ALIAS)
          .atomicList("readinessGates")
          .mergedList("topologySpreadConstraints", "topologyKey", TOPOLOGY_SPREAD_CONSTRAINT)
          .mergedList("schedulingGates", "name", POD_SCHEDULING_GATE)
          .mergedListRetainKeys("resourceClaims", "name", POD_RESOURCE_CLAIM)
          .object("resources", RESOURCE_REQUIREMENTS)
          .build();

  static final PatchMeta POD_IP = PatchMeta.builder("PodIP").build();
  static final PatchMeta POD_RESOURCE_CLAIM_STATUS =
      PatchMeta.builder("PodResourceClaimStatus").build();

  static final PatchMeta POD_STATUS =
      PatchMeta.builder("PodStatus")
          .mergedList("conditions", "type", CONDITION)
          .mergedList("podIPs", "ip", POD_IP)
          .mergedList("hostIPs", "ip", POD_IP)
          .atomicList("initContainerStatuses")
          .atomicList("containerStatuses")
          .atomicList("ephemeralContainerStatuses")
          .mergedListRetainKeys("resourceClaimStatuses", "name", POD_RESOURCE_CLAIM_STATUS)
          .build();

  static final PatchMeta POD =
      root("Pod").object("spec", POD_SPEC).object("status", POD_STATUS).build();

  static final PatchMeta POD_TEMPLATE_SPEC =
      PatchMeta.builder("PodTemplateSpec")
          .object("metadata", OBJECT_META)
          .object("spec", POD_SPEC)
          .build();

  static final PatchMeta POD_TEMPLATE =
      root("PodTemplate").object("template", POD_TEMPLATE_SPEC).build();

  // --- workloads (apps/v1, core/v1 ReplicationController, batch/v1)

  /** DeploymentStrategy is a union (type + rollingUpdate), hence retainKeys. */
  static final PatchMeta DEPLOYMENT_STRATEGY = PatchMeta.builder("DeploymentStrategy").build();

  static final PatchMeta DEPLOYMENT =
      root("Deployment")
          .object(
              "spec",
              PatchMeta.builder("DeploymentSpec")
                  .object("selector", LABEL_SELECTOR)
                  .object("template", POD_TEMPLATE_SPEC)
                  .retainKeysObject("strategy", DEPLOYMENT_STRATEGY)
                  .build())
          .object("status", CONDITIONS_STATUS)
          .build();

  static final PatchMeta REPLICA_SET =
      root("ReplicaSet")
          .object("spec", templatedSpec("ReplicaSetSpec").build())
          .object("status", CONDITIONS_STATUS)
          .build();

  static final PatchMeta PVC_SPEC =
      PatchMeta.builder("PersistentVolumeClaimSpec")
          .atomicList("accessModes")
          .object("selector", LABEL_SELECTOR)
          .object("resources", RESOURCE_REQUIREMENTS)
          .build();

  static final PatchMeta PVC =
      root("PersistentVolumeClaim")
          .object("spec", PVC_SPEC)
          .object(
              "status",
              PatchMeta.builder("PersistentVolumeClaimStatus")
                  .atomicList("accessModes")
                  .mergedList("conditions", "type", CONDITION)
                  .build())
          .build();

  /** StatefulSet volumeClaimTemplates carry no patch tags: the list is replaced whole. */
  static final PatchMeta STATEFUL_SET =
      root("StatefulSet")
          .object(
              "spec",
              templatedSpec("StatefulSetSpec").atomicList("volumeClaimTemplates", PVC).build())
          .object("status", CONDITIONS_STATUS)
          .build();

  /** Unlike Deployment's strategy, DaemonSet's updateStrategy has no retainKeys tag. */
  static final PatchMeta DAEMON_SET =
      root("DaemonSet")
          .object("spec", templatedSpec("DaemonSetSpec").build())
          .object("status", CONDITIONS_STATUS)
          .build();

  static final PatchMeta CONTROLLER_REVISION = root("ControllerRevision").build();

  static final PatchMeta REPLICATION_CONTROLLER =
      root("ReplicationController")
          .object(
              "spec",
              PatchMeta.builder("ReplicationControllerSpec")
                  .object("template", POD_TEMPLATE_SPEC)
                  .build())
          .object("status", CONDITIONS_STATUS)
          .build();

  static final PatchMeta JOB_SPEC = templatedSpec("JobSpec").build();

  static final PatchMeta JOB =
      root("Job").object("spec", JOB_SPEC).object("status", CONDITIONS_STATUS).build();

  static final PatchMeta CRON_JOB =
      root("CronJob")
          .object(
              "spec",
              PatchMeta.builder("CronJobSpec")
                  .object(
                      "jobTemplate",
                      PatchMeta.builder("JobTemplateSpec")
                          .object("metadata", OBJECT_META)
                          .object("spec", JOB_SPEC)
                          .build())
                  .build())
          .object("status", PatchMeta.builder("CronJobStatus").atomicList("active").build())
          .build();

  // --- services and networking

  static final PatchMeta SERVICE_PORT = PatchMeta.builder("ServicePort").build();

  /** Service ports merge by {@code port} (the listMapKey also names protocol; SMP uses port). */
  static final PatchMeta SERVICE =
      root("Service")
          .object(
              "spec",
              PatchMeta.builder("ServiceSpec")
                  .mergedList("ports", "port", SERVICE_PORT)
                  .atomicList("externalIPs")
                  .atomicList("clusterIPs")
                  .atomicList("ipFamilies")
                  .build())
          .object("status", CONDITIONS_STATUS)
          .build();

  /** Endpoints subsets (and their addresses and ports) carry no patch tags. */
  static final PatchMeta ENDPOINTS = root("Endpoints").atomicList("subsets").build();

  // --- cluster objects

  static final PatchMeta NODE =
      root("Node")
          .object(
              "spec",
              PatchMeta.builder("NodeSpec").mergedSet("podCIDRs").atomicList("taints").build())
          .object(
              "status",
              PatchMeta.builder("NodeStatus")
                  .mergedList("conditions", "type", CONDITION)
                  .mergedList("addresses", "type", PatchMeta.builder("NodeAddress").build())
                  .atomicList("images")
                  .atomicList("volumesInUse")
                  .atomicList("volumesAttached")
                  .build())
          .build();

  /** spec.finalizers of a Namespace is atomic, unlike metadata.finalizers. */
  static final PatchMeta NAMESPACE =
      root("Namespace")
          .object("spec", PatchMeta.builder("NamespaceSpec").atomicList("finalizers").build())
          .object("status", CONDITIONS_STATUS)
          .build();

  static final PatchMeta PV =
      root("PersistentVolume")
          .object(
              "spec",
              PatchMeta.builder("PersistentVolumeSpec")
                  .atomicList("accessModes")
                  .atomicList("mountOptions")
                  .build())
          .build();

  static final PatchMeta CONFIG_MAP = root("ConfigMap").build();
  static final PatchMeta SECRET = root("Secret").build();
  static final PatchMeta EVENT = root("Event").build();

  static final PatchMeta SERVICE_ACCOUNT =
      root("ServiceAccount")
          .mergedList("secrets", "name", PatchMeta.builder("ObjectReference").build())
          .atomicList("imagePullSecrets")
          .build();

  /**
   * HorizontalPodAutoscaler, autoscaling/v1 and v2 in one tree: v1 has no lists, v2's metrics and
   * currentMetrics are atomic and its conditions merge by type.
   */
  static final PatchMeta HPA =
      root("HorizontalPodAutoscaler")
          .object(
              "spec",
              PatchMeta.builder("HorizontalPodAutoscalerSpec").atomicList("metrics").build())
          .object(
              "status",
              PatchMeta.builder("HorizontalPodAutoscalerStatus")
                  .mergedList("conditions", "type", CONDITION)
                  .atomicList("currentMetrics")
                  .build())
          .build();

  private static final Map<String, PatchMeta> BY_GROUP_KIND = new HashMap<>();

  static {
    register("", POD, POD_TEMPLATE, REPLICATION_CONTROLLER, SERVICE, ENDPOINTS, NODE, NAMESPACE);
    register("", CONFIG_MAP, SECRET, PVC, PV, EVENT, SERVICE_ACCOUNT);
    register("apps", DEPLOYMENT, REPLICA_SET, STATEFUL_SET, DAEMON_SET, CONTROLLER_REVISION);
    register("batch", JOB, CRON_JOB);
    register("autoscaling", HPA);
    register("events.k8s.io", EVENT);
  }

  private BuiltinPatchMeta() {}

  static PatchMeta lookup(String apiVersion, String kind) {
    if (kind == null) {
      return PatchMeta.none();
    }
    String group = "";
    if (apiVersion != null && apiVersion.indexOf('/') >= 0) {
      group = apiVersion.substring(0, apiVersion.indexOf('/'));
    }
    return BY_GROUP_KIND.getOrDefault(group + "/" + kind, PatchMeta.none());
  }

  private static void register(String group, PatchMeta... kinds) {
    for (PatchMeta kind : kinds) {
      BY_GROUP_KIND.put(group + "/" + kind.typeName(), kind);
    }
  }

  /** A top-level kind: every object has ObjectMeta. */
  private static PatchMeta.Builder root(String kind) {
    return PatchMeta.builder(kind).object("metadata", OBJECT_META);
  }

  /** A controller spec with a label selector and a pod template. */
  private static PatchMeta.Builder templatedSpec(String typeName) {
    return PatchMeta.builder(typeName)
        .object("selector", LABEL_SELECTOR)
        .object("template", POD_TEMPLATE_SPEC);
  }
}
