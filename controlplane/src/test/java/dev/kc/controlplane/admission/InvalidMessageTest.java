package dev.kc.controlplane.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidMessageTest {

  private final FieldError replicas =
      Errors.invalid(Path.of("spec", "replicas"), -1L, "must be greater than or equal to 0");
  private final FieldError selector = Errors.required(Path.of("spec", "selector"), "");

  @Test
  void printsOneErrorBare() {
    assertEquals(
        "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater"
            + " than or equal to 0",
        Admission.invalidMessage("Deployment", "apps", "web", List.of(replicas)));
  }

  @Test
  void bracketsSeveralErrorsAndLeavesOutTheCoreGroup() {
    assertEquals(
        "Pod \"x\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal"
            + " to 0, spec.selector: Required value]",
        Admission.invalidMessage("Pod", "", "x", List.of(replicas, selector)));
  }

  @Test
  void dropsRepeatedMessagesLikeKubernetesAggregate() {
    assertEquals(
        "Pod \"x\" is invalid: spec.selector: Required value",
        Admission.invalidMessage("Pod", null, "x", List.of(selector, selector)));
  }

  @Test
  void saysOnlyInvalidWithoutErrors() {
    assertEquals("Pod \"x\" is invalid", Admission.invalidMessage("Pod", "", "x", List.of()));
  }

  @Test
  void buildsTheStrictDecodingMessage() {
    assertEquals(
        "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error:"
            + " unknown field \"spec.a\", unknown field \"spec.b\"",
        Admission.strictDecodingMessage("Deployment", "apps/v1", List.of("spec.a", "spec.b")));
  }
}
