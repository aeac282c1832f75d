package dev.kc.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * kubectl's "human duration" (the AGE format): coarse, two units at most, precision shrinking as
 * the duration grows.
 *
 * <p>Examples: 45s, 3m20s, 7m, 2h5m, 30h, 3d4h, 20d, 2y100d, 9y.
 */
public final class HumanDuration {

  private HumanDuration() {}

  /**
   * Formats a duration.
   *
   * <p>Rules (d = duration): more than a second negative → {@code <invalid>}; below zero → 0s;
   * {@code < 2m} seconds; {@code < 10m} minutes and seconds (seconds omitted when zero); {@code <
   * 3h} minutes; {@code < 8h} hours and minutes; {@code < 48h} hours; {@code < 8d} days and hours;
   * {@code < 2y} days; {@code < 8y} years and days; otherwise years. A year is 365 days.
   */
  public static String format(Duration d) {
    // Go truncates toward zero, so -1.5s counts as -1s ("0s"), not -2s.
    long seconds = d.isNegative() ? -d.negated().getSeconds() : d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
    }
    long days = hours / 24;
    if (days < 365 * 2) {
      return days + "d";
    }
    if (days < 365 * 8) {
      long dy = days % 365;
      return dy == 0 ? (days / 365) + "y" : (days / 365) + "y" + dy + "d";
    }
    return (days / 365) + "y";
  }

  /**
   * Formats the time elapsed since an RFC 3339 timestamp, as kubectl's describe does; {@code
   * <unknown>} when the timestamp is missing or unparsable.
   */
  public static String since(String rfc3339, Instant now) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return "<unknown>";
    }
    try {
      return format(Duration.between(Instant.parse(rfc3339), now));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }
}
