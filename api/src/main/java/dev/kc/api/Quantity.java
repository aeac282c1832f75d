package dev.kc.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A Kubernetes resource quantity: {@code 100m}, {@code 0.5}, {@code 200Mi}, {@code 1Gi}, {@code
 * 1e3}. Immutable; compares by value.
 *
 * <p>The grammar is a signed decimal number followed by at most one suffix: a decimal SI suffix
 * ({@code n u m k M G T P E}), a binary SI suffix ({@code Ki Mi Gi Ti Pi Ei}) or a decimal exponent
 * ({@code e3}, {@code E-2}). As in Kubernetes, precision finer than a nano-unit is rounded up, so a
 * tiny non-zero request never becomes zero.
 */
public final class Quantity implements Comparable<Quantity> {
  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO);

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final BigDecimal value;

  private Quantity(BigDecimal value) {
    this.value = value;
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException with Kubernetes' wording when {@code text} is not a quantity
   */
  public static Quantity parse(String text) {
    if (text == null || text.isEmpty()) {
      throw invalid(String.valueOf(text));
    }
    int end = numberEnd(text);
    String number = text.substring(0, end);
    String suffix = text.substring(end);
    if (number.chars().noneMatch(Character::isDigit)) {
      throw invalid(text);
    }
    BigDecimal v;
    try {
      v = new BigDecimal(number.startsWith("+") ? number.substring(1) : trimDot(number));
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
    v = applySuffix(v, suffix, text);
    if (v.scale() > 9) {
      v = v.setScale(9, RoundingMode.UP);
    }
    return new Quantity(v.stripTrailingZeros());
  }

  /** Parses {@code text}, or returns {@code fallback} when it is null or not a quantity. */
  public static Quantity parseOr(String text, Quantity fallback) {
    try {
      return text == null ? fallback : parse(text);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  /** A quantity of {@code units} whole units. */
  public static Quantity of(long units) {
    return new Quantity(BigDecimal.valueOf(units));
  }

  private static String trimDot(String number) {
    return number.endsWith(".") ? number.substring(0, number.length() - 1) : number;
  }

  /** Where the numeric part ends: optional sign, digits, optional fraction. */
  private static int numberEnd(String s) {
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  private static BigDecimal applySuffix(BigDecimal v, String suffix, String text) {
    switch (suffix) {
      case "":
        return v;
      case "n":
        return v.scaleByPowerOfTen(-9);
      case "u":
        return v.scaleByPowerOfTen(-6);
      case "m":
        return v.scaleByPowerOfTen(-3);
      case "k":
        return v.scaleByPowerOfTen(3);
      case "M":
        return v.scaleByPowerOfTen(6);
      case "G":
        return v.scaleByPowerOfTen(9);
      case "T":
        return v.scaleByPowerOfTen(12);
      case "P":
        return v.scaleByPowerOfTen(15);
      case "E":
        return v.scaleByPowerOfTen(18);
      case "Ki":
        return binary(v, 10);
      case "Mi":
        return binary(v, 20);
      case "Gi":
        return binary(v, 30);
      case "Ti":
        return binary(v, 40);
      case "Pi":
        return binary(v, 50);
      case "Ei":
        return binary(v, 60);
      default:
        return exponent(v, suffix, text);
    }
  }

  private static BigDecimal binary(BigDecimal v, int shift) {
    return v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(shift)));
  }

  /** {@code e3}, {@code E-2}, {@code e+6}: a power of ten. */
  private static BigDecimal exponent(BigDecimal v, String suffix, String text) {
    if (!suffix.matches("[eE][+-]?[0-9]{1,3}")) {
      throw invalid(text);
    }
    String digits = suffix.substring(1);
    int exp = Integer.parseInt(digits.startsWith("+") ? digits.substring(1) : digits);
    return v.scaleByPowerOfTen(exp);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "quantities must match the regular expression"
            + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got \""
            + text
            + "\")");
  }

  /** The exact value in units (cores, bytes, pods). */
  public BigDecimal decimal() {
    return value;
  }

  /** The value in thousandths of a unit, rounded up ({@code 0.1} cpu → 100, {@code 1n} → 1). */
  public long milliValue() {
    return value.multiply(THOUSAND).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The value in whole units, rounded up ({@code 1.5} → 2, {@code 100m} → 1). */
  public long value() {
    return value.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The sum of two quantities. */
  public Quantity plus(Quantity other) {
    return new Quantity(value.add(other.value).stripTrailingZeros());
  }

  /** -1, 0 or 1 as the value is negative, zero or positive. */
  public int signum() {
    return value.signum();
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && value.compareTo(q.value) == 0;
  }

  @Override
  public int hashCode() {
    return value.stripTrailingZeros().hashCode();
  }

  /** The plain decimal value ({@code 0.1}, {@code 209715200}); not Kubernetes' canonical form. */
  @Override
  public String toString() {
    return value.toPlainString();
  }
}
