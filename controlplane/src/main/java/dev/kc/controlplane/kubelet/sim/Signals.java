package dev.kc.controlplane.kubelet.sim;

import java.util.Locale;
import java.util.Map;

/** Signal numbers and names as on Linux x86-64. */
final class Signals {
  static final int KILL = 9;
  static final int PIPE = 13;
  static final int TERM = 15;

  private static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("EXIT", 0),
          Map.entry("HUP", 1),
          Map.entry("INT", 2),
          Map.entry("QUIT", 3),
          Map.entry("ILL", 4),
          Map.entry("TRAP", 5),
          Map.entry("ABRT", 6),
          Map.entry("BUS", 7),
          Map.entry("FPE", 8),
          Map.entry("KILL", 9),
          Map.entry("USR1", 10),
          Map.entry("SEGV", 11),
          Map.entry("USR2", 12),
          Map.entry("PIPE", 13),
          Map.entry("ALRM", 14),
          Map.entry("TERM", 15),
          Map.entry("CHLD", 17),
          Map.entry("CONT", 18),
          Map.entry("STOP", 19),
          Map.entry("TSTP", 20),
          Map.entry("WINCH", 28));

  private Signals() {}

  /** The number for {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}; -1 if unknown. */
  static int number(String spec) {
    String s = spec.toUpperCase(Locale.ROOT);
    if (s.startsWith("SIG")) {
      s = s.substring(3);
    }
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(s);
      return n < 65 ? n : -1;
    }
    Integer n = NUMBERS.get(s);
    return n == null ? -1 : n;
  }

  /** The trap name for a number ({@code TERM}), or the number itself if unnamed. */
  static String name(int number) {
    for (Map.Entry<String, Integer> e : NUMBERS.entrySet()) {
      if (e.getValue() == number) {
        return e.getKey();
      }
    }
    return String.valueOf(number);
  }

  /** Whether the default action is not to terminate (ignore, or stop, which is not modelled). */
  static boolean isIgnoredByDefault(int number) {
    return number == 0 || (number >= 17 && number <= 20) || number == 28;
  }
}
