package dev.kc.controlplane.admission;

import static dev.kc.controlplane.admission.Validating.create;
import static dev.kc.controlplane.admission.Validating.merge;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class HpaValidationTest {

  private static final ObjectNode V2 =
      Yaml.obj(
          """
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: {name: php-apache, namespace: default}
          spec:
            scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}
            minReplicas: 1
            maxReplicas: 10
            metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
          """);

  private static final ObjectNode V1 =
      Yaml.obj(
          """
          apiVersion: autoscaling/v1
          kind: HorizontalPodAutoscaler
          metadata: {name: frontend-scaler, namespace: default}
          spec:
            scaleTargetRef: {kind: ReplicaSet, name: frontend}
            minReplicas: 3
            maxReplicas: 10
            targetCPUUtilizationPercentage: 50
          """);

  static Stream<Arguments> v2Cases() {
    return Stream.of(
        Arguments.of("the docs' php-apache autoscaler is valid", "", List.of()),
        Arguments.of(
            "max replicas is positive",
            "spec: {maxReplicas: 0}",
            List.of(
                "spec.maxReplicas: Invalid value: 0: must be greater than 0",
                "spec.maxReplicas: Invalid value: 0: must be greater than or equal to"
                    + " `minReplicas`")),
        Arguments.of(
            "min replicas is at least one",
            "spec: {minReplicas: 0}",
            List.of(
                "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
                "spec.metrics: Forbidden: must specify at least one Object or External metric to"
                    + " support scaling to zero replicas")),
        Arguments.of(
            "min replicas may not exceed max",
            "spec: {minReplicas: 11}",
            List.of(
                "spec.maxReplicas: Invalid value: 10: must be greater than or equal to"
                    + " `minReplicas`")),
        Arguments.of(
            "the scale target needs a kind and a name",
            "spec: {scaleTargetRef: {kind: '', name: ''}}",
            List.of(
                "spec.scaleTargetRef.kind: Required value",
                "spec.scaleTargetRef.name: Required value")),
        Arguments.of(
            "scale target names are path segments",
            "spec: {scaleTargetRef: {name: a/b}}",
            List.of("spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'")),
        Arguments.of(
            "metric types are known",
            "spec: {metrics: [{type: Memory}]}",
            List.of(
                "spec.metrics[0].type: Unsupported value: \"Memory\": supported values:"
                    + " \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"")),
        Arguments.of(
            "a metric names its source",
            "spec: {metrics: [{type: Resource}]}",
            List.of(
                "spec.metrics[0].resource: Required value: must populate information for the given"
                    + " metric source")),
        Arguments.of(
            "utilization targets are positive",
            "spec: {metrics: [{type: Resource, resource: {name: cpu,"
                + " target: {type: Utilization, averageUtilization: 0}}}]}",
            List.of(
                "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be"
                    + " greater than 0")),
        Arguments.of(
            "target types are known",
            "spec: {metrics: [{type: Resource, resource: {name: cpu,"
                + " target: {type: Percent, averageUtilization: 50}}}]}",
            List.of(
                "spec.metrics[0].resource.target.type: Invalid value: \"Percent\": must be either"
                    + " Utilization, Value, or AverageValue")),
        Arguments.of(
            "scaling policies need positive values",
            "spec: {behavior: {scaleUp: {policies: [{type: Pods, value: 0, periodSeconds: 15}]}}}",
            List.of(
                "spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than"
                    + " zero")),
        Arguments.of(
            "stabilization windows are at most an hour",
            "spec: {behavior: {scaleDown: {stabilizationWindowSeconds: 3601}}}",
            List.of(
                "spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 3601: must be"
                    + " less than or equal to 3600")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("v2Cases")
  void validatesV2Autoscalers(String name, String patch, List<String> expected) {
    assertEquals(expected, create("autoscaling/v2", "HorizontalPodAutoscaler", merge(V2, patch)));
  }

  static Stream<Arguments> v1Cases() {
    return Stream.of(
        Arguments.of("the docs' replica set autoscaler is valid", "", List.of()),
        Arguments.of(
            "the CPU target is reported under its v2 path, as Kubernetes does",
            "spec: {targetCPUUtilizationPercentage: 0}",
            List.of(
                "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be"
                    + " greater than 0")),
        Arguments.of(
            "max replicas is positive",
            "spec: {maxReplicas: 0, minReplicas: null}",
            List.of(
                "spec.maxReplicas: Invalid value: 0: must be greater than 0",
                "spec.maxReplicas: Invalid value: 0: must be greater than or equal to"
                    + " `minReplicas`")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("v1Cases")
  void validatesV1Autoscalers(String name, String patch, List<String> expected) {
    assertEquals(expected, create("autoscaling/v1", "HorizontalPodAutoscaler", merge(V1, patch)));
  }
}
