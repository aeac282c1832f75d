package dev.kc.controlplane.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Int-or-percent fields ({@code maxSurge}, {@code maxUnavailable}): the apps validation helpers
 * {@code ValidatePositiveIntOrPercent}, {@code IsNotMoreThan100Percent} and {@code
 * getIntOrPercentValue}. An absent value is Go's zero IntOrString, the integer 0.
 */
final class IntOrPercent {

  private IntOrPercent() {}

  /** Non-negative integer or a well-formed percentage. */
  static void positive(List<FieldError> out, JsonNode v, Path p) {
    if (v != null && v.isString()) {
      Errors.invalidEach(out, p, render(v), Names.percent(v.stringValue()));
    } else {
      Errors.nonNegative(out, v == null || v.isNull() ? 0 : v.asLong(), p);
    }
  }

  /** A percentage may not exceed 100%. */
  static void notMoreThan100(List<FieldError> out, JsonNode v, Path p) {
    Integer pct = percent(v);
    if (pct != null && pct > 100) {
      out.add(Errors.invalid(p, render(v), "must not be greater than 100%"));
    }
  }

  /** The number a value stands for: the percentage, the integer, or 0 for anything else. */
  static long value(JsonNode v) {
    Integer pct = percent(v);
    if (pct != null) {
      return pct;
    }
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isString()) {
      try {
        return Long.parseLong(v.stringValue());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return v.asLong();
  }

  private static Integer percent(JsonNode v) {
    if (v == null || !v.isString() || !Names.percent(v.stringValue()).isEmpty()) {
      return null;
    }
    String s = v.stringValue();
    try {
      return Integer.parseInt(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** IntOrString prints through its String() method: bare text, no quotes. */
  static GoFmt.Literal render(JsonNode v) {
    if (v == null || v.isNull()) {
      return GoFmt.literal("0");
    }
    return GoFmt.literal(v.isString() ? v.stringValue() : v.asString());
  }
}
