package dev.kc.controlplane.openapi;

import java.util.Set;

/**
 * Maps fabric8 model classes to the schema names Kubernetes uses in its OpenAPI documents.
 *
 * <p>fabric8 keeps core and meta types together in {@code io.fabric8.kubernetes.api.model} and
 * other groups in sub-packages ({@code .apps}, {@code .autoscaling.v2}); Kubernetes names them
 * {@code io.k8s.api.core.v1.Pod}, {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}, {@code
 * io.k8s.api.apps.v1.Deployment}. kubectl explain prints the last segment as the type.
 */
final class SchemaNames {
  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String TIME = META + "Time";
  static final String MICRO_TIME = META + "MicroTime";
  static final String PATCH = META + "Patch";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

  /** fabric8 root-package classes that Kubernetes defines in apimachinery's meta/v1. */
  private static final Set<String> META_TYPES =
      Set.of(
          "Condition",
          "DeleteOptions",
          "FieldsV1",
          "LabelSelector",
          "LabelSelectorRequirement",
          "ListMeta",
          "ManagedFieldsEntry",
          "MicroTime",
          "ObjectMeta",
          "OwnerReference",
          "Preconditions",
          "ShardInfo",
          "Status",
          "StatusCause",
          "StatusDetails",
          "WatchEvent");

  private SchemaNames() {}

  /**
   * The Kubernetes schema name of a fabric8 model class. Classes outside the fabric8 model keep
   * their Java name, which is unique but not a Kubernetes name.
   */
  static String of(Class<?> type) {
    String simple = type.getSimpleName();
    if (simple.equals("IntOrString") && type.getPackageName().equals(FABRIC8)) {
      return INT_OR_STRING;
    }
    if (simple.equals("Quantity") && type.getPackageName().equals(FABRIC8)) {
      return QUANTITY;
    }
    String pkg = type.getPackageName();
    if (pkg.equals(FABRIC8)) {
      return META_TYPES.contains(simple) ? META + simple : "io.k8s.api.core.v1." + simple;
    }
    if (pkg.startsWith(FABRIC8 + ".")) {
      // "apps" -> apps.v1 (fabric8 has no version package for v1-only groups);
      // "autoscaling.v2" -> autoscaling.v2.
      String rest = pkg.substring(FABRIC8.length() + 1);
      return "io.k8s.api." + (rest.contains(".") ? rest : rest + ".v1") + "." + simple;
    }
    return type.getName();
  }

  /** The type name kubectl shows for a schema: the last dotted segment. */
  static String shortName(String schemaName) {
    return schemaName.substring(schemaName.lastIndexOf('.') + 1);
  }
}
