package dev.kc.controlplane.admission;

/** Placeholder until the admission package lands; replaced wholesale by it. */
public record FieldError(Type type, String field, Object badValue, String detail) {
  public enum Type {
    REQUIRED,
    INVALID,
    NOT_SUPPORTED,
    DUPLICATE,
    FORBIDDEN,
    TOO_LONG,
    TOO_MANY,
    TYPE_INVALID,
    NOT_FOUND
  }

  public String reason() {
    return "FieldValueInvalid";
  }

  public String message() {
    return "Invalid value: " + badValue + ": " + detail;
  }

  @Override
  public String toString() {
    return field + ": " + message();
  }
}
