package dev.kc.controlplane.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kc.controlplane.admission.FieldError.Type;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldErrorTest {

  static Stream<Arguments> messages() {
    Map<String, String> labels = new TreeMap<>(Map.of("tier", "web", "app", "x"));
    return Stream.of(
        Arguments.of(
            "required", new FieldError(Type.REQUIRED, "spec.selector", "", ""), "Required value"),
        Arguments.of(
            "required with detail",
            new FieldError(Type.REQUIRED, "metadata.name", "", "name or generateName is required"),
            "Required value: name or generateName is required"),
        Arguments.of(
            "invalid int is bare",
            new FieldError(
                Type.INVALID, "spec.replicas", -1L, "must be greater than or equal to 0"),
            "Invalid value: -1: must be greater than or equal to 0"),
        Arguments.of(
            "invalid string is quoted",
            new FieldError(Type.INVALID, "metadata.name", "A\"b\n", "bad"),
            "Invalid value: \"A\\\"b\\n\": bad"),
        Arguments.of(
            "not supported lists quoted values",
            Errors.notSupported(
                Path.of("spec", "restartPolicy"),
                "Foo",
                List.of("Always", "IfNotPresent", "Never")),
            "Unsupported value: \"Foo\": supported values: \"Always\", \"IfNotPresent\","
                + " \"Never\""),
        Arguments.of(
            "duplicate", Errors.duplicate(Path.of("spec"), "app"), "Duplicate value: \"app\""),
        Arguments.of(
            "forbidden omits the value",
            Errors.forbidden(Path.of("spec"), "may not be set"),
            "Forbidden: may not be set"),
        Arguments.of(
            "too long omits the value",
            Errors.tooLong(Path.of("metadata", "annotations"), 262144),
            "Too long: must have at most 262144 bytes"),
        Arguments.of(
            "too many shows the count",
            Errors.tooMany(Path.of("spec", "x"), 5, 4),
            "Too many: 5: must have at most 4 items"),
        Arguments.of("not found", Errors.notFound(Path.of("x"), "v"), "Not found: \"v\""),
        Arguments.of(
            "maps print like Go's %#v with sorted keys",
            Errors.invalid(Path.of("x"), labels, "m"),
            "Invalid value: map[string]string{\"app\":\"x\", \"tier\":\"web\"}: m"),
        Arguments.of(
            "string lists print like Go's %#v",
            Errors.invalid(Path.of("x"), List.of("a", "b"), "m"),
            "Invalid value: []string{\"a\", \"b\"}: m"),
        Arguments.of(
            "null value", Errors.invalid(Path.of("x"), null, "m"), "Invalid value: null: m"),
        Arguments.of(
            "pre-rendered literal",
            Errors.invalid(Path.of("x"), GoFmt.literal("25%"), "m"),
            "Invalid value: 25%: m"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void rendersMessagesLikeKubernetes(String name, FieldError error, String message) {
    assertEquals(message, error.message());
    assertEquals(error.field() + ": " + message, error.toString());
  }

  static Stream<Arguments> reasons() {
    return Stream.of(
        Arguments.of(Type.REQUIRED, "FieldValueRequired"),
        Arguments.of(Type.INVALID, "FieldValueInvalid"),
        Arguments.of(Type.NOT_SUPPORTED, "FieldValueNotSupported"),
        Arguments.of(Type.DUPLICATE, "FieldValueDuplicate"),
        Arguments.of(Type.FORBIDDEN, "FieldValueForbidden"),
        Arguments.of(Type.TOO_LONG, "FieldValueTooLong"),
        Arguments.of(Type.TOO_MANY, "FieldValueTooMany"),
        Arguments.of(Type.TYPE_INVALID, "FieldValueTypeInvalid"),
        Arguments.of(Type.NOT_FOUND, "FieldValueNotFound"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("reasons")
  void mapsEachTypeToKubernetesCauseReason(Type type, String reason) {
    assertEquals(reason, new FieldError(type, "f", "", "").reason());
  }
}
