package dev.kc.controlplane.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The seed walkthrough's manifests (other than its broken Pod) go through admission cleanly. */
class SeedManifestsTest {

  static Stream<Arguments> manifests() {
    return Stream.of(
        Arguments.of(
            "replica set",
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: app-rs
              namespace: rs
              labels: {app: app-rs, tier: app-rs}
            spec:
              replicas: 3
              selector: {matchLabels: {tier: app-rs}}
              template:
                metadata: {labels: {tier: app-rs}}
                spec:
                  containers:
                  - {name: app, image: "app:1.0.0", imagePullPolicy: Never}
            """),
        Arguments.of(
            "autoscaler",
            """
            apiVersion: autoscaling/v1
            kind: HorizontalPodAutoscaler
            metadata: {name: frontend-scaler, namespace: rs}
            spec:
              scaleTargetRef: {kind: ReplicaSet, name: frontend}
              minReplicas: 3
              maxReplicas: 10
              targetCPUUtilizationPercentage: 50
            """),
        Arguments.of(
            "deployment",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app-deployment, namespace: deploy, labels: {app: app}}
            spec:
              replicas: 3
              selector: {matchLabels: {app: app}}
              template:
                metadata: {labels: {app: app}}
                spec:
                  containers:
                  - name: app
                    image: app:1.0.0
                    ports: [{containerPort: 8080}]
            """),
        Arguments.of(
            "headless service",
            """
            apiVersion: v1
            kind: Service
            metadata: {name: app, namespace: sts, labels: {app: app}}
            spec:
              selector: {app: app}
              clusterIP: None
              ports: [{name: default, protocol: TCP, port: 8080, targetPort: 8080}]
            """),
        Arguments.of(
            "stateful set",
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: app, namespace: sts}
            spec:
              selector: {matchLabels: {app: app}}
              serviceName: app
              replicas: 3
              template:
                metadata: {labels: {app: app}}
                spec:
                  terminationGracePeriodSeconds: 10
                  containers:
                  - name: app
                    image: app:1.0.3
                    imagePullPolicy: Never
                    ports: [{containerPort: 8080, name: app}]
            """),
        Arguments.of(
            "daemon set",
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: fluentd-elasticsearch
              namespace: kube-system
              labels: {k8s-app: fluentd-logging}
            spec:
              selector: {matchLabels: {name: fluentd-elasticsearch}}
              template:
                metadata: {labels: {name: fluentd-elasticsearch}}
                spec:
                  tolerations:
                  - {key: node-role.kubernetes.io/master, effect: NoSchedule}
                  containers:
                  - name: fluentd-elasticsearch
                    image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
                    resources:
                      limits: {memory: 200Mi}
                      requests: {cpu: 100m, memory: 200Mi}
                    volumeMounts:
                    - {name: varlog, mountPath: /var/log}
                    - {name: varlibdockercontainers, mountPath: /var/lib/docker/containers,
                       readOnly: true}
                  terminationGracePeriodSeconds: 30
                  volumes:
                  - {name: varlog, hostPath: {path: /var/log}}
                  - {name: varlibdockercontainers, hostPath: {path: /var/lib/docker/containers}}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void passesAdmissionWithoutProblems(String name, String yaml) {
    ObjectNode obj = Yaml.obj(yaml);
    String apiVersion = obj.get("apiVersion").asString();
    String kind = obj.get("kind").asString();

    assertEquals(List.of(), Validating.create(apiVersion, kind, obj));
  }
}
