package dev.kc.controlplane.admission;

/**
 * Go standard-library decoding rules whose error texts surface in Kubernetes' 400 responses: the
 * base64 decoding of {@code []byte} fields (Secret data) and the RFC 3339 time parsing of {@code
 * metav1.Time} fields.
 */
final class GoDecode {

  private static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
  private static final String B64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private GoDecode() {}

  /**
   * Checks {@code s} as Go's {@code base64.StdEncoding.Decode} would; returns null when valid, else
   * Go's {@code "illegal base64 data at input byte N"}.
   */
  static String base64Error(String s) {
    int si = 0;
    int n = s.length();
    while (true) {
      int j = 0;
      while (j < 4) {
        if (si == n) {
          if (j == 0) {
            return null;
          }
          return corrupt(si - j);
        }
        char in = s.charAt(si++);
        if (B64.indexOf(in) >= 0) {
          j++;
          continue;
        }
        if (in == '\n' || in == '\r') {
          continue;
        }
        if (in != '=') {
          return corrupt(si - 1);
        }
        return paddingError(s, si, j);
      }
    }
  }

  /** Handles a quantum that hit {@code '='} after {@code j} data characters. */
  private static String paddingError(String s, int si, int j) {
    int n = s.length();
    if (j < 2) {
      return corrupt(si - 1);
    }
    if (j == 2) {
      si = skipNewlines(s, si);
      if (si == n) {
        return corrupt(n);
      }
      if (s.charAt(si) != '=') {
        return corrupt(si - 1);
      }
      si++;
    }
    si = skipNewlines(s, si);
    return si < n ? corrupt(si) : null;
  }

  private static int skipNewlines(String s, int si) {
    while (si < s.length() && (s.charAt(si) == '\n' || s.charAt(si) == '\r')) {
      si++;
    }
    return si;
  }

  private static String corrupt(int at) {
    return "illegal base64 data at input byte " + at;
  }

  /**
   * Parses {@code value} with Go's {@code time.Parse(time.RFC3339, value)} rules; returns null when
   * valid, else Go's error text (e.g. {@code parsing time "x" as "2006-01-02T15:04:05Z07:00":
   * cannot parse "x" as "2006"}).
   */
  static String rfc3339Error(String value) {
    TimeCursor c = new TimeCursor(value);
    String err = c.parse();
    if (err == null) {
      return null;
    }
    return err.startsWith("!")
        ? "parsing time " + GoFmt.quote(value) + ": " + err.substring(1)
        : "parsing time " + GoFmt.quote(value) + " as " + GoFmt.quote(RFC3339) + ": " + err;
  }

  /** Walks the RFC 3339 layout element by element, like Go's {@code time.parse}. */
  private static final class TimeCursor {
    private final String value;
    private String rest;

    TimeCursor(String value) {
      this.value = value;
      this.rest = value;
    }

    /** Returns null, a layout error, or a "!"-prefixed range/extra-text error. */
    String parse() {
      String e;
      if ((e = digits(4, "2006")) != null
          || (e = literal("-")) != null
          || (e = digits(2, "01")) != null
          || (e = literal("-")) != null
          || (e = digits(2, "02")) != null
          || (e = literal("T")) != null
          || (e = digits(2, "15")) != null
          || (e = literal(":")) != null
          || (e = digits(2, "04")) != null
          || (e = literal(":")) != null
          || (e = digits(2, "05")) != null) {
        return e;
      }
      fraction();
      if ((e = zone()) != null) {
        return e;
      }
      if (!rest.isEmpty()) {
        return "!extra text: " + GoFmt.quote(rest);
      }
      return ranges();
    }

    private String cannot(String elem) {
      return "cannot parse " + GoFmt.quote(rest) + " as " + GoFmt.quote(elem);
    }

    private String literal(String lit) {
      if (!rest.startsWith(lit)) {
        return cannot(lit);
      }
      rest = rest.substring(lit.length());
      return null;
    }

    private String digits(int count, String elem) {
      if (rest.length() < count) {
        return cannot(elem);
      }
      for (int i = 0; i < count; i++) {
        if (!Character.isDigit(rest.charAt(i))) {
          return cannot(elem);
        }
      }
      rest = rest.substring(count);
      return null;
    }

    private void fraction() {
      if (rest.length() >= 2
          && (rest.charAt(0) == '.' || rest.charAt(0) == ',')
          && Character.isDigit(rest.charAt(1))) {
        int n = 2;
        while (n < rest.length() && Character.isDigit(rest.charAt(n))) {
          n++;
        }
        rest = rest.substring(n);
      }
    }

    private String zone() {
      if (rest.startsWith("Z")) {
        rest = rest.substring(1);
        return null;
      }
      if (rest.length() < 6
          || (rest.charAt(0) != '+' && rest.charAt(0) != '-')
          || rest.charAt(3) != ':'
          || !allDigits(rest.substring(1, 3) + rest.substring(4, 6))) {
        return cannot("Z07:00");
      }
      rest = rest.substring(6);
      return null;
    }

    private static boolean allDigits(String s) {
      return s.chars().allMatch(Character::isDigit);
    }

    private String ranges() {
      int month = Integer.parseInt(value.substring(5, 7));
      int day = Integer.parseInt(value.substring(8, 10));
      int hour = Integer.parseInt(value.substring(11, 13));
      int minute = Integer.parseInt(value.substring(14, 16));
      int second = Integer.parseInt(value.substring(17, 19));
      if (month < 1 || month > 12) {
        return "!month out of range";
      }
      if (hour > 23) {
        return "!hour out of range";
      }
      if (minute > 59) {
        return "!minute out of range";
      }
      if (second > 59) {
        return "!second out of range";
      }
      int year = Integer.parseInt(value.substring(0, 4));
      if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
        return "!day out of range";
      }
      return null;
    }
  }
}
