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

class MetadataValidationTest {

  private static final ObjectNode CONFIG_MAP =
      Yaml.obj(
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\n"
              + "data: {a: b}");

  private static final String SUBDOMAIN =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String NAME_PART =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
          + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
          + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "names are DNS subdomains",
            "metadata: {name: My_Settings}",
            List.of("metadata.name: Invalid value: \"My_Settings\": " + SUBDOMAIN)),
        Arguments.of(
            "names are at most 253 characters",
            "metadata: {name: " + "a".repeat(254) + "}",
            List.of(
                "metadata.name: Invalid value: \""
                    + "a".repeat(254)
                    + "\": must be no more than"
                    + " 253 characters")),
        Arguments.of(
            "a name or generateName is required",
            "metadata: {name: null}",
            List.of("metadata.name: Required value: name or generateName is required")),
        Arguments.of(
            "a generateName prefix may end in a dash",
            "metadata: {generateName: settings-}",
            List.of()),
        Arguments.of(
            "generateName prefixes are checked too",
            "metadata: {generateName: Settings-}",
            List.of("metadata.generateName: Invalid value: \"Settings-\": " + SUBDOMAIN)),
        Arguments.of(
            "namespaces are DNS labels",
            "metadata: {namespace: team.a}",
            List.of("metadata.namespace: Invalid value: \"team.a\": must not contain dots")),
        Arguments.of(
            "label keys are qualified names",
            "metadata: {labels: {'-app': x}}",
            List.of("metadata.labels: Invalid value: \"-app\": " + NAME_PART)),
        Arguments.of(
            "label key prefixes are subdomains",
            "metadata: {labels: {'Example.com/app': x}}",
            List.of(
                "metadata.labels: Invalid value: \"Example.com/app\": prefix part " + SUBDOMAIN)),
        Arguments.of(
            "label values are at most 63 characters",
            "metadata: {labels: {app: " + "v".repeat(64) + "}}",
            List.of(
                "metadata.labels: Invalid value: \""
                    + "v".repeat(64)
                    + "\": must be no more than"
                    + " 63 characters")),
        Arguments.of("label values may be empty", "metadata: {labels: {app: ''}}", List.of()),
        Arguments.of(
            "annotation keys ignore case",
            "metadata: {annotations: {Example.COM/Note: x}}",
            List.of()),
        Arguments.of(
            "annotation keys are qualified names",
            "metadata: {annotations: {'a b': x}}",
            List.of("metadata.annotations: Invalid value: \"a b\": " + NAME_PART)),
        Arguments.of(
            "annotations total at most 256 KiB",
            "metadata: {annotations: {big: " + "x".repeat(262142) + "}}",
            List.of("metadata.annotations: Too long: must have at most 262144 bytes")),
        Arguments.of(
            "finalizers are qualified and, unqualified, standard",
            "metadata: {finalizers: [example.com/cleanup, kubernetes, cleanup]}",
            List.of(
                "metadata.finalizers[2]: Invalid value: \"cleanup\": name is neither a standard"
                    + " finalizer name nor is it fully qualified")),
        Arguments.of(
            "owner references need a uid and a version",
            "metadata: {ownerReferences: [{apiVersion: apps/, kind: ReplicaSet, name: r}]}",
            List.of(
                "metadata.ownerReferences.apiVersion: Invalid value: \"apps/\": version must not be"
                    + " empty",
                "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesMetadataWithKubernetesMessages(String name, String patch, List<String> expected) {
    assertEquals(expected, create("v1", "ConfigMap", merge(CONFIG_MAP, patch)));
  }

  @Test
  void keepsNameNamespaceAndUidOnUpdate() {
    ObjectNode old = stored("v1", "ConfigMap", CONFIG_MAP);
    ObjectNode updated = merge(old, "metadata: {namespace: other, uid: x}");

    assertEquals(
        List.of(
            "metadata.namespace: Invalid value: \"other\": field is immutable",
            "metadata.uid: Invalid value: \"x\": field is immutable"),
        update("v1", "ConfigMap", old, updated));
  }

  @Test
  void forbidsNewFinalizersWhileDeleting() {
    ObjectNode old =
        stored(
            "v1",
            "ConfigMap",
            merge(CONFIG_MAP, "metadata: {deletionTimestamp: '2024-01-01T00:00:00Z'}"));
    ObjectNode updated = merge(old, "metadata: {finalizers: [example.com/x]}");

    assertEquals(
        List.of(
            "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being"
                + " deleted, found new finalizers []string{\"example.com/x\"}"),
        update("v1", "ConfigMap", old, updated));
  }
}
