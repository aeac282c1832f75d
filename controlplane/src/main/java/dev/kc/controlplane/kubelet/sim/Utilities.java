package dev.kc.controlplane.kubelet.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in utility programs ({@code cat}, {@code ls}, {@code sleep}, {@code grep}...), found by
 * name. Their messages follow GNU coreutils ({@code cat: /x: No such file or directory}); {@code
 * nslookup} and {@code ping} follow the busybox/bind tools that images ship.
 */
final class Utilities {
  /** A duration meaning "forever" ({@code sleep infinity}). */
  static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private static final Pattern DURATION = Pattern.compile("([0-9]*\\.?[0-9]+)([smhd]?)");
  private static final Map<String, Program> PROGRAMS = new HashMap<>();

  static {
    FileUtilities.register(PROGRAMS);
    TextUtilities.register(PROGRAMS);
    SystemUtilities.register(PROGRAMS);
  }

  private Utilities() {}

  /** The utility called {@code name}, or null. */
  static Program find(String name) {
    return PROGRAMS.get(name);
  }

  /**
   * Parses a {@code sleep}/{@code timeout} duration: a decimal number of seconds with an optional
   * {@code s}, {@code m}, {@code h} or {@code d} suffix, or {@code infinity}.
   *
   * @return the duration, {@link #FOREVER}, or null if malformed
   */
  static Duration parseDuration(String s) {
    if (s.equals("inf") || s.equals("infinity")) {
      return FOREVER;
    }
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      return null;
    }
    long unit =
        switch (m.group(2)) {
          case "m" -> 60;
          case "h" -> 3600;
          case "d" -> 86400;
          default -> 1;
        };
    BigDecimal nanos =
        new BigDecimal(m.group(1))
            .multiply(BigDecimal.valueOf(unit))
            .movePointRight(9)
            .setScale(0, RoundingMode.CEILING);
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return FOREVER;
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  /** {@code d1 + d2}, staying at {@link #FOREVER} instead of overflowing. */
  static Duration add(Duration d1, Duration d2) {
    if (d1.equals(FOREVER) || d2.equals(FOREVER)) {
      return FOREVER;
    }
    try {
      return d1.plus(d2);
    } catch (ArithmeticException e) {
      return FOREVER;
    }
  }

  /** {@code now + d}, or {@link SimProcess#NEVER} if that is beyond the representable. */
  static Instant plus(Instant now, Duration d) {
    if (d.equals(FOREVER)) {
      return SimProcess.NEVER;
    }
    try {
      Instant t = now.plus(d);
      return t.isAfter(SimProcess.NEVER) ? SimProcess.NEVER : t;
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return SimProcess.NEVER;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
