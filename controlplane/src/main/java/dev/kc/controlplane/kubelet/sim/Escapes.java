package dev.kc.controlplane.kubelet.sim;

/** Backslash escapes as {@code $'...'}, {@code printf} and {@code echo -e} understand them. */
final class Escapes {
  private Escapes() {}

  /** Thrown by {@link #decode} for {@code \c}: stop producing output. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /**
   * Decodes the escape whose letter is at {@code s.charAt(i)} (just after the backslash).
   *
   * @param octalNeedsZero true for {@code echo -e} and {@code %b} ({@code \0nnn}); false for {@code
   *     $'...'} and printf formats ({@code \nnn})
   * @return the index after the escape
   * @throws Stop for {@code \c} when {@code octalNeedsZero} (echo), meaning no further output
   */
  static int decode(String s, int i, StringBuilder out, boolean octalNeedsZero) {
    char c = s.charAt(i);
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\007');
      case 'b' -> out.append('\b');
      case 'e', 'E' -> out.append('\033');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\013');
      case '\\' -> out.append('\\');
      case '\'' -> out.append('\'');
      case '"' -> out.append('"');
      case 'c' -> {
        if (octalNeedsZero) {
          throw new Stop();
        }
        out.append("\\c");
      }
      case 'x' -> {
        return number(s, i + 1, 16, 2, out, "\\x");
      }
      case 'u' -> {
        return number(s, i + 1, 16, 4, out, "\\u");
      }
      default -> {
        if (octalNeedsZero && c == '0') {
          return number(s, i + 1, 8, 3, out, "");
        }
        if (!octalNeedsZero && c >= '0' && c <= '7') {
          return number(s, i, 8, 3, out, "");
        }
        out.append('\\').append(c);
      }
    }
    return i + 1;
  }

  private static int number(String s, int i, int radix, int max, StringBuilder out, String bad) {
    int j = i;
    int value = 0;
    while (j < s.length() && j - i < max && Character.digit(s.charAt(j), radix) >= 0) {
      value = value * radix + Character.digit(s.charAt(j), radix);
      j++;
    }
    if (j == i && !bad.isEmpty()) {
      out.append(bad);
      return j;
    }
    out.appendCodePoint(radix == 8 ? value & 0xff : value);
    return j;
  }
}
