package dev.kc.api.patch;

import static dev.kc.api.patch.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.api.patch.PatchMeta.FieldMeta;
import dev.kc.api.patch.PatchMeta.Strategy;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Kubernetes patch facts our table must get right (k8s.io/api 1.32 struct tags). */
class PatchMetaTest {
  private static final String POD_SPEC = "spec.template.spec";

  static Stream<Arguments> facts() {
    return Stream.of(
        fact("apps/v1", "Deployment", POD_SPEC + ".containers", "merge by name"),
        fact("apps/v1", "Deployment", POD_SPEC + ".initContainers", "merge by name"),
        fact("apps/v1", "Deployment", POD_SPEC + ".ephemeralContainers", "merge by name"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.ports", "merge by containerPort"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.env", "merge by name"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.volumeMounts", "merge by mountPath"),
        fact(
            "apps/v1", "Deployment", POD_SPEC + ".containers.volumeDevices", "merge by devicePath"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.args", "replace"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.command", "replace"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.envFrom", "replace"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.resources.claims", "replace"),
        fact("apps/v1", "Deployment", POD_SPEC + ".containers.resources.limits", "default"),
        fact("apps/v1", "Deployment", POD_SPEC + ".volumes", "merge by name, retainKeys"),
        fact("apps/v1", "Deployment", POD_SPEC + ".imagePullSecrets", "merge by name"),
        fact("apps/v1", "Deployment", POD_SPEC + ".tolerations", "replace"),
        fact("apps/v1", "Deployment", POD_SPEC + ".hostAliases", "merge by ip"),
        fact(
            "apps/v1",
            "Deployment",
            POD_SPEC + ".topologySpreadConstraints",
            "merge by topologyKey"),
        fact("apps/v1", "Deployment", POD_SPEC + ".schedulingGates", "merge by name"),
        fact("apps/v1", "Deployment", POD_SPEC + ".resourceClaims", "merge by name, retainKeys"),
        fact("apps/v1", "Deployment", POD_SPEC + ".readinessGates", "replace"),
        fact("apps/v1", "Deployment", "spec.template.metadata.finalizers", "merge set"),
        fact("apps/v1", "Deployment", "metadata.finalizers", "merge set"),
        fact("apps/v1", "Deployment", "metadata.ownerReferences", "merge by uid"),
        fact("apps/v1", "Deployment", "metadata.labels", "default"),
        fact("apps/v1", "Deployment", "spec.strategy", "retainKeys"),
        fact("apps/v1", "Deployment", "spec.selector.matchExpressions", "replace"),
        fact("apps/v1", "Deployment", "status.conditions", "merge by type"),
        fact("apps/v1", "ReplicaSet", POD_SPEC + ".containers", "merge by name"),
        fact("apps/v1", "ReplicaSet", "status.conditions", "merge by type"),
        fact("apps/v1", "StatefulSet", POD_SPEC + ".volumes", "merge by name, retainKeys"),
        fact("apps/v1", "StatefulSet", "spec.volumeClaimTemplates", "replace"),
        fact("apps/v1", "StatefulSet", "spec.updateStrategy", "default"),
        fact("apps/v1", "DaemonSet", POD_SPEC + ".containers.env", "merge by name"),
        fact("apps/v1", "DaemonSet", "spec.updateStrategy", "default"),
        fact("apps/v1", "ControllerRevision", "metadata.ownerReferences", "merge by uid"),
        fact("v1", "Pod", "spec.containers", "merge by name"),
        fact("v1", "Pod", "status.conditions", "merge by type"),
        fact("v1", "Pod", "status.podIPs", "merge by ip"),
        fact("v1", "Pod", "status.hostIPs", "merge by ip"),
        fact("v1", "Pod", "status.containerStatuses", "replace"),
        fact("v1", "PodTemplate", "template.spec.containers", "merge by name"),
        fact("v1", "ReplicationController", POD_SPEC + ".containers", "merge by name"),
        fact("v1", "Service", "spec.ports", "merge by port"),
        fact("v1", "Service", "spec.selector", "default"),
        fact("v1", "Service", "status.conditions", "merge by type"),
        fact("v1", "Endpoints", "subsets", "replace"),
        fact("v1", "Node", "spec.taints", "replace"),
        fact("v1", "Node", "spec.podCIDRs", "merge set"),
        fact("v1", "Node", "status.addresses", "merge by type"),
        fact("v1", "Node", "status.conditions", "merge by type"),
        fact("v1", "Namespace", "spec.finalizers", "replace"),
        fact("v1", "Namespace", "status.conditions", "merge by type"),
        fact("v1", "ConfigMap", "metadata.finalizers", "merge set"),
        fact("v1", "ConfigMap", "data", "default"),
        fact("v1", "Secret", "metadata.ownerReferences", "merge by uid"),
        fact("v1", "PersistentVolumeClaim", "spec.accessModes", "replace"),
        fact("v1", "PersistentVolumeClaim", "status.conditions", "merge by type"),
        fact("v1", "PersistentVolume", "spec.mountOptions", "replace"),
        fact("v1", "Event", "metadata.finalizers", "merge set"),
        fact("events.k8s.io/v1", "Event", "metadata.ownerReferences", "merge by uid"),
        fact("v1", "ServiceAccount", "secrets", "merge by name"),
        fact("v1", "ServiceAccount", "imagePullSecrets", "replace"),
        fact("autoscaling/v2", "HorizontalPodAutoscaler", "status.conditions", "merge by type"),
        fact("autoscaling/v2", "HorizontalPodAutoscaler", "spec.metrics", "replace"),
        fact("autoscaling/v1", "HorizontalPodAutoscaler", "metadata.finalizers", "merge set"),
        fact("batch/v1", "Job", POD_SPEC + ".containers", "merge by name"),
        fact("batch/v1", "Job", "status.conditions", "merge by type"),
        fact(
            "batch/v1",
            "CronJob",
            "spec.jobTemplate.spec.template.spec.containers",
            "merge by name"),
        fact("example.com/v1", "Widget", "spec.containers", "default"),
        fact("v1", "Widget", "metadata.finalizers", "default"));
  }

  private static Arguments fact(String apiVersion, String kind, String path, String expected) {
    return Arguments.of(
        apiVersion + " " + kind + " " + path + ": " + expected, apiVersion, kind, path, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("facts")
  void declaresKubernetesPatchStrategy(
      String name, String apiVersion, String kind, String path, String expected) {
    assertEquals(expected, describe(fieldAt(PatchMeta.forKind(apiVersion, kind), path)));
  }

  @Test
  void unknownKindsGetNone() {
    assertTrue(PatchMeta.forKind("example.com/v1", "Widget").isNone());
    assertTrue(PatchMeta.forKind(null, null).isNone());
    assertTrue(PatchMeta.forObject(json("{'kind':'Deployment'}")).isNone());
  }

  @Test
  void findsMetaForAnObjectByApiVersionAndKind() {
    assertSame(
        PatchMeta.forKind("apps/v1", "Deployment"),
        PatchMeta.forObject(json("{'apiVersion':'apps/v1','kind':'Deployment'}")));
  }

  @Test
  void sharesSubtreesBetweenKinds() {
    PatchMeta fromDeployment =
        fieldAt(PatchMeta.forKind("apps/v1", "Deployment"), POD_SPEC + ".containers").type();
    PatchMeta fromPod = fieldAt(PatchMeta.forKind("v1", "Pod"), "spec.containers").type();

    assertSame(fromDeployment, fromPod);
  }

  @Test
  void rejectsContradictoryFieldMeta() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new FieldMeta(EnumSet.of(Strategy.MERGE, Strategy.REPLACE), null, PatchMeta.none()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FieldMeta(EnumSet.noneOf(Strategy.class), "name", PatchMeta.none()));
  }

  /** Walks a dotted path; list fields step into their element type. */
  private static FieldMeta fieldAt(PatchMeta root, String path) {
    String[] names = path.split("\\.");
    PatchMeta type = root;
    for (int i = 0; i < names.length - 1; i++) {
      type = type.fieldMeta(names[i]).type();
    }
    return type.fieldMeta(names[names.length - 1]);
  }

  private static String describe(FieldMeta field) {
    if (field.isMerge()) {
      String merge = field.mergeKey() == null ? "merge set" : "merge by " + field.mergeKey();
      return field.isRetainKeys() ? merge + ", retainKeys" : merge;
    }
    if (field.isReplace()) {
      return "replace";
    }
    return field.isRetainKeys() ? "retainKeys" : "default";
  }
}
