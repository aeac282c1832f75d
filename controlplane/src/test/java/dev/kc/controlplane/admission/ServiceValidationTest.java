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

class ServiceValidationTest {

  private static final ObjectNode SERVICE =
      Yaml.obj(
          """
          apiVersion: v1
          kind: Service
          metadata: {name: web, namespace: default}
          spec:
            clusterIP: 10.96.12.34
            selector: {app: web}
            ports:
            - {port: 80, targetPort: 8080}
          """);

  static Stream<Arguments> createCases() {
    return Stream.of(
        Arguments.of("a cluster IP service is valid", "", List.of()),
        Arguments.of(
            "service names are DNS-1035 labels",
            "metadata: {name: 1web}",
            List.of(
                "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower"
                    + " case alphanumeric characters or '-', start with an alphabetic character,"
                    + " and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123',"
                    + " regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of(
            "ports are required", "spec: {ports: []}", List.of("spec.ports: Required value")),
        Arguments.of(
            "headless services need no ports", "spec: {clusterIP: None, ports: []}", List.of()),
        Arguments.of(
            "ports are in range",
            "spec: {ports: [{port: 0, targetPort: 8080}]}",
            List.of(
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive")),
        Arguments.of(
            "several ports need unique names",
            "spec: {ports: [{port: 80, name: web}, {port: 81}, {port: 82, name: web}]}",
            List.of(
                "spec.ports[1].name: Required value",
                "spec.ports[2].name: Duplicate value: \"web\"")),
        Arguments.of(
            "target ports are numbers or IANA names",
            "spec: {ports: [{port: 80, targetPort: Web_Port}]}",
            List.of(
                "spec.ports[0].targetPort: Invalid value: \"Web_Port\": must contain only"
                    + " alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
        Arguments.of(
            "types are known",
            "spec: {type: Public}",
            List.of(
                "spec.type: Unsupported value: \"Public\": supported values: \"ClusterIP\","
                    + " \"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
        Arguments.of(
            "cluster IP services have no node ports",
            "spec: {ports: [{port: 80, nodePort: 30080}]}",
            List.of(
                "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")),
        Arguments.of(
            "node ports are in the node port range",
            "spec: {type: NodePort, ports: [{port: 80, nodePort: 8080}]}",
            List.of(
                "spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid"
                    + " range. The range of valid ports is 30000-32767")),
        Arguments.of(
            "ports are unique per protocol",
            "spec: {ports: [{port: 80, name: a}, {port: 80, name: b}]}",
            List.of(
                "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\","
                    + " AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0,"
                    + " IntVal:0, StrVal:\"\"}, NodePort:0}")),
        Arguments.of(
            "node port services cannot be headless",
            "spec: {type: NodePort, clusterIP: None}",
            List.of(
                "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for"
                    + " NodePort services")),
        Arguments.of(
            "external name services need a DNS name",
            "spec: {type: ExternalName, clusterIP: null, externalName: 'my_db', ports: null}",
            List.of(
                "spec.externalName: Invalid value: \"my_db\": a lowercase RFC 1123 subdomain must"
                    + " consist of lower case alphanumeric characters, '-' or '.', and must start"
                    + " and end with an alphanumeric character (e.g. 'example.com', regex used for"
                    + " validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of(
            "cluster IPs are IPs",
            "spec: {clusterIP: 10.96.300.1}",
            List.of(
                "spec.clusterIPs[0]: Invalid value: \"10.96.300.1\": must be a valid IP address,"
                    + " (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        Arguments.of(
            "session affinity is ClientIP or None",
            "spec: {sessionAffinity: Sticky}",
            List.of(
                "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values:"
                    + " \"ClientIP\", \"None\"")),
        Arguments.of(
            "external traffic policy needs an external service",
            "spec: {externalTrafficPolicy: Local}",
            List.of(
                "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for"
                    + " externally-accessible services")),
        Arguments.of(
            "selectors are label sets",
            "spec: {selector: {app: 'web app'}}",
            List.of(
                "spec.selector: Invalid value: \"web app\": a valid label must be an empty string"
                    + " or consist of alphanumeric characters, '-', '_' or '.', and must start and"
                    + " end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or"
                    + " '12345', regex used for validation is"
                    + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void validatesServicesOnCreate(String name, String patch, List<String> expected) {
    assertEquals(expected, create("v1", "Service", merge(SERVICE, patch)));
  }

  @Test
  void keepsTheClusterIpOnceAllocated() {
    ObjectNode old = stored("v1", "Service", SERVICE);
    ObjectNode updated = merge(old, "spec: {clusterIP: 10.96.0.99, clusterIPs: null}");

    assertEquals(
        List.of(
            "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.99\"}: may not change once set"),
        update("v1", "Service", old, updated));
  }

  @Test
  void carriesAllocatedValuesOverWhenAnUpdateLeavesThemOut() {
    ObjectNode old =
        stored(
            "v1",
            "Service",
            merge(SERVICE, "spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}"));
    ObjectNode updated =
        merge(old, "spec: {clusterIP: null, clusterIPs: null, ports: [{port: 80}]}");

    assertEquals(List.of(), Validating.preparedUpdate("v1", "Service", old, updated));
    assertEquals(30080, updated.at("/spec/ports/0/nodePort").asInt());
    assertEquals("10.96.12.34", updated.at("/spec/clusterIP").asString());
  }
}
