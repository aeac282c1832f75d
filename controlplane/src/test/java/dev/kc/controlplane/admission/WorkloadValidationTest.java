package dev.kc.controlplane.admission;

import static dev.kc.controlplane.admission.Validating.create;
import static dev.kc.controlplane.admission.Validating.merge;
import static dev.kc.controlplane.admission.Validating.stored;
import static dev.kc.controlplane.admission.Validating.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class WorkloadValidationTest {

  private static final String TEMPLATE =
      """
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx:1.25}]
      """;

  private static final ObjectNode DEPLOYMENT =
      Yaml.obj(
          "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: default}\n"
              + "spec:\n  replicas: 3\n"
              + TEMPLATE);
  private static final ObjectNode REPLICA_SET =
      Yaml.obj(
          "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web, namespace: default}\n"
              + "spec:\n"
              + TEMPLATE);
  private static final ObjectNode STATEFUL_SET =
      Yaml.obj(
          "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: default}\n"
              + "spec:\n  serviceName: web\n"
              + TEMPLATE);
  private static final ObjectNode DAEMON_SET =
      Yaml.obj(
          "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: web, namespace: kube-system}\n"
              + "spec:\n"
              + TEMPLATE);

  private static final String MISMATCH =
      "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}:"
          + " `selector` does not match template `labels`";

  static Stream<Arguments> deploymentCases() {
    return Stream.of(
        Arguments.of("a deployment from the docs is valid", "", List.of()),
        Arguments.of(
            "replicas are not negative",
            "spec: {replicas: -1}",
            List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of(
            "a selector is required (and then nothing matches)",
            "spec: {selector: null}",
            List.of("spec.selector: Required value", MISMATCH)),
        Arguments.of(
            "an empty selector is invalid",
            "spec: {selector: {matchLabels: null}}",
            List.of(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is"
                    + " invalid for deployment")),
        Arguments.of(
            "the selector must match the template labels",
            "spec: {selector: {matchLabels: {app: api}}}",
            List.of(MISMATCH)),
        Arguments.of(
            "selector expressions are checked and then make the selector unusable",
            "spec: {selector: {matchLabels: null, matchExpressions: [{key: app, operator: In}]}}",
            List.of(
                "spec.selector.matchExpressions[0].values: Required value: must be specified when"
                    + " `operator` is 'In' or 'NotIn'",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement"
                    + "{Key:\"app\", Operator:\"In\", Values:[]string(nil)}}}: invalid label"
                    + " selector")),
        Arguments.of(
            "template pods must restart always",
            "spec: {template: {spec: {restartPolicy: Never}}}",
            List.of(
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values:"
                    + " \"Always\"")),
        Arguments.of(
            "the template pod spec is validated",
            "spec: {template: {spec: {containers: [{name: web}]}}}",
            List.of("spec.template.spec.containers[0].image: Required value")),
        Arguments.of(
            "template labels are validated under spec.template.labels",
            "spec: {template: {metadata: {labels: {app: web, 'x/y/z': a}}}}",
            List.of(
                "spec.template.labels: Invalid value: \"x/y/z\": a qualified name must consist of"
                    + " alphanumeric characters, '-', '_' or '.', and must start and end with an"
                    + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
                    + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an"
                    + " optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")),
        Arguments.of(
            "surge and unavailable may not both be zero",
            "spec: {strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when"
                    + " `maxSurge` is 0")),
        Arguments.of(
            "unavailable may not exceed 100%",
            "spec: {strategy: {rollingUpdate: {maxUnavailable: 120%}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must not be"
                    + " greater than 100%")),
        Arguments.of(
            "percentages are well formed",
            "spec: {strategy: {rollingUpdate: {maxSurge: 'ten%'}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: ten%: a valid percent string"
                    + " must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%',"
                    + " regex used for validation is '[0-9]+%')")),
        Arguments.of(
            "surge is not negative",
            "spec: {strategy: {rollingUpdate: {maxSurge: -1}}}",
            List.of(
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or"
                    + " equal to 0")),
        Arguments.of(
            "recreate may not carry rolling update settings",
            "spec: {strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}}",
            List.of(
                "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type`"
                    + " is 'Recreate'")),
        Arguments.of(
            "strategy types are Recreate or RollingUpdate",
            "spec: {strategy: {type: BlueGreen}}",
            List.of(
                "spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\","
                    + " RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values:"
                    + " \"Recreate\", \"RollingUpdate\"")),
        Arguments.of(
            "the progress deadline exceeds minReadySeconds",
            "spec: {minReadySeconds: 600}",
            List.of(
                "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than"
                    + " minReadySeconds")),
        Arguments.of(
            "revision history is not negative",
            "spec: {revisionHistoryLimit: -2}",
            List.of(
                "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to"
                    + " 0")),
        Arguments.of(
            "the template may not set an active deadline",
            "spec: {template: {spec: {activeDeadlineSeconds: 10}}}",
            List.of(
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in"
                    + " ReplicaSet is not Supported")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deploymentCases")
  void validatesDeploymentsOnCreate(String name, String patch, List<String> expected) {
    assertEquals(expected, create("apps/v1", "Deployment", merge(DEPLOYMENT, patch)));
  }

  @Test
  void keepsTheDeploymentSelectorImmutable() {
    ObjectNode old = stored("apps/v1", "Deployment", DEPLOYMENT);
    ObjectNode updated =
        merge(
            old,
            "spec: {selector: {matchLabels: {app: y}},"
                + " template: {metadata: {labels: {app: y}}}}");

    assertEquals(
        List.of(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":"
                + "\"y\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is"
                + " immutable"),
        update("apps/v1", "Deployment", old, updated));
  }

  @Test
  void letsADeploymentScaleAndChangeItsImage() {
    ObjectNode old = stored("apps/v1", "Deployment", DEPLOYMENT);
    ObjectNode updated =
        merge(old, "spec: {replicas: 5, template: {spec: {containers: [{name: web, image: x}]}}}");

    assertEquals(List.of(), update("apps/v1", "Deployment", old, updated));
  }

  @Test
  void validatesReplicaSetsLikeDeploymentsIncludingTheWording() {
    assertEquals(
        List.of(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{},"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid"
                + " for deployment"),
        create(
            "apps/v1",
            "ReplicaSet",
            merge(REPLICA_SET, "spec: {replicas: -1, selector: {matchLabels: {app: null}}}")));
  }

  @Test
  void keepsTheReplicaSetSelectorImmutable() {
    ObjectNode old = stored("apps/v1", "ReplicaSet", REPLICA_SET);
    ObjectNode updated =
        merge(
            old,
            "spec: {selector: {matchLabels: {tier: web}}, template: {metadata: {labels: {tier:"
                + " web}}}}");

    assertEquals(
        List.of(
            "spec.selector: Invalid value:"
                + " v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\","
                + " \"tier\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field"
                + " is immutable"),
        update("apps/v1", "ReplicaSet", old, updated));
  }

  static Stream<Arguments> statefulSetCases() {
    return Stream.of(
        Arguments.of("a stateful set from the docs is valid", "", List.of()),
        Arguments.of(
            "stateful set names are DNS labels",
            "metadata: {name: web.v1}",
            List.of("metadata.name: Invalid value: \"web.v1\": must not contain dots")),
        Arguments.of(
            "pod management is OrderedReady or Parallel",
            "spec: {podManagementPolicy: Random}",
            List.of(
                "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or"
                    + " 'Parallel'")),
        Arguments.of(
            "update strategy types are known",
            "spec: {updateStrategy: {type: Canary}}",
            List.of(
                "spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"
                    + "\"Canary\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}:"
                    + " must be 'RollingUpdate' or 'OnDelete'")),
        Arguments.of(
            "partitions are not negative",
            "spec: {updateStrategy: {rollingUpdate: {partition: -1}}}",
            List.of(
                "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater"
                    + " than or equal to 0")),
        Arguments.of(
            "an empty selector is invalid",
            "spec: {selector: {matchLabels: {app: null}}}",
            List.of(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{},"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is"
                    + " invalid for statefulset")),
        Arguments.of(
            "the selector must match",
            "spec: {selector: {matchLabels: {app: db}}}",
            List.of(MISMATCH)),
        Arguments.of(
            "template pods must restart always",
            "spec: {template: {spec: {restartPolicy: OnFailure}}}",
            List.of(
                "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported"
                    + " values: \"Always\"")),
        Arguments.of(
            "claim retention policies are Retain or Delete",
            "spec: {persistentVolumeClaimRetentionPolicy: {whenScaled: Keep}}",
            List.of(
                "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"Keep\":"
                    + " supported values: \"Retain\", \"Delete\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statefulSetCases")
  void validatesStatefulSetsOnCreate(String name, String patch, List<String> expected) {
    assertEquals(expected, create("apps/v1", "StatefulSet", merge(STATEFUL_SET, patch)));
  }

  @Test
  void letsStatefulSetsChangeOnlyTheirMutableFields() {
    ObjectNode old = stored("apps/v1", "StatefulSet", STATEFUL_SET);

    assertEquals(
        List.of(),
        update(
            "apps/v1",
            "StatefulSet",
            old,
            merge(
                old,
                "spec: {replicas: 4, minReadySeconds: 5, updateStrategy: {type: OnDelete,"
                    + " rollingUpdate: null}}")));
    assertEquals(
        List.of(
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas',"
                + " 'ordinals', 'template', 'updateStrategy',"
                + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"),
        update("apps/v1", "StatefulSet", old, merge(old, "spec: {serviceName: other}")));
  }

  static Stream<Arguments> daemonSetCases() {
    return Stream.of(
        Arguments.of("the docs' fluentd daemon set is valid", "", List.of()),
        Arguments.of(
            "surge and unavailable may not both be set",
            "spec: {updateStrategy: {rollingUpdate: {maxSurge: 1}}}",
            List.of(
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when"
                    + " maxUnavailable is non-zero")),
        Arguments.of(
            "surge and unavailable may not both be zero",
            "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 0}}}",
            List.of(
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when"
                    + " maxSurge is 0")),
        Arguments.of(
            "strategy types are known",
            "spec: {updateStrategy: {type: Manual, rollingUpdate: null}}",
            List.of(
                "spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"
                    + "\"Manual\", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported"
                    + " values: \"RollingUpdate\", \"OnDelete\"")),
        Arguments.of(
            "an empty selector is invalid",
            "spec: {selector: {matchLabels: {app: null}}}",
            List.of(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{},"
                    + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is"
                    + " invalid for daemonset")),
        Arguments.of(
            "template pods must restart always",
            "spec: {template: {spec: {restartPolicy: Never}}}",
            List.of(
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values:"
                    + " \"Always\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("daemonSetCases")
  void validatesDaemonSetsOnCreate(String name, String patch, List<String> expected) {
    assertEquals(expected, create("apps/v1", "DaemonSet", merge(DAEMON_SET, patch)));
  }

  @Test
  void requiresControllerRevisionDataAndKeepsItImmutable() {
    ObjectNode cr =
        Yaml.obj(
            "apiVersion: apps/v1\nkind: ControllerRevision\n"
                + "metadata: {name: web-7d4b9c, namespace: default}\nrevision: 1");

    assertEquals(
        List.of("data: Required value: data is mandatory"),
        create("apps/v1", "ControllerRevision", cr.deepCopy()));

    ObjectNode old = stored("apps/v1", "ControllerRevision", merge(cr, "data: {spec: {a: 1}}"));
    assertEquals(
        List.of("data: Invalid value: runtime.RawExtension{...}: field is immutable"),
        update("apps/v1", "ControllerRevision", old, merge(old, "data: {spec: {a: 2}}")));
  }
}
