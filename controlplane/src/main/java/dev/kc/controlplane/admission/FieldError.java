package dev.kc.controlplane.admission;

import java.util.Objects;

/**
 * One field-level problem, shaped like Kubernetes' {@code field.Error}.
 *
 * <p>The record is immutable. {@link #message()} renders exactly the text Kubernetes puts in a
 * {@code StatusCause.message}; {@link #toString()} is the {@code "<field>: <message>"} form used in
 * the aggregate 422 message.
 *
 * @param type what kind of problem this is; decides the cause reason and the message prefix
 * @param field the JSON path of the offending field, e.g. {@code spec.containers[0].name}
 * @param badValue the offending value, rendered as Go's {@code %v}/{@code %#v} would: {@code
 *     String}s are quoted, numbers and booleans bare, {@code Map}s as {@code
 *     map[string]string{...}}, {@code List}s of strings as {@code []string{...}}; values that need
 *     a Go-specific rendering are pre-rendered by this package. Ignored for {@link Type#REQUIRED},
 *     {@link Type#FORBIDDEN} and {@link Type#TOO_LONG}, as in Kubernetes.
 * @param detail free text appended after the value, or empty
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  /** The kinds of field problems Kubernetes distinguishes. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
    NOT_FOUND("FieldValueNotFound", "Not found");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }
  }

  /** Creates an error; {@code detail} may be null and is then treated as empty. */
  public FieldError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    detail = detail == null ? "" : detail;
  }

  /**
   * Returns Kubernetes' cause reason, e.g. {@code FieldValueRequired} or {@code FieldValueInvalid}.
   */
  public String reason() {
    return type.reason;
  }

  /**
   * Returns the text Kubernetes puts in a cause's message, e.g. {@code Invalid value: -1: must be
   * greater than or equal to 0}, {@code Required value} or {@code Unsupported value: "Foo":
   * supported values: "Always", "IfNotPresent", "Never"}.
   */
  public String message() {
    StringBuilder s = new StringBuilder(type.text);
    if (type != Type.REQUIRED && type != Type.FORBIDDEN && type != Type.TOO_LONG) {
      if (badValue != GoFmt.OMIT) {
        s.append(": ").append(GoFmt.render(badValue));
      }
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  /** Returns {@code field + ": " + message()}, the form used in the aggregate message. */
  @Override
  public String toString() {
    return field + ": " + message();
  }
}
