package dev.kc.controlplane.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class CheckTest {

  private final Admission admission = new Admission();

  /** The seed's Pod: labels written as a YAML list instead of a map. */
  private static final String SEED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: app
        labels:
          - name: app
      spec:
        shareProcessNamespace: true
        containers:
          - name: app
            image: app:1.0.0
            imagePullPolicy: Never
            volumeMounts:
              - mountPath: /tmp/app
                name: app-volume
            ports:
              - containerPort: 8080
                hostPort: 8080
            livenessProbe:
              exec:
                command: [cat, /tmp/app/healthy]
              initialDelaySeconds: 5
              periodSeconds: 5
        volumes:
          - name: app-volume
            emptyDir: {}
      """;

  @Test
  void rejectsTheSeedPodWithListLabelsNamingMetadataLabels() {
    DecodeException e =
        assertThrows(DecodeException.class, () -> admission.check("v1", "Pod", Yaml.obj(SEED_POD)));

    assertEquals(
        "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal array into Go"
            + " struct field ObjectMeta.metadata.labels of type map[string]string",
        e.getMessage());
    assertEquals("Pod", e.kind());
    assertEquals("v1", e.version());
  }

  static Stream<Arguments> decodeErrors() {
    return Stream.of(
        Arguments.of(
            "number as label value",
            "v1",
            "Pod",
            "metadata: {name: p, labels: {app: 1}}",
            "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type"
                + " string"),
        Arguments.of(
            "string replicas",
            "apps/v1",
            "Deployment",
            "spec: {replicas: \"3\"}",
            "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of"
                + " type int32"),
        Arguments.of(
            "fractional replicas",
            "apps/v1",
            "Deployment",
            "spec: {replicas: 1.5}",
            "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of"
                + " type int32"),
        Arguments.of(
            "replicas beyond int32",
            "apps/v1",
            "ReplicaSet",
            "spec: {replicas: 99999999999}",
            "json: cannot unmarshal number 99999999999 into Go struct field"
                + " ReplicaSetSpec.spec.replicas of type int32"),
        Arguments.of(
            "spec as a string",
            "v1",
            "Pod",
            "spec: nginx",
            "json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec"),
        Arguments.of(
            "container given as a string",
            "v1",
            "Pod",
            "spec: {containers: [nginx]}",
            "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type"
                + " v1.Container"),
        Arguments.of(
            "command as a string deep in a template",
            "apps/v1",
            "Deployment",
            "spec: {template: {spec: {containers: [{name: a, command: echo hi}]}}}",
            "json: cannot unmarshal string into Go struct field"
                + " Container.spec.template.spec.containers.command of type []string"),
        Arguments.of(
            "boolean as a port",
            "v1",
            "Pod",
            "spec: {containers: [{name: a, ports: [{containerPort: true}]}]}",
            "json: cannot unmarshal bool into Go struct field"
                + " ContainerPort.spec.containers.ports.containerPort of type int32"),
        Arguments.of(
            "accessModes as a string",
            "v1",
            "PersistentVolumeClaim",
            "spec: {accessModes: ReadWriteOnce}",
            "json: cannot unmarshal string into Go struct field"
                + " PersistentVolumeClaimSpec.spec.accessModes of type"
                + " []v1.PersistentVolumeAccessMode"),
        Arguments.of(
            "malformed quantity",
            "v1",
            "Pod",
            "spec: {containers: [{name: a, resources: {limits: {cpu: abc}}}]}",
            Quantity.ERR_FORMAT),
        Arguments.of(
            "quantity with an unknown suffix",
            "v1",
            "Pod",
            "spec: {containers: [{name: a, resources: {requests: {memory: 1K}}}]}",
            "unable to parse quantity's suffix"),
        Arguments.of(
            "int-or-string given a boolean",
            "apps/v1",
            "Deployment",
            "spec: {strategy: {rollingUpdate: {maxSurge: true}}}",
            "json: cannot unmarshal bool into Go value of type int32"),
        Arguments.of(
            "secret data that is not base64",
            "v1",
            "Secret",
            "data: {password: 'not base64!'}",
            "illegal base64 data at input byte 3"),
        Arguments.of(
            "malformed timestamp",
            "v1",
            "ConfigMap",
            "metadata: {name: c, creationTimestamp: yesterday}",
            "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse"
                + " \"yesterday\" as \"2006\""),
        Arguments.of(
            "metric target value as an object",
            "autoscaling/v2",
            "HorizontalPodAutoscaler",
            "spec: {metrics: [{type: Pods, pods: {target: {averageValue: {a: 1}}}}]}",
            Quantity.ERR_FORMAT),
        Arguments.of(
            "maxReplicas as a string in v1",
            "autoscaling/v1",
            "HorizontalPodAutoscaler",
            "spec: {maxReplicas: ten}",
            "json: cannot unmarshal string into Go struct field"
                + " HorizontalPodAutoscalerSpec.spec.maxReplicas of type int32"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodeErrors")
  void reportsTheGoDecoderErrorForWrongTypes(
      String name, String apiVersion, String kind, String body, String goError) {
    ObjectNode obj = Yaml.obj(body);
    DecodeException e =
        assertThrows(DecodeException.class, () -> admission.check(apiVersion, kind, obj));

    String version = apiVersion.contains("/") ? apiVersion.split("/")[1] : apiVersion;
    assertEquals(
        kind + " in version \"" + version + "\" cannot be handled as a " + kind + ": " + goError,
        e.getMessage());
  }

  @Test
  void reportsTheFirstTypeErrorInDocumentOrder() {
    ObjectNode obj = Yaml.obj("metadata: {name: 5}\nspec: {replicas: x}");

    DecodeException e =
        assertThrows(DecodeException.class, () -> admission.check("apps/v1", "Deployment", obj));

    assertEquals(
        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type"
            + " string",
        e.decodeError());
  }

  @Test
  void letsAMalformedQuantityWinOverAnEarlierTypeError() {
    ObjectNode obj =
        Yaml.obj(
            "metadata: {name: 5}\n"
                + "spec: {containers: [{name: a, resources: {limits: {cpu: lots}}}]}");

    DecodeException e =
        assertThrows(DecodeException.class, () -> admission.check("v1", "Pod", obj));

    assertEquals(Quantity.ERR_FORMAT, e.decodeError());
  }

  @Test
  void findsUnknownFieldsAtDepthWithListIndices() {
    ObjectNode obj =
        Yaml.obj(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labls: {a: b}}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx
                  - name: side
                    image: busybox
                    imagePullPolcy: Always
                    ports: [{containerPort: 80, protocl: TCP}]
            """);

    List<String> unknown = admission.check("apps/v1", "Deployment", obj);

    assertEquals(
        List.of(
            "metadata.labls",
            "spec.template.spec.containers[1].imagePullPolcy",
            "spec.template.spec.containers[1].ports[0].protocl"),
        unknown);
  }

  @Test
  void acceptsNullsAndKnownFieldsWithoutComplaint() {
    ObjectNode obj =
        Yaml.obj(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web, creationTimestamp: null, labels: null}
            spec:
              type: NodePort
              selector: {app: web}
              ports:
              - {port: 80, targetPort: http, nodePort: 30080}
              - {port: 443, targetPort: 8443}
            status: {loadBalancer: {}}
            """);

    assertEquals(List.of(), admission.check("v1", "Service", obj));
  }

  @Test
  void acceptsValidTimestampsAndBase64() {
    ObjectNode obj =
        Yaml.obj(
            """
            metadata: {name: s, creationTimestamp: "2024-05-06T07:08:09Z"}
            data: {a: aGVsbG8=, b: "aGk=\\n"}
            """);

    assertEquals(List.of(), admission.check("v1", "Secret", obj));
  }

  @Test
  void checksTheSameAfterWarmingUpEveryKind() {
    Admission warmed = new Admission();
    warmed.warmUp();
    warmed.warmUp();

    assertThrows(DecodeException.class, () -> warmed.check("v1", "Pod", Yaml.obj(SEED_POD)));
    assertEquals(
        List.of("spec.replica"),
        warmed.check("apps/v1", "StatefulSet", Yaml.obj("spec: {replica: 1}")));
  }

  @Test
  void refusesKindsItDoesNotHandle() {
    assertThrows(
        IllegalArgumentException.class,
        () -> admission.check("batch/v1", "Job", Yaml.obj("metadata: {name: j}")));
  }
}
