package dev.kc.controlplane.admission;

import static dev.kc.controlplane.admission.Validating.create;
import static dev.kc.controlplane.admission.Validating.merge;
import static dev.kc.controlplane.admission.Validating.stored;
import static dev.kc.controlplane.admission.Validating.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PodValidationTest {

  private static final ObjectNode POD =
      Yaml.obj(
          """
          apiVersion: v1
          kind: Pod
          metadata: {name: web, namespace: default, labels: {app: web}}
          spec:
            containers:
            - name: app
              image: nginx:1.25
          """);

  private static final String DNS_LABEL =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  static Stream<Arguments> createCases() {
    return Stream.of(
        Arguments.of("a minimal pod is valid", "", List.of()),
        Arguments.of(
            "a pod needs a container",
            "spec: {containers: []}",
            List.of("spec.containers: Required value")),
        Arguments.of(
            "container names are unique",
            "spec: {containers: [{name: app, image: a}, {name: app, image: b}]}",
            List.of("spec.containers[1].name: Duplicate value: \"app\"")),
        Arguments.of(
            "init container names may not repeat regular ones",
            "spec: {initContainers: [{name: app, image: busybox}]}",
            List.of("spec.initContainers[0].name: Duplicate value: \"app\"")),
        Arguments.of(
            "container names are DNS labels",
            "spec: {containers: [{name: App_1, image: a}]}",
            List.of("spec.containers[0].name: Invalid value: \"App_1\": " + DNS_LABEL)),
        Arguments.of(
            "a container needs an image",
            "spec: {containers: [{name: app}]}",
            List.of("spec.containers[0].image: Required value")),
        Arguments.of(
            "container ports are in range",
            "spec: {containers: [{name: app, image: a, ports: [{containerPort: 70000}]}]}",
            List.of(
                "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between"
                    + " 1 and 65535, inclusive")),
        Arguments.of(
            "a container port is required",
            "spec: {containers: [{name: app, image: a, ports: [{name: http}]}]}",
            List.of("spec.containers[0].ports[0].containerPort: Required value")),
        Arguments.of(
            "host ports are in range",
            "spec: {containers: [{name: app, image: a,"
                + " ports: [{containerPort: 80, hostPort: 65536}]}]}",
            List.of(
                "spec.containers[0].ports[0].hostPort: Invalid value: 65536: must be between 1"
                    + " and 65535, inclusive")),
        Arguments.of(
            "protocols are TCP, UDP or SCTP",
            "spec: {containers: [{name: app, image: a,"
                + " ports: [{containerPort: 80, protocol: HTTP}]}]}",
            List.of(
                "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported"
                    + " values: \"SCTP\", \"TCP\", \"UDP\"")),
        Arguments.of(
            "port names are IANA service names",
            "spec: {containers: [{name: app, image: a, ports: [{containerPort: 80, name: HTTP}]}]}",
            List.of(
                "spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain only"
                    + " alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain at least"
                    + " one letter (a-z)")),
        Arguments.of(
            "port names are at most 15 characters",
            "spec: {containers: [{name: app, image: a,"
                + " ports: [{containerPort: 80, name: a-very-long-port-name}]}]}",
            List.of(
                "spec.containers[0].ports[0].name: Invalid value: \"a-very-long-port-name\": must"
                    + " be no more than 15 characters")),
        Arguments.of(
            "port names are unique",
            "spec: {containers: [{name: app, image: a,"
                + " ports: [{containerPort: 80, name: web}, {containerPort: 81, name: web}]}]}",
            List.of("spec.containers[0].ports[1].name: Duplicate value: \"web\"")),
        Arguments.of(
            "host ports may not clash across containers",
            "spec: {containers: [{name: a, image: a, ports: [{containerPort: 80, hostPort: 8080}]},"
                + " {name: b, image: b, ports: [{containerPort: 81, hostPort: 8080}]}]}",
            List.of("spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\"")),
        Arguments.of(
            "mounts refer to existing volumes",
            "spec: {containers: [{name: app, image: a,"
                + " volumeMounts: [{name: x, mountPath: /data}]}]}",
            List.of("spec.containers[0].volumeMounts[0].name: Not found: \"x\"")),
        Arguments.of(
            "mount paths are required and unique",
            """
            spec:
              volumes: [{name: v, emptyDir: {}}]
              containers:
              - name: app
                image: a
                volumeMounts: [{name: v, mountPath: /d}, {name: v, mountPath: /d}, {name: v}]
            """,
            List.of(
                "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/d\": must be"
                    + " unique",
                "spec.containers[0].volumeMounts[2].mountPath: Required value")),
        Arguments.of(
            "volume names are unique and have one source",
            """
            spec:
              volumes:
              - {name: v, emptyDir: {}}
              - {name: v, emptyDir: {}}
              - {name: w, emptyDir: {}, hostPath: {path: /x}}
            """,
            List.of(
                "spec.volumes[1].name: Duplicate value: \"v\"",
                "spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type")),
        Arguments.of(
            "a probe needs a handler",
            "spec: {containers: [{name: app, image: a, livenessProbe: {periodSeconds: 5}}]}",
            List.of(
                "spec.containers[0].livenessProbe: Required value: must specify a handler type")),
        Arguments.of(
            "a probe has only one handler",
            "spec: {containers: [{name: app, image: a,"
                + " readinessProbe: {exec: {command: [x]}, tcpSocket: {port: 80}}}]}",
            List.of(
                "spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than"
                    + " 1 handler type")),
        Arguments.of(
            "liveness probes succeed after one success",
            "spec: {containers: [{name: app, image: a,"
                + " livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}}]}",
            List.of(
                "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1")),
        Arguments.of(
            "probe periods are not negative",
            "spec: {containers: [{name: app, image: a,"
                + " startupProbe: {httpGet: {port: http}, periodSeconds: -1}}]}",
            List.of(
                "spec.containers[0].startupProbe.periodSeconds: Invalid value: -1: must be greater"
                    + " than or equal to 0")),
        Arguments.of(
            "requests may not exceed limits",
            "spec: {containers: [{name: app, image: a,"
                + " resources: {requests: {cpu: 2}, limits: {cpu: 1}}}]}",
            List.of(
                "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or"
                    + " equal to cpu limit of 1")),
        Arguments.of(
            "quantities are not negative",
            "spec: {containers: [{name: app, image: a, resources: {requests: {memory: -1}}}]}",
            List.of(
                "spec.containers[0].resources.requests[memory]: Invalid value: \"-1\": must be"
                    + " greater than or equal to 0")),
        Arguments.of(
            "resource names are standard or qualified",
            "spec: {containers: [{name: app, image: a, resources: {limits: {gpu: 1}}}]}",
            List.of(
                "spec.containers[0].resources.limits[gpu]: Invalid value: gpu: must be a standard"
                    + " resource type or fully qualified",
                "spec.containers[0].resources.limits[gpu]: Invalid value: gpu: must be a standard"
                    + " resource for containers",
                "spec.containers[0].resources.requests[gpu]: Invalid value: gpu: must be a"
                    + " standard resource type or fully qualified",
                "spec.containers[0].resources.requests[gpu]: Invalid value: gpu: must be a"
                    + " standard resource for containers")),
        Arguments.of(
            "extended resources need equal requests and limits in whole units",
            "spec: {containers: [{name: app, image: a,"
                + " resources: {limits: {example.com/gpu: 1}, requests: {example.com/gpu: 0.5}}}]}",
            List.of(
                "spec.containers[0].resources.requests[example.com/gpu]: Invalid value: 500m: must"
                    + " be an integer",
                "spec.containers[0].resources.requests: Invalid value: \"500m\": must be equal to"
                    + " example.com/gpu limit of 1")),
        Arguments.of(
            "restart policy is Always, OnFailure or Never",
            "spec: {restartPolicy: Sometimes}",
            List.of(
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values:"
                    + " \"Always\", \"OnFailure\", \"Never\"")),
        Arguments.of(
            "image pull policy is known",
            "spec: {containers: [{name: app, image: a, imagePullPolicy: Sometimes}]}",
            List.of(
                "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported"
                    + " values: \"Always\", \"IfNotPresent\", \"Never\"")),
        Arguments.of(
            "env vars need a name without '='",
            "spec: {containers: [{name: app, image: a, env: [{value: x}, {name: 'A=B'}]}]}",
            List.of(
                "spec.containers[0].env[0].name: Required value",
                "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment"
                    + " variable name must consist only of printable ASCII characters other than"
                    + " '='")),
        Arguments.of(
            "env valueFrom needs a source",
            "spec: {containers: [{name: app, image: a, env: [{name: A, valueFrom: {}}]}]}",
            List.of(
                "spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of:"
                    + " `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`")),
        Arguments.of(
            "env fieldRef paths are supported ones",
            "spec: {containers: [{name: app, image: a,"
                + " env: [{name: A, valueFrom: {fieldRef: {fieldPath: spec.hostname}}}]}]}",
            List.of(
                "spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value:"
                    + " \"spec.hostname\": error converting fieldPath: field label not supported:"
                    + " spec.hostname")),
        Arguments.of(
            "node selectors are labels",
            "spec: {nodeSelector: {'bad key!': x}}",
            List.of(
                "spec.nodeSelector: Invalid value: \"bad key!\": name part must consist of"
                    + " alphanumeric characters, '-', '_' or '.', and must start and end with an"
                    + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
                    + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of(
            "a toleration without key must use Exists",
            "spec: {tolerations: [{operator: Equal, value: x}]}",
            List.of(
                "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists"
                    + " when `key` is empty, which means \"match all values and all keys\"")),
        Arguments.of(
            "active deadline is positive",
            "spec: {activeDeadlineSeconds: 0}",
            List.of(
                "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647,"
                    + " inclusive")),
        Arguments.of(
            "ephemeral containers cannot be set on create",
            "spec: {ephemeralContainers: [{name: debug, image: busybox}]}",
            List.of("spec.ephemeralContainers: Forbidden: cannot be set on create")),
        Arguments.of(
            "host network pods use host port = container port",
            "spec: {hostNetwork: true, containers: [{name: app, image: a,"
                + " ports: [{containerPort: 80, hostPort: 81}]}]}",
            List.of(
                "spec.containers[0].ports[0].hostPort: Invalid value: 81: must match"
                    + " `containerPort` when `hostNetwork` is true")),
        Arguments.of(
            "run-as IDs are 32-bit",
            "spec: {securityContext: {runAsUser: -1}}",
            List.of(
                "spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and"
                    + " 4294967295, inclusive")),
        Arguments.of(
            "a localhost seccomp profile needs its file",
            "spec: {containers: [{name: app, image: a,"
                + " securityContext: {seccompProfile: {type: Localhost}}}]}",
            List.of(
                "spec.containers[0].securityContext.seccompProfile.localhostProfile: Required"
                    + " value: must be set when seccomp type is Localhost")),
        Arguments.of(
            "plain init containers may not have probes",
            "spec: {initContainers: [{name: init, image: a, readinessProbe: {exec: {command:"
                + " [x]}}}]}",
            List.of(
                "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init"
                    + " containers without restartPolicy=Always")),
        Arguments.of(
            "sidecar init containers may have probes",
            "spec: {initContainers: [{name: init, image: a, restartPolicy: Always,"
                + " readinessProbe: {exec: {command: [x]}}}]}",
            List.of()),
        Arguments.of(
            "a pod needs a name",
            "metadata: {name: null}",
            List.of("metadata.name: Required value: name or generateName is required")),
        Arguments.of(
            "a pod needs a namespace",
            "metadata: {namespace: null}",
            List.of("metadata.namespace: Required value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void validatesPodsOnCreate(String name, String patch, List<String> expected) {
    assertEquals(expected, create("v1", "Pod", merge(POD, patch)));
  }

  @Test
  void acceptsTheSeedPodOnceItsLabelsAreAMap() {
    ObjectNode seed =
        Yaml.obj(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: app, namespace: default, labels: {name: app}}
            spec:
              shareProcessNamespace: true
              containers:
                - name: app
                  image: app:1.0.0
                  imagePullPolicy: Never
                  lifecycle:
                    postStart: {exec: {command: [/bin/sh, -c, echo start]}}
                    preStop: {exec: {command: [/bin/sh, -c, echo end]}}
                  volumeMounts: [{mountPath: /tmp/app, name: app-volume}]
                  ports: [{containerPort: 8080, hostPort: 8080}]
                  livenessProbe:
                    exec: {command: [cat, /tmp/app/healthy]}
                    initialDelaySeconds: 5
                    periodSeconds: 5
              volumes: [{name: app-volume, emptyDir: {}}]
            """);

    assertEquals(List.of(), create("v1", "Pod", seed));
  }

  @Test
  void allowsChangingImagesOfARunningPod() {
    ObjectNode old = stored("v1", "Pod", POD);
    ObjectNode updated = merge(old, "spec: {containers: [{name: app, image: nginx:1.26}]}");

    assertEquals(List.of(), update("v1", "Pod", old, updated));
  }

  @Test
  void forbidsChangingOtherPodSpecFields() {
    ObjectNode old = stored("v1", "Pod", POD);
    ObjectNode updated = merge(old, "spec: {restartPolicy: Never}");

    List<String> errors = update("v1", "Pod", old, updated);

    assertEquals(1, errors.size());
    assertTrue(
        errors
            .get(0)
            .startsWith(
                "spec: Forbidden: pod updates may not change fields other than"
                    + " `spec.containers[*].image`,`spec.initContainers[*].image`,"
                    + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to"
                    + " existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to"
                    + " be set to 1 if it was previously negative)\n"),
        errors.get(0));
    assertTrue(errors.get(0).contains("restartPolicy"), errors.get(0));
  }

  @Test
  void forbidsAddingContainersToARunningPod() {
    ObjectNode old = stored("v1", "Pod", POD);
    ObjectNode updated =
        merge(old, "spec: {containers: [{name: app, image: a}, {name: b, image: b}]}");

    assertEquals(
        List.of("spec.containers: Forbidden: pod updates may not add or remove containers"),
        update("v1", "Pod", old, updated));
  }

  @Test
  void onlyLetsTheActiveDeadlineShrink() {
    ObjectNode old = stored("v1", "Pod", merge(POD, "spec: {activeDeadlineSeconds: 60}"));
    ObjectNode updated = merge(old, "spec: {activeDeadlineSeconds: 120}");

    assertEquals(
        List.of(
            "spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to"
                + " previous value"),
        update("v1", "Pod", old, updated));
  }

  @Test
  void forbidsRemovingTolerations() {
    ObjectNode old = stored("v1", "Pod", POD);
    ObjectNode updated = merge(old, "spec: {tolerations: []}");

    List<String> errors = update("v1", "Pod", old, updated);

    assertEquals(
        "spec.tolerations: Forbidden: existing toleration can not be modified except its"
            + " tolerationSeconds",
        errors.get(0));
  }

  @Test
  void requiresAResourceVersionAndAnUnchangedNameOnUpdate() {
    ObjectNode old = stored("v1", "Pod", POD);
    ObjectNode updated = merge(old, "metadata: {resourceVersion: null, name: other}");

    assertEquals(
        List.of(
            "metadata.resourceVersion: Invalid value: \"\": must be specified for an update",
            "metadata.name: Invalid value: \"other\": field is immutable"),
        update("v1", "Pod", old, updated));
  }
}
