package dev.kc.controlplane.admission;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kinds admission knows: for each apiVersion and kind, its fabric8 model class (the decoding
 * schema), its scope, its defaulter and its validator.
 */
final class Kinds {

  /**
   * One supported kind.
   *
   * @param apiVersion e.g. {@code apps/v1}
   * @param kind e.g. {@code Deployment}
   * @param modelClass fabric8 class name, loaded lazily on first check
   * @param namespaced whether objects of the kind live in a namespace
   * @param defaulter applies defaults in place
   * @param validator returns problems for (object, stored object or null)
   */
  record Spec(
      String apiVersion,
      String kind,
      String modelClass,
      boolean namespaced,
      Consumer<ObjectNode> defaulter,
      BiFunction<JsonNode, JsonNode, List<FieldError>> validator) {

    /** The version part of the apiVersion, as Kubernetes prints it in decode errors. */
    String version() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }
  }

  private static final String CORE = "io.fabric8.kubernetes.api.model.";
  private static final String APPS = CORE + "apps.";

  // TODO: storage.k8s.io StorageClass and discovery.k8s.io EndpointSlice are not covered: their
  // fabric8 model modules are not on the classpath. Callers get IllegalArgumentException.
  private static final List<Spec> ALL =
      List.of(
          new Spec(
              "v1",
              "Namespace",
              CORE + "Namespace",
              false,
              CoreDefaults::namespace,
              CoreValidation::namespace),
          new Spec("v1", "Node", CORE + "Node", false, CoreDefaults::node, CoreValidation::node),
          new Spec(
              "v1",
              "Pod",
              CORE + "Pod",
              true,
              PodDefaults::pod,
              (o, old) ->
                  old == null ? PodValidation.podCreate(o) : PodValidation.podUpdate(o, old)),
          new Spec(
              "v1",
              "Service",
              CORE + "Service",
              true,
              CoreDefaults::service,
              ServiceValidation::service),
          new Spec(
              "v1",
              "Endpoints",
              CORE + "Endpoints",
              true,
              CoreDefaults::endpoints,
              CoreValidation::endpoints),
          new Spec("v1", "Event", CORE + "Event", true, o -> {}, CoreValidation::event),
          new Spec("v1", "ConfigMap", CORE + "ConfigMap", true, o -> {}, CoreValidation::configMap),
          new Spec(
              "v1", "Secret", CORE + "Secret", true, CoreDefaults::secret, CoreValidation::secret),
          new Spec(
              "v1",
              "PersistentVolumeClaim",
              CORE + "PersistentVolumeClaim",
              true,
              CoreDefaults::persistentVolumeClaim,
              CoreValidation::persistentVolumeClaim),
          new Spec(
              "v1",
              "PersistentVolume",
              CORE + "PersistentVolume",
              false,
              CoreDefaults::persistentVolume,
              CoreValidation::persistentVolume),
          new Spec(
              "apps/v1",
              "Deployment",
              APPS + "Deployment",
              true,
              WorkloadDefaults::deployment,
              AppsValidation::deployment),
          new Spec(
              "apps/v1",
              "ReplicaSet",
              APPS + "ReplicaSet",
              true,
              WorkloadDefaults::replicaSet,
              AppsValidation::replicaSet),
          new Spec(
              "apps/v1",
              "StatefulSet",
              APPS + "StatefulSet",
              true,
              WorkloadDefaults::statefulSet,
              AppsValidation::statefulSet),
          new Spec(
              "apps/v1",
              "DaemonSet",
              APPS + "DaemonSet",
              true,
              WorkloadDefaults::daemonSet,
              AppsValidation::daemonSet),
          new Spec(
              "apps/v1",
              "ControllerRevision",
              APPS + "ControllerRevision",
              true,
              o -> {},
              AppsValidation::controllerRevision),
          new Spec(
              "autoscaling/v1",
              "HorizontalPodAutoscaler",
              CORE + "autoscaling.v1.HorizontalPodAutoscaler",
              true,
              HpaDefaults::v1,
              HpaValidation::v1),
          new Spec(
              "autoscaling/v2",
              "HorizontalPodAutoscaler",
              CORE + "autoscaling.v2.HorizontalPodAutoscaler",
              true,
              HpaDefaults::v2,
              HpaValidation::v2));

  private static final Map<String, Spec> BY_KEY =
      ALL.stream()
          .collect(Collectors.toUnmodifiableMap(s -> key(s.apiVersion(), s.kind()), s -> s));

  private Kinds() {}

  private static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }

  /** Returns the spec of a kind; throws IllegalArgumentException for kinds not covered here. */
  static Spec of(String apiVersion, String kind) {
    Spec s = BY_KEY.get(key(apiVersion, kind));
    if (s == null) {
      throw new IllegalArgumentException(
          "admission does not handle kind " + kind + " in version " + apiVersion);
    }
    return s;
  }

  /** Every supported kind, in a stable order. */
  static List<Spec> all() {
    return ALL;
  }
}
