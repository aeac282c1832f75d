package dev.kc.controlplane.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DefaultsTest {

  private static final JsonMapper JSON = JsonMapper.shared();

  private final Admission admission = new Admission();

  private ObjectNode defaulted(String apiVersion, String kind, String yaml) {
    ObjectNode obj = Yaml.obj(yaml);
    admission.applyDefaults(apiVersion, kind, obj);
    return obj;
  }

  /** Compares as JSON values, independent of key order and of int/long node types. */
  private static void assertJson(String expectedYaml, JsonNode actual) {
    assertEquals(
        JSON.readTree(Yaml.node(expectedYaml).toString()), JSON.readTree(actual.toString()));
  }

  @Test
  void dropsTheNullCreationTimestampGoClientsSendInTemplates() {
    ObjectNode d =
        defaulted(
            "apps/v1",
            "Deployment",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {creationTimestamp: null, labels: {app: web}}
                spec: {containers: [{name: c, image: nginx}]}
            """);

    assertEquals(false, d.path("spec").path("template").path("metadata").has("creationTimestamp"));
  }

  @Test
  void givesTheDocsDeploymentEverythingARealServerStores() {
    ObjectNode d =
        defaulted(
            "apps/v1",
            "Deployment",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nginx-deployment, labels: {app: nginx}}
            spec:
              replicas: 3
              selector: {matchLabels: {app: nginx}}
              template:
                metadata: {labels: {app: nginx}}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.14.2
                    ports: [{containerPort: 80}]
            """);

    assertJson(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: nginx-deployment, labels: {app: nginx}}
        spec:
          progressDeadlineSeconds: 600
          replicas: 3
          revisionHistoryLimit: 10
          selector: {matchLabels: {app: nginx}}
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
          template:
            metadata: {labels: {app: nginx}}
            spec:
              containers:
              - name: nginx
                image: nginx:1.14.2
                imagePullPolicy: IfNotPresent
                ports: [{containerPort: 80, protocol: TCP}]
                resources: {}
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              schedulerName: default-scheduler
              securityContext: {}
              terminationGracePeriodSeconds: 30
        """,
        d);
  }

  @Test
  void defaultsReplicasToOneWhenTheDeploymentLeavesItOut() {
    ObjectNode d =
        defaulted("apps/v1", "Deployment", "spec: {template: {spec: {containers: [{name: a}]}}}");

    assertEquals(1, d.at("/spec/replicas").asInt());
  }

  @Test
  void leavesARecreateStrategyWithoutRollingUpdate() {
    ObjectNode d = defaulted("apps/v1", "Deployment", "spec: {strategy: {type: Recreate}}");

    assertJson("type: Recreate", d.at("/spec/strategy"));
  }

  @Test
  void givesABarePodTheSpecAdmissionAndStatusDefaults() {
    ObjectNode pod =
        defaulted(
            "v1",
            "Pod",
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default}
            spec:
              containers:
              - name: web
                image: nginx
                livenessProbe: {httpGet: {port: 80}}
            """);

    assertJson(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: default}
        spec:
          containers:
          - name: web
            image: nginx
            imagePullPolicy: Always
            livenessProbe:
              httpGet: {port: 80, path: /, scheme: HTTP}
              timeoutSeconds: 1
              periodSeconds: 10
              successThreshold: 1
              failureThreshold: 3
            resources: {}
            terminationMessagePath: /dev/termination-log
            terminationMessagePolicy: File
          dnsPolicy: ClusterFirst
          enableServiceLinks: true
          preemptionPolicy: PreemptLowerPriority
          priority: 0
          restartPolicy: Always
          schedulerName: default-scheduler
          securityContext: {}
          serviceAccount: default
          serviceAccountName: default
          terminationGracePeriodSeconds: 30
          tolerations:
          - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute,
             tolerationSeconds: 300}
          - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute,
             tolerationSeconds: 300}
        status: {phase: Pending, qosClass: BestEffort}
        """,
        pod);
  }

  @Test
  void copiesLimitsToRequestsOnPodsAndComputesGuaranteedQos() {
    ObjectNode pod =
        defaulted(
            "v1",
            "Pod",
            "spec: {containers: [{name: a, image: b,"
                + " resources: {limits: {cpu: 0.5, memory: 1024Mi}}}]}");

    assertJson(
        "{limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 500m, memory: 1Gi}}",
        pod.at("/spec/containers/0/resources"));
    assertEquals("Guaranteed", pod.at("/status/qosClass").asString());
  }

  @Test
  void keepsAnExistingNoExecuteWildcardTolerationWithoutAddingDefaults() {
    ObjectNode pod =
        defaulted(
            "v1",
            "Pod",
            "spec: {containers: [{name: a, image: b}], tolerations: [{operator: Exists}]}");

    assertJson("[{operator: Exists}]", pod.at("/spec/tolerations"));
  }

  @Test
  void leavesTemplatesWithoutPodOnlyDefaults() {
    ObjectNode rs =
        defaulted(
            "apps/v1",
            "ReplicaSet",
            "spec: {template: {spec: {containers: [{name: a, image: b}]}}}");

    JsonNode spec = rs.at("/spec/template/spec");
    assertEquals(false, spec.has("enableServiceLinks"));
    assertEquals(false, spec.has("tolerations"));
    assertEquals(false, spec.has("serviceAccountName"));
    assertEquals(false, rs.at("/spec/template").has("status"));
  }

  static Stream<Arguments> pullPolicies() {
    return Stream.of(
        Arguments.of("nginx", "Always"),
        Arguments.of("nginx:latest", "Always"),
        Arguments.of("nginx:1.25", "IfNotPresent"),
        Arguments.of("localhost:5000/app", "Always"),
        Arguments.of("localhost:5000/app:v1", "IfNotPresent"),
        Arguments.of("quay.io/fluentd_elasticsearch/fluentd:v2.5.2", "IfNotPresent"),
        Arguments.of(
            "registry.k8s.io/ingress-nginx/controller:v1.5.1@sha256:"
                + "4ba73c697770664c1e00e9f968de14e08f606ff961c76e5d7033a4a9c593c629",
            "IfNotPresent"),
        Arguments.of(
            "busybox@sha256:4ba73c697770664c1e00e9f968de14e08f606ff961c76e5d7033a4a9c593c629",
            "IfNotPresent"),
        Arguments.of("NotAValidName", "IfNotPresent"));
  }

  @ParameterizedTest(name = "{0} pulls {1}")
  @MethodSource("pullPolicies")
  void choosesImagePullPolicyFromTheTag(String image, String policy) {
    ObjectNode pod =
        defaulted("v1", "Pod", "spec: {containers: [{name: a, image: '" + image + "'}]}");

    assertEquals(policy, pod.at("/spec/containers/0/imagePullPolicy").asString());
  }

  @Test
  void defaultsServicesAsASingleStackServerStoresThem() {
    ObjectNode svc =
        defaulted(
            "v1",
            "Service",
            "spec: {type: NodePort, clusterIP: 10.96.0.10, selector: {app: a},"
                + " ports: [{port: 80}, {port: 81, targetPort: http, protocol: UDP}]}");

    assertJson(
        """
        type: NodePort
        clusterIP: 10.96.0.10
        clusterIPs: [10.96.0.10]
        selector: {app: a}
        ports:
        - {port: 80, targetPort: 80, protocol: TCP}
        - {port: 81, targetPort: http, protocol: UDP}
        sessionAffinity: None
        externalTrafficPolicy: Cluster
        internalTrafficPolicy: Cluster
        ipFamilies: [IPv4]
        ipFamilyPolicy: SingleStack
        """,
        svc.get("spec"));
  }

  @Test
  void asksForDualStackOnSelectorlessHeadlessServices() {
    ObjectNode svc = defaulted("v1", "Service", "spec: {clusterIP: None, ports: [{port: 80}]}");

    assertEquals("RequireDualStack", svc.at("/spec/ipFamilyPolicy").asString());
    assertEquals("ClusterIP", svc.at("/spec/type").asString());
  }

  @Test
  void leavesExternalNameServicesWithoutIpFields() {
    ObjectNode svc =
        defaulted("v1", "Service", "spec: {type: ExternalName, externalName: example.com}");

    assertJson(
        "{type: ExternalName, externalName: example.com, sessionAffinity: None}", svc.get("spec"));
  }

  @Test
  void givesClientIpAffinityItsDefaultTimeout() {
    ObjectNode svc =
        defaulted("v1", "Service", "spec: {sessionAffinity: ClientIP, ports: [{port: 80}]}");

    assertEquals(10800, svc.at("/spec/sessionAffinityConfig/clientIP/timeoutSeconds").asInt());
  }

  @Test
  void defaultsStatefulSetsIncludingTheirClaimTemplates() {
    ObjectNode sts =
        defaulted(
            "apps/v1",
            "StatefulSet",
            """
            spec:
              serviceName: web
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx:1.25}]}
              volumeClaimTemplates:
              - metadata: {name: www}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
            """);

    JsonNode spec = sts.get("spec");
    assertEquals(1, spec.get("replicas").asInt());
    assertEquals("OrderedReady", spec.get("podManagementPolicy").asString());
    assertEquals(10, spec.get("revisionHistoryLimit").asInt());
    assertJson("{type: RollingUpdate, rollingUpdate: {partition: 0}}", spec.get("updateStrategy"));
    assertJson(
        "{whenDeleted: Retain, whenScaled: Retain}",
        spec.get("persistentVolumeClaimRetentionPolicy"));
    assertJson(
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: www}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
          volumeMode: Filesystem
        status: {phase: Pending}
        """,
        spec.at("/volumeClaimTemplates/0"));
    assertEquals("Always", spec.at("/template/spec/restartPolicy").asString());
  }

  @Test
  void keepsAnExplicitRollingUpdateStatefulSetWithoutPartition() {
    ObjectNode sts =
        defaulted("apps/v1", "StatefulSet", "spec: {updateStrategy: {type: RollingUpdate}}");

    assertJson("{type: RollingUpdate}", sts.at("/spec/updateStrategy"));
  }

  @Test
  void defaultsDaemonSetRollingUpdateToOneUnavailableNoSurge() {
    ObjectNode ds = defaulted("apps/v1", "DaemonSet", "spec: {}");

    assertJson(
        "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}",
        ds.at("/spec/updateStrategy"));
    assertEquals(10, ds.at("/spec/revisionHistoryLimit").asInt());
  }

  @Test
  void defaultsV1AutoscalersToMinOneAndEightyPercentCpu() {
    ObjectNode hpa =
        defaulted(
            "autoscaling/v1",
            "HorizontalPodAutoscaler",
            "spec: {scaleTargetRef: {kind: ReplicaSet, name: frontend}, maxReplicas: 10}");

    assertEquals(1, hpa.at("/spec/minReplicas").asInt());
    assertEquals(80, hpa.at("/spec/targetCPUUtilizationPercentage").asInt());
  }

  @Test
  void defaultsV2AutoscalersWithoutInventingABehavior() {
    ObjectNode hpa =
        defaulted("autoscaling/v2", "HorizontalPodAutoscaler", "spec: {maxReplicas: 10}");

    assertJson(
        """
        maxReplicas: 10
        minReplicas: 1
        metrics:
        - type: Resource
          resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
        """,
        hpa.get("spec"));
  }

  @Test
  void fillsAGivenV2BehaviorWithTheControllerDefaults() {
    ObjectNode hpa =
        defaulted(
            "autoscaling/v2",
            "HorizontalPodAutoscaler",
            "spec: {maxReplicas: 3, behavior: {scaleDown: {stabilizationWindowSeconds: 60}}}");

    assertJson(
        """
        scaleUp:
          stabilizationWindowSeconds: 0
          selectPolicy: Max
          policies:
          - {type: Pods, value: 4, periodSeconds: 15}
          - {type: Percent, value: 100, periodSeconds: 15}
        scaleDown:
          stabilizationWindowSeconds: 60
          selectPolicy: Max
          policies:
          - {type: Percent, value: 100, periodSeconds: 15}
        """,
        hpa.at("/spec/behavior"));
  }

  @Test
  void givesNamespacesTheirLabelFinalizerAndPhase() {
    ObjectNode ns = defaulted("v1", "Namespace", "metadata: {name: team-a, namespace: x}");

    assertJson(
        """
        metadata: {name: team-a, labels: {kubernetes.io/metadata.name: team-a}}
        spec: {finalizers: [kubernetes]}
        status: {phase: Active}
        """,
        ns);
  }

  @Test
  void doesNotReaddTheNamespaceFinalizerDuringDeletion() {
    ObjectNode ns =
        defaulted(
            "v1",
            "Namespace",
            "metadata: {name: a, deletionTimestamp: '2024-01-01T00:00:00Z'}\n"
                + "spec: {finalizers: []}\nstatus: {phase: Terminating}");

    assertJson("{finalizers: []}", ns.get("spec"));
    assertEquals("Terminating", ns.at("/status/phase").asString());
  }

  @Test
  void foldsSecretStringDataIntoBase64Data() {
    ObjectNode secret = defaulted("v1", "Secret", "data: {a: YQ==}\nstringData: {b: hello, a: x}");

    assertJson("{type: Opaque, data: {a: eA==, b: aGVsbG8=}}", secret);
  }

  @Test
  void defaultsClaimsAndVolumesAsPendingFilesystems() {
    ObjectNode pvc = defaulted("v1", "PersistentVolumeClaim", "spec: {}");
    ObjectNode pv =
        defaulted(
            "v1", "PersistentVolume", "spec: {hostPath: {path: /data}, capacity: {storage: 1G}}");

    assertJson("{spec: {volumeMode: Filesystem}, status: {phase: Pending}}", pvc);
    assertJson(
        """
        spec:
          hostPath: {path: /data, type: ""}
          capacity: {storage: 1G}
          persistentVolumeReclaimPolicy: Retain
          volumeMode: Filesystem
        status: {phase: Pending}
        """,
        pv);
  }

  @Test
  void defaultsVolumeSourcesAndFileModes() {
    ObjectNode pod =
        defaulted(
            "v1",
            "Pod",
            """
            spec:
              containers: [{name: a, image: b}]
              volumes:
              - name: scratch
              - name: cfg
                configMap: {name: c}
              - name: logs
                hostPath: {path: /var/log}
            """);

    assertJson(
        """
        - {name: scratch, emptyDir: {}}
        - {name: cfg, configMap: {name: c, defaultMode: 420}}
        - {name: logs, hostPath: {path: /var/log, type: ""}}
        """,
        pod.at("/spec/volumes"));
  }

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(
            "v1",
            "Pod",
            "spec: {hostNetwork: true, containers: [{name: a, image: b,"
                + " ports: [{containerPort: 80}], resources: {limits: {cpu: 1}}}]}"),
        Arguments.of("v1", "Service", "spec: {type: LoadBalancer, ports: [{port: 80}]}"),
        Arguments.of("v1", "Namespace", "metadata: {name: n}"),
        Arguments.of("v1", "Node", "metadata: {name: n}\nstatus: {capacity: {cpu: 2}}"),
        Arguments.of("v1", "Endpoints", "subsets: [{ports: [{port: 80}]}]"),
        Arguments.of("v1", "Event", "metadata: {name: e}"),
        Arguments.of("v1", "ConfigMap", "data: {a: b}"),
        Arguments.of("v1", "Secret", "stringData: {a: b}"),
        Arguments.of(
            "v1", "PersistentVolumeClaim", "spec: {resources: {requests: {storage: 1Gi}}}"),
        Arguments.of("v1", "PersistentVolume", "spec: {capacity: {storage: 1Gi}}"),
        Arguments.of(
            "apps/v1", "Deployment", "spec: {template: {spec: {containers: [{name: a}]}}}"),
        Arguments.of("apps/v1", "ReplicaSet", "spec: {}"),
        Arguments.of("apps/v1", "StatefulSet", "spec: {volumeClaimTemplates: [{spec: {}}]}"),
        Arguments.of("apps/v1", "DaemonSet", "spec: {}"),
        Arguments.of("apps/v1", "ControllerRevision", "revision: 1"),
        Arguments.of("autoscaling/v1", "HorizontalPodAutoscaler", "spec: {maxReplicas: 2}"),
        Arguments.of(
            "autoscaling/v2", "HorizontalPodAutoscaler", "spec: {maxReplicas: 2, behavior: {}}"));
  }

  @ParameterizedTest(name = "{1} ({0})")
  @MethodSource("kinds")
  void defaultingTwiceChangesNothing(String apiVersion, String kind, String yaml) {
    ObjectNode once = defaulted(apiVersion, kind, yaml);
    ObjectNode twice = once.deepCopy();

    admission.applyDefaults(apiVersion, kind, twice);

    assertEquals(JSON.readTree(once.toString()), JSON.readTree(twice.toString()));
  }
}
