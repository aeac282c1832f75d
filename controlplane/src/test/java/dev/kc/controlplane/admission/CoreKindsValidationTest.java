package dev.kc.controlplane.admission;

import static dev.kc.controlplane.admission.Validating.create;
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

class CoreKindsValidationTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a namespace is valid", "v1", "Namespace", "metadata: {name: team-a}", List.of()),
        Arguments.of(
            "namespace names are DNS labels",
            "v1",
            "Namespace",
            "metadata: {name: Team_A}",
            List.of(
                "metadata.name: Invalid value: \"Team_A\": a lowercase RFC 1123 label must consist"
                    + " of lower case alphanumeric characters or '-', and must start and end with"
                    + " an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
                    + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of(
            "a node is valid",
            "v1",
            "Node",
            "metadata: {name: kc-worker}\nspec: {taints: [{key: a, effect: NoSchedule}]}",
            List.of()),
        Arguments.of(
            "taint effects are known",
            "v1",
            "Node",
            "metadata: {name: n}\nspec: {taints: [{key: a, effect: Never}]}",
            List.of(
                "metadata.taints[0].effect: Unsupported value: \"Never\": supported values:"
                    + " \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")),
        Arguments.of(
            "config map keys are file names",
            "v1",
            "ConfigMap",
            "metadata: {name: c, namespace: d}\ndata: {'a/b': x}",
            List.of(
                "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric"
                    + " characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or"
                    + " 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")),
        Arguments.of(
            "a key may not be in data and binaryData",
            "v1",
            "ConfigMap",
            "metadata: {name: c, namespace: d}\ndata: {a: x}\nbinaryData: {a: eA==}",
            List.of("data[a]: Invalid value: \"a\": duplicate of key present in binaryData")),
        Arguments.of(
            "TLS secrets carry a certificate and a key",
            "v1",
            "Secret",
            "metadata: {name: s, namespace: d}\ntype: kubernetes.io/tls\ndata: {tls.crt: eA==}",
            List.of("data[tls.key]: Required value")),
        Arguments.of(
            "endpoints list addresses",
            "v1",
            "Endpoints",
            "metadata: {name: e, namespace: d}\nsubsets: [{ports: [{port: 80}]}]",
            List.of("subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`")),
        Arguments.of(
            "endpoint addresses are routable IPs",
            "v1",
            "Endpoints",
            "metadata: {name: e, namespace: d}\nsubsets: [{addresses: [{ip: 127.0.0.1}]}]",
            List.of(
                "subsets[0].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the"
                    + " loopback range (127.0.0.0/8, ::1/128)")),
        Arguments.of(
            "an event's object lives in the event's namespace",
            "v1",
            "Event",
            "metadata: {name: e.1, namespace: team-a}\n"
                + "involvedObject: {kind: Pod, name: p, namespace: team-b}\nreason: Started",
            List.of(
                "involvedObject.namespace: Invalid value: \"team-b\": does not match"
                    + " event.namespace")),
        Arguments.of(
            "a claim is valid",
            "v1",
            "PersistentVolumeClaim",
            "metadata: {name: www-web-0, namespace: d}\n"
                + "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}",
            List.of()),
        Arguments.of(
            "a claim asks for access and storage",
            "v1",
            "PersistentVolumeClaim",
            "metadata: {name: c, namespace: d}\nspec: {}",
            List.of(
                "spec.accessModes: Required value: at least 1 access mode is required",
                "spec.resources[storage]: Required value")),
        Arguments.of(
            "access modes are known",
            "v1",
            "PersistentVolumeClaim",
            "metadata: {name: c, namespace: d}\n"
                + "spec: {accessModes: [RWO], resources: {requests: {storage: 1Gi}}}",
            List.of(
                "spec.accessModes: Unsupported value: \"RWO\": supported values: \"ReadOnlyMany\","
                    + " \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"")),
        Arguments.of(
            "a claim asks for some storage",
            "v1",
            "PersistentVolumeClaim",
            "metadata: {name: c, namespace: d}\n"
                + "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 0}}}",
            List.of("spec.resources[storage]: Invalid value: \"0\": must be greater than zero")),
        Arguments.of(
            "a volume is valid",
            "v1",
            "PersistentVolume",
            "metadata: {name: pv1}\n"
                + "spec: {accessModes: [ReadWriteOnce], capacity: {storage: 5Gi},"
                + " hostPath: {path: /data}}",
            List.of()),
        Arguments.of(
            "a volume has exactly one source",
            "v1",
            "PersistentVolume",
            "metadata: {name: pv1}\nspec: {accessModes: [ReadWriteOnce], capacity: {storage: 5Gi}}",
            List.of("spec: Required value: must specify a volume type")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesCoreKinds(
      String name, String apiVersion, String kind, String yaml, List<String> expected) {
    assertEquals(expected, create(apiVersion, kind, Yaml.obj(yaml)));
  }

  @Test
  void keepsImmutableConfigMapsAsTheyAre() {
    ObjectNode old =
        stored(
            "v1",
            "ConfigMap",
            Yaml.obj("metadata: {name: c, namespace: d}\nimmutable: true\ndata: {a: b}"));
    ObjectNode updated = old.deepCopy();
    updated.withObject("data").put("a", "c");

    assertEquals(
        List.of("data: Forbidden: field is immutable when `immutable` is set"),
        update("v1", "ConfigMap", old, updated));
  }

  @Test
  void keepsAClaimSpecImmutableExceptForABoundClaimsSize() {
    ObjectNode old =
        stored(
            "v1",
            "PersistentVolumeClaim",
            Yaml.obj(
                "metadata: {name: c, namespace: d}\n"
                    + "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage:"
                    + " 1Gi}}}"));
    ObjectNode updated = old.deepCopy();
    updated.withObject("spec").put("storageClassName", "fast");

    List<String> errors = update("v1", "PersistentVolumeClaim", old, updated);

    assertEquals(1, errors.size());
    assertEquals(
        true,
        errors
            .get(0)
            .startsWith(
                "spec: Forbidden: spec is immutable after creation except resources.requests and"
                    + " volumeAttributesClassName for bound claims\n"),
        errors.get(0));
  }
}
