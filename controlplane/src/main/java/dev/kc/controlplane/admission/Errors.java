package dev.kc.controlplane.admission;

import dev.kc.controlplane.admission.FieldError.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Factories for {@link FieldError}, one per Kubernetes {@code field.*} constructor, so that the
 * validators read like the rules they port.
 */
final class Errors {

  private Errors() {}

  static FieldError required(Path p, String detail) {
    return new FieldError(Type.REQUIRED, p.toString(), "", detail);
  }

  static FieldError invalid(Path p, Object value, String detail) {
    return new FieldError(Type.INVALID, p.toString(), value, detail);
  }

  static FieldError forbidden(Path p, String detail) {
    return new FieldError(Type.FORBIDDEN, p.toString(), "", detail);
  }

  static FieldError duplicate(Path p, Object value) {
    return new FieldError(Type.DUPLICATE, p.toString(), value, "");
  }

  static FieldError notFound(Path p, Object value) {
    return new FieldError(Type.NOT_FOUND, p.toString(), value, "");
  }

  /** Unsupported value; the detail lists the quoted valid values as Kubernetes does. */
  static FieldError notSupported(Path p, Object value, List<String> valid) {
    String detail = "";
    if (!valid.isEmpty()) {
      List<String> quoted = new ArrayList<>();
      for (String v : valid) {
        quoted.add(GoFmt.quote(v));
      }
      detail = "supported values: " + String.join(", ", quoted);
    }
    return new FieldError(Type.NOT_SUPPORTED, p.toString(), value, detail);
  }

  static FieldError tooLong(Path p, int maxBytes) {
    return new FieldError(
        Type.TOO_LONG, p.toString(), "", "must have at most " + maxBytes + " bytes");
  }

  static FieldError tooMany(Path p, int actual, int max) {
    return new FieldError(
        Type.TOO_MANY, p.toString(), actual, "must have at most " + max + " items");
  }

  /** {@code field.Invalid} once per message, as Kubernetes does for name-format checks. */
  static void invalidEach(List<FieldError> out, Path p, Object value, List<String> messages) {
    for (String m : messages) {
      out.add(invalid(p, value, m));
    }
  }

  /** Kubernetes' {@code ValidateNonnegativeField}. */
  static void nonNegative(List<FieldError> out, long value, Path p) {
    if (value < 0) {
      out.add(invalid(p, value, "must be greater than or equal to 0"));
    }
  }

  /** Kubernetes' {@code ValidateImmutableField}, comparing with Go's semantic equality. */
  static void immutable(List<FieldError> out, Object now, Object before, Object shown, Path p) {
    if (!Json.semanticEquals(now, before)) {
      out.add(invalid(p, shown, "field is immutable"));
    }
  }
}
