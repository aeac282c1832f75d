package dev.kc.controlplane.protobuf;

import static dev.kc.controlplane.protobuf.MessageType.Kind.BOOL;
import static dev.kc.controlplane.protobuf.MessageType.Kind.INT32;
import static dev.kc.controlplane.protobuf.MessageType.Kind.INT64;
import static dev.kc.controlplane.protobuf.MessageType.Kind.QUANTITY;
import static dev.kc.controlplane.protobuf.MessageType.Kind.STRING;
import static dev.kc.controlplane.protobuf.MessageType.Kind.STRINGS;
import static dev.kc.controlplane.protobuf.MessageType.Kind.STRING_MAP;
import static dev.kc.controlplane.protobuf.MessageType.Kind.TIME;
import static dev.kc.controlplane.protobuf.MessageType.Presence.ALWAYS;
import static dev.kc.controlplane.protobuf.MessageType.Presence.OMIT_ZERO;

/**
 * Field tables for the messages kc decodes: the {@code runtime.Unknown} envelope, ObjectMeta and
 * the autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscaler.
 *
 * <p>Field numbers are those of Kubernetes' public {@code generated.proto} files (k8s.io/api
 * autoscaling v1 and v2, k8s.io/apimachinery meta v1, runtime and resource). Presence follows the
 * Go types: pointer fields and fields without {@code omitempty} are {@code ALWAYS}. Fields not
 * listed here (managedFields, status metrics and conditions) are skipped.
 */
final class HpaMessages {
  private HpaMessages() {}

  /** {@code runtime.TypeMeta}: apiVersion=1, kind=2. */
  static final MessageType TYPE_META =
      new MessageType("TypeMeta")
          .add(1, "apiVersion", STRING, OMIT_ZERO)
          .add(2, "kind", STRING, OMIT_ZERO);

  static final MessageType OWNER_REFERENCE =
      new MessageType("OwnerReference")
          .add(1, "kind", STRING, ALWAYS)
          .add(3, "name", STRING, ALWAYS)
          .add(4, "uid", STRING, ALWAYS)
          .add(5, "apiVersion", STRING, ALWAYS)
          .add(6, "controller", BOOL, ALWAYS)
          .add(7, "blockOwnerDeletion", BOOL, ALWAYS);

  static final MessageType OBJECT_META =
      new MessageType("ObjectMeta")
          .add(1, "name", STRING, OMIT_ZERO)
          .add(2, "generateName", STRING, OMIT_ZERO)
          .add(3, "namespace", STRING, OMIT_ZERO)
          .add(4, "selfLink", STRING, OMIT_ZERO)
          .add(5, "uid", STRING, OMIT_ZERO)
          .add(6, "resourceVersion", STRING, OMIT_ZERO)
          .add(7, "generation", INT64, OMIT_ZERO)
          .add(8, "creationTimestamp", TIME, OMIT_ZERO)
          .add(9, "deletionTimestamp", TIME, OMIT_ZERO)
          .add(10, "deletionGracePeriodSeconds", INT64, ALWAYS)
          .add(11, "labels", STRING_MAP, OMIT_ZERO)
          .add(12, "annotations", STRING_MAP, OMIT_ZERO)
          .messages(13, "ownerReferences", OWNER_REFERENCE)
          .add(14, "finalizers", STRINGS, OMIT_ZERO);

  /** CrossVersionObjectReference, the same in v1 and v2: kind=1, name=2, apiVersion=3. */
  static final MessageType CROSS_VERSION_REF =
      new MessageType("CrossVersionObjectReference")
          .add(1, "kind", STRING, ALWAYS)
          .add(2, "name", STRING, ALWAYS)
          .add(3, "apiVersion", STRING, OMIT_ZERO);

  static final MessageType V1_SPEC =
      new MessageType("HorizontalPodAutoscalerSpec")
          .message(1, "scaleTargetRef", CROSS_VERSION_REF)
          .add(2, "minReplicas", INT32, ALWAYS)
          .add(3, "maxReplicas", INT32, ALWAYS)
          .add(4, "targetCPUUtilizationPercentage", INT32, ALWAYS);

  static final MessageType V1_STATUS =
      new MessageType("HorizontalPodAutoscalerStatus")
          .add(1, "observedGeneration", INT64, ALWAYS)
          .add(2, "lastScaleTime", TIME, OMIT_ZERO)
          .add(3, "currentReplicas", INT32, ALWAYS)
          .add(4, "desiredReplicas", INT32, ALWAYS)
          .add(5, "currentCPUUtilizationPercentage", INT32, ALWAYS);

  static final MessageType V1_HPA =
      new MessageType("HorizontalPodAutoscaler")
          .message(1, "metadata", OBJECT_META)
          .message(2, "spec", V1_SPEC)
          .message(3, "status", V1_STATUS);

  static final MessageType LABEL_SELECTOR_REQUIREMENT =
      new MessageType("LabelSelectorRequirement")
          .add(1, "key", STRING, ALWAYS)
          .add(2, "operator", STRING, ALWAYS)
          .add(3, "values", STRINGS, OMIT_ZERO);

  static final MessageType LABEL_SELECTOR =
      new MessageType("LabelSelector")
          .add(1, "matchLabels", STRING_MAP, OMIT_ZERO)
          .messages(2, "matchExpressions", LABEL_SELECTOR_REQUIREMENT);

  static final MessageType METRIC_TARGET =
      new MessageType("MetricTarget")
          .add(1, "type", STRING, ALWAYS)
          .add(2, "value", QUANTITY, ALWAYS)
          .add(3, "averageValue", QUANTITY, ALWAYS)
          .add(4, "averageUtilization", INT32, ALWAYS);

  static final MessageType METRIC_IDENTIFIER =
      new MessageType("MetricIdentifier")
          .add(1, "name", STRING, ALWAYS)
          .message(2, "selector", LABEL_SELECTOR);

  static final MessageType RESOURCE_METRIC =
      new MessageType("ResourceMetricSource")
          .add(1, "name", STRING, ALWAYS)
          .message(2, "target", METRIC_TARGET);

  static final MessageType CONTAINER_RESOURCE_METRIC =
      new MessageType("ContainerResourceMetricSource")
          .add(1, "name", STRING, ALWAYS)
          .message(2, "target", METRIC_TARGET)
          .add(3, "container", STRING, ALWAYS);

  static final MessageType PODS_METRIC =
      new MessageType("PodsMetricSource")
          .message(1, "metric", METRIC_IDENTIFIER)
          .message(2, "target", METRIC_TARGET);

  static final MessageType OBJECT_METRIC =
      new MessageType("ObjectMetricSource")
          .message(1, "describedObject", CROSS_VERSION_REF)
          .message(2, "target", METRIC_TARGET)
          .message(3, "metric", METRIC_IDENTIFIER);

  static final MessageType EXTERNAL_METRIC =
      new MessageType("ExternalMetricSource")
          .message(1, "metric", METRIC_IDENTIFIER)
          .message(2, "target", METRIC_TARGET);

  static final MessageType METRIC_SPEC =
      new MessageType("MetricSpec")
          .add(1, "type", STRING, ALWAYS)
          .message(2, "object", OBJECT_METRIC)
          .message(3, "pods", PODS_METRIC)
          .message(4, "resource", RESOURCE_METRIC)
          .message(5, "external", EXTERNAL_METRIC)
          .message(7, "containerResource", CONTAINER_RESOURCE_METRIC);

  static final MessageType SCALING_POLICY =
      new MessageType("HPAScalingPolicy")
          .add(1, "type", STRING, ALWAYS)
          .add(2, "value", INT32, ALWAYS)
          .add(3, "periodSeconds", INT32, ALWAYS);

  static final MessageType SCALING_RULES =
      new MessageType("HPAScalingRules")
          .add(1, "selectPolicy", STRING, ALWAYS)
          .messages(2, "policies", SCALING_POLICY)
          .add(3, "stabilizationWindowSeconds", INT32, ALWAYS);

  static final MessageType BEHAVIOR =
      new MessageType("HorizontalPodAutoscalerBehavior")
          .message(1, "scaleUp", SCALING_RULES)
          .message(2, "scaleDown", SCALING_RULES);

  static final MessageType V2_SPEC =
      new MessageType("HorizontalPodAutoscalerSpec")
          .message(1, "scaleTargetRef", CROSS_VERSION_REF)
          .add(2, "minReplicas", INT32, ALWAYS)
          .add(3, "maxReplicas", INT32, ALWAYS)
          .messages(4, "metrics", METRIC_SPEC)
          .message(5, "behavior", BEHAVIOR);

  // TODO: status.currentMetrics (5) and status.conditions (6) are skipped. Clients never send
  // them on create, and the server owns status anyway.
  static final MessageType V2_STATUS =
      new MessageType("HorizontalPodAutoscalerStatus")
          .add(1, "observedGeneration", INT64, ALWAYS)
          .add(2, "lastScaleTime", TIME, OMIT_ZERO)
          .add(3, "currentReplicas", INT32, OMIT_ZERO)
          .add(4, "desiredReplicas", INT32, ALWAYS);

  static final MessageType V2_HPA =
      new MessageType("HorizontalPodAutoscaler")
          .message(1, "metadata", OBJECT_META)
          .message(2, "spec", V2_SPEC)
          .message(3, "status", V2_STATUS);
}
