package dev.kc.controlplane.printers;

import java.time.Duration;
import java.time.Instant;

/** Kubernetes' "human" durations, as in the AGE column: {@code 7s}, {@code 4m30s}, {@code 3h}. */
public final class Durations {
  private Durations() {}

  /** The age of something created at {@code then}, seen at {@code now}. */
  public static String age(Instant then, Instant now) {
    if (then == null) {
      return "<unknown>";
    }
    return human(Duration.between(then, now));
  }

  /** Formats a duration the way kubectl prints ages. */
  public static String human(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 180) {
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
    long days = hours / 24;
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? days + "d" : days + "d" + h + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    if (years < 8) {
      long dd = days % 365;
      return dd == 0 ? years + "y" : years + "y" + dd + "d";
    }
    return years + "y";
  }
}
