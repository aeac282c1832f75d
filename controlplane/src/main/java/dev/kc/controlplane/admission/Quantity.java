package dev.kc.controlplane.admission;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A Kubernetes resource quantity ({@code 100m}, {@code 1.5Gi}, {@code 1e3}) with the parser,
 * canonical form and rounding of apimachinery's {@code resource.Quantity}.
 *
 * <p>Values are exact {@link BigDecimal}s. Parsing rounds non-zero values up (away from zero) to
 * nano precision, as Kubernetes does, and keeps the "format" (decimal SI, binary SI or decimal
 * exponent) that decides how {@link #canonical()} prints the value.
 *
 * @param value the exact value
 * @param format how the value was written, which decides its canonical suffix
 */
record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {

  /** How a quantity was written. */
  enum Format {
    DECIMAL_SI,
    BINARY_SI,
    DECIMAL_EXPONENT
  }

  /** The error text Kubernetes gives for anything that does not look like a quantity. */
  static final String ERR_FORMAT =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  static final String ERR_SUFFIX = "unable to parse quantity's suffix";
  static final String ERR_NUMERIC = "unable to parse numeric part of quantity";

  private static final Map<String, Integer> DECIMAL_SUFFIXES =
      Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<String, Integer> BINARY_SUFFIXES =
      Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);
  private static final String[] DECIMAL_BY_EXP = {"", "k", "M", "G", "T", "P", "E"};
  private static final String[] DECIMAL_BY_NEG_EXP = {"", "m", "u", "n"};
  private static final String[] BINARY_BY_EXP = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String SUFFIX_CHARS = "eEinumkKMGTP";
  private static final BigDecimal K1024 = BigDecimal.valueOf(1024);

  /** Thrown for text that is not a quantity; the message is Kubernetes' error text. */
  static final class QuantityException extends Exception {
    QuantityException(String message) {
      super(message);
    }
  }

  /** Parses a quantity; throws with Kubernetes' message when the text is not one. */
  static Quantity parse(String str) throws QuantityException {
    if (str.isEmpty()) {
      throw new QuantityException(ERR_FORMAT);
    }
    if (str.equals("0")) {
      return new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);
    }
    Parts p = split(str);
    Format format;
    int base2exp = 0;
    int base10exp = 0;
    if (DECIMAL_SUFFIXES.containsKey(p.suffix)) {
      format = Format.DECIMAL_SI;
      base10exp = DECIMAL_SUFFIXES.get(p.suffix);
    } else if (BINARY_SUFFIXES.containsKey(p.suffix)) {
      format = Format.BINARY_SI;
      base2exp = BINARY_SUFFIXES.get(p.suffix);
    } else if (p.suffix.length() > 1 && (p.suffix.charAt(0) == 'e' || p.suffix.charAt(0) == 'E')) {
      format = Format.DECIMAL_EXPONENT;
      try {
        base10exp = Integer.parseInt(p.suffix.substring(1));
      } catch (NumberFormatException e) {
        throw new QuantityException(ERR_SUFFIX);
      }
    } else {
      throw new QuantityException(ERR_SUFFIX);
    }
    BigDecimal v;
    try {
      String num = p.number.startsWith("+") ? p.number.substring(1) : p.number;
      if (num.endsWith(".")) {
        num = num.substring(0, num.length() - 1);
      }
      v = new BigDecimal(num);
    } catch (NumberFormatException e) {
      throw new QuantityException(ERR_NUMERIC);
    }
    v = v.scaleByPowerOfTen(base10exp);
    if (base2exp > 0) {
      v = v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(base2exp)));
    }
    if (v.scale() > 9) {
      // Kubernetes rounds anything finer than a nano up, so a tiny request is never zero.
      v = v.setScale(9, RoundingMode.UP);
    }
    if (format == Format.BINARY_SI && v.signum() < 0) {
      format = Format.DECIMAL_SI;
    }
    return new Quantity(v.stripTrailingZeros(), format);
  }

  /** The textual pieces of a quantity, split the way Kubernetes' hand-written parser does. */
  private record Parts(String number, String suffix) {}

  private static Parts split(String str) throws QuantityException {
    int pos = 0;
    int end = str.length();
    if (str.charAt(0) == '-' || str.charAt(0) == '+') {
      pos++;
    }
    while (pos < end && Character.isDigit(str.charAt(pos))) {
      pos++;
    }
    if (pos < end && str.charAt(pos) == '.') {
      pos++;
      while (pos < end && Character.isDigit(str.charAt(pos))) {
        pos++;
      }
    }
    String number = str.substring(0, pos);
    if (number.isEmpty() || number.equals("+") || number.equals("-")) {
      if (pos == end) {
        return new Parts("0", "");
      }
      throw new QuantityException(ERR_FORMAT);
    }
    int suffixStart = pos;
    while (pos < end && SUFFIX_CHARS.indexOf(str.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
      pos++;
    }
    while (pos < end && Character.isDigit(str.charAt(pos))) {
      pos++;
    }
    if (pos < end) {
      throw new QuantityException(ERR_FORMAT);
    }
    if (number.equals(".") || number.equals("+.") || number.equals("-.")) {
      throw new QuantityException(ERR_NUMERIC);
    }
    return new Parts(number, str.substring(suffixStart));
  }

  /**
   * Rounds up (away from zero) to milli precision, as Kubernetes' defaulting does for every value
   * of a {@code ResourceList}.
   */
  Quantity roundUpToMilli() {
    if (value.scale() <= 3) {
      return this;
    }
    return new Quantity(value.setScale(3, RoundingMode.UP).stripTrailingZeros(), format);
  }

  int signum() {
    return value.signum();
  }

  /** True when the value has no fractional part (Kubernetes' {@code MilliValue()%1000 == 0}). */
  boolean isInteger() {
    return value.setScale(3, RoundingMode.UP).remainder(BigDecimal.ONE).signum() == 0;
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  /** Kubernetes' canonical text ({@code Quantity.String()}), e.g. {@code 0.5} prints as 500m. */
  String canonical() {
    if (value.signum() == 0) {
      return "0";
    }
    if (format == Format.BINARY_SI
        && value.abs().compareTo(K1024) >= 0
        && value.stripTrailingZeros().scale() <= 0) {
      return binary();
    }
    return decimal(format == Format.DECIMAL_EXPONENT);
  }

  /** Mantissa and a power of ten that is a multiple of three, without trailing zero groups. */
  private String decimal(boolean exponentForm) {
    BigDecimal v = value.stripTrailingZeros();
    BigInteger mantissa = v.unscaledValue();
    int exp = -v.scale();
    int mod = Math.floorMod(exp, 3);
    if (mod != 0) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(mod));
      exp -= mod;
    }
    if (exponentForm) {
      return mantissa + (exp == 0 ? "" : "e" + exp);
    }
    if (exp > 18) {
      mantissa = mantissa.multiply(BigInteger.TEN.pow(exp - 18));
      exp = 18;
    }
    String suffix = exp >= 0 ? DECIMAL_BY_EXP[exp / 3] : DECIMAL_BY_NEG_EXP[-exp / 3];
    return mantissa + suffix;
  }

  private String binary() {
    BigInteger n = value.toBigIntegerExact();
    BigInteger k = BigInteger.valueOf(1024);
    int exp = 0;
    while (exp < 6 && n.signum() != 0 && n.mod(k).signum() == 0) {
      n = n.divide(k);
      exp++;
    }
    return n + BINARY_BY_EXP[exp];
  }

  @Override
  public String toString() {
    return canonical();
  }
}
