package dev.kc.controlplane.kubelet.sim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text utilities: echo, printf, head, tail, wc, grep, sed, sort, uniq, cut, tr, base64... */
final class TextUtilities {
  private TextUtilities() {}

  static void register(Map<String, Program> p) {
    p.put("echo", Program.of(TextUtilities::echo));
    p.put("printf", Program.of(TextUtilities::printf));
    p.put(
        "head",
        new LineFilter.Streaming(Program.of(TextUtilities::head), TextUtilities::headFilter));
    p.put("tail", TailProgram::start);
    p.put("wc", Program.of(TextUtilities::wc));
    p.put("grep", Grep.program(null));
    p.put("egrep", Grep.program('E'));
    p.put("fgrep", Grep.program('F'));
    p.put("sed", Program.of(Sed::run));
    p.put("sort", Program.of(TextUtilities::sort));
    p.put("uniq", Program.of(TextUtilities::uniq));
    p.put("cut", Program.of(TextUtilities::cut));
    p.put("tr", Program.of(TextUtilities::tr));
    p.put("base64", Program.of(TextUtilities::base64));
    p.put("seq", Program.of(TextUtilities::seq));
    p.put("expr", Program.of(Expr::run));
    p.put("md5sum", Program.of(inv -> digest(inv, "MD5")));
    p.put("sha1sum", Program.of(inv -> digest(inv, "SHA-1")));
    p.put("sha256sum", Program.of(inv -> digest(inv, "SHA-256")));
    p.put("sha512sum", Program.of(inv -> digest(inv, "SHA-512")));
  }

  /** The content of operand {@code f} ({@code -} is stdin), or null after complaining. */
  static String input(Invocation inv, String f) {
    try {
      return f.equals("-") ? inv.readStdin() : inv.fs().readString(inv.path(f));
    } catch (FsException e) {
      inv.complain(f + ": " + e.errno().text());
      return null;
    }
  }

  /** Splits text into lines without their newlines; a final newline adds no empty line. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static String joinLines(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  // ---- echo and printf ----

  /** echo as in bash and busybox: escapes only with {@code -e}. */
  private static int echo(Invocation inv) {
    List<String> args = inv.args();
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    while (i < args.size() && args.get(i).matches("-[neE]+")) {
      for (char c : args.get(i).substring(1).toCharArray()) {
        newline &= c != 'n';
        escapes = c == 'e' || (escapes && c != 'E');
      }
      i++;
    }
    String text = String.join(" ", args.subList(i, args.size()));
    if (escapes) {
      StringBuilder sb = new StringBuilder();
      try {
        appendEscaped(text, sb, true);
      } catch (Escapes.Stop stop) {
        inv.out(sb.toString());
        return 0;
      }
      text = sb.toString();
    }
    inv.out(newline ? text + "\n" : text);
    return 0;
  }

  private static void appendEscaped(String s, StringBuilder out, boolean echoStyle) {
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        i = Escapes.decode(s, i + 1, out, echoStyle);
      } else {
        out.append(c);
        i++;
      }
    }
  }

  private static final Pattern SPEC =
      Pattern.compile("%([-+ #0]*)(\\*|\\d+)?(?:\\.(\\*|\\d*))?([a-zA-Z%])");

  private static int printf(Invocation inv) {
    if (inv.args().isEmpty()) {
      inv.complain("missing operand");
      return 1;
    }
    String format = inv.args().get(0);
    List<String> args = inv.args().subList(1, inv.args().size());
    StringBuilder out = new StringBuilder();
    int[] next = {0};
    int[] status = {0};
    try {
      do {
        int before = next[0];
        formatOnce(inv, format, args, next, out, status);
        if (next[0] == before) {
          break;
        }
      } while (next[0] < args.size());
    } catch (Escapes.Stop stop) {
      // \c in %b: no further output.
    } catch (IllegalArgumentException e) {
      inv.out(out.toString());
      inv.complain(e.getMessage());
      return 1;
    }
    inv.out(out.toString());
    return status[0];
  }

  private static void formatOnce(
      Invocation inv, String fmt, List<String> args, int[] next, StringBuilder out, int[] status) {
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i);
      if (c == '\\' && i + 1 < fmt.length()) {
        i = Escapes.decode(fmt, i + 1, out, false);
        continue;
      }
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      Matcher m = SPEC.matcher(fmt);
      if (!m.find(i) || m.start() != i) {
        throw new IllegalArgumentException(fmt.substring(i) + ": invalid conversion specification");
      }
      i = m.end();
      char conv = m.group(4).charAt(0);
      if (conv == '%') {
        out.append('%');
        continue;
      }
      String width = m.group(2);
      if ("*".equals(width)) {
        width = Long.toString(number(inv, next(args, next), status));
      }
      String precision = m.group(3);
      if ("*".equals(precision)) {
        precision = Long.toString(number(inv, next(args, next), status));
      }
      String spec =
          "%"
              + m.group(1)
              + (width == null ? "" : width)
              + (precision == null ? "" : "." + precision);
      out.append(convert(inv, conv, spec, next(args, next), status));
    }
  }

  private static String next(List<String> args, int[] next) {
    return next[0] < args.size() ? args.get(next[0]++) : null;
  }

  private static String convert(Invocation inv, char conv, String spec, String arg, int[] status) {
    switch (conv) {
      case 's':
        return String.format(Locale.ROOT, spec + "s", arg == null ? "" : arg);
      case 'b':
        {
          StringBuilder sb = new StringBuilder();
          appendEscaped(arg == null ? "" : arg, sb, true);
          return String.format(Locale.ROOT, spec + "s", sb);
        }
      case 'c':
        return String.format(
            Locale.ROOT, spec + "s", arg == null || arg.isEmpty() ? "" : arg.substring(0, 1));
      case 'd':
      case 'i':
      case 'u':
        return String.format(Locale.ROOT, spec.replace("#", "") + "d", number(inv, arg, status));
      case 'o':
      case 'x':
      case 'X':
        return String.format(Locale.ROOT, spec + conv, number(inv, arg, status));
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G':
        return String.format(Locale.ROOT, spec + conv, decimal(inv, arg, status));
      default:
        throw new IllegalArgumentException("%" + conv + ": invalid conversion specification");
    }
  }

  private static long number(Invocation inv, String arg, int[] status) {
    if (arg == null || arg.isBlank()) {
      return 0;
    }
    String s = arg.strip();
    if ((s.startsWith("'") || s.startsWith("\"")) && s.length() > 1) {
      return s.codePointAt(1);
    }
    try {
      if (s.matches("[+-]?0[xX][0-9a-fA-F]+")) {
        return Long.parseLong(s.replaceFirst("0[xX]", ""), 16);
      }
      return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      inv.complain("'" + arg + "': expected a numeric value");
      status[0] = 1;
      Matcher m = Pattern.compile("^[+-]?\\d+").matcher(s);
      return m.find() ? Long.parseLong(m.group()) : 0;
    }
  }

  private static double decimal(Invocation inv, String arg, int[] status) {
    if (arg == null || arg.isBlank()) {
      return 0;
    }
    try {
      return Double.parseDouble(arg.strip());
    } catch (NumberFormatException e) {
      inv.complain("'" + arg + "': expected a numeric value");
      status[0] = 1;
      return 0;
    }
  }

  // ---- head, wc ----

  /** Turns {@code -5} into {@code -n 5}, the obsolete form images still use. */
  private static List<String> obsoleteCount(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.matches("-[0-9]+")) {
        out.add("-n");
        out.add(a.substring(1));
      } else if (a.matches("\\+[0-9]+") && out.isEmpty()) {
        out.add("-n");
        out.add(a);
      } else {
        out.add(a);
      }
    }
    return out;
  }

  private static int head(Invocation inv) {
    Args a =
        Args.parse(obsoleteCount(inv.args()), "qv", "nc", Map.of("lines=", 'n', "bytes=", 'c'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    List<String> files = a.operands.isEmpty() ? List.of("-") : a.operands;
    StringBuilder out = new StringBuilder();
    int status = 0;
    for (int f = 0; f < files.size(); f++) {
      String text = input(inv, files.get(f));
      if (text == null) {
        status = 1;
        continue;
      }
      if (files.size() > 1 && !a.has('q') || a.has('v')) {
        out.append(f > 0 ? "\n" : "").append("==> ").append(files.get(f)).append(" <==\n");
      }
      try {
        out.append(
            a.value('c') != null ? headBytes(text, a.value('c')) : headLines(text, a.value('n')));
      } catch (NumberFormatException e) {
        inv.complain("invalid number of lines: '" + a.value('n') + "'");
        return 1;
      }
    }
    inv.out(out.toString());
    return status;
  }

  /** {@code head -n N} on a pipe: prints lines as they come and stops after N. */
  private static LineFilter.Filter headFilter(Invocation inv) {
    Args a = Args.parse(obsoleteCount(inv.args()), "qv", "nc", Map.of("lines=", 'n'));
    boolean stdinOnly = a.operands.isEmpty() || a.operands.equals(List.of("-"));
    if (a.invalid != null || a.value('c') != null || !stdinOnly) {
      return null;
    }
    long n;
    try {
      n = a.value('n') == null ? 10 : Long.parseLong(a.value('n'));
    } catch (NumberFormatException e) {
      return null;
    }
    if (n < 0) {
      return null; // all but the last lines: needs the whole input
    }
    return new LineFilter.Filter() {
      private long printed;

      @Override
      public boolean accept(String line) {
        if (printed >= n) {
          return false;
        }
        inv.out(line);
        return ++printed < n;
      }

      @Override
      public int finish() {
        return 0;
      }
    };
  }

  private static String headLines(String text, String count) {
    long n = count == null ? 10 : Long.parseLong(count);
    List<String> lines = lines(text);
    boolean trailing = text.endsWith("\n");
    int keep = (int) (n >= 0 ? Math.min(n, lines.size()) : Math.max(0, lines.size() + n));
    String s = joinLines(lines.subList(0, keep));
    return keep == lines.size() && !trailing && keep > 0 ? s.substring(0, s.length() - 1) : s;
  }

  private static String headBytes(String text, String count) {
    byte[] b = Utilities.utf8(text);
    long n = Long.parseLong(count);
    int keep = (int) (n >= 0 ? Math.min(n, b.length) : Math.max(0, b.length + n));
    return new String(b, 0, keep, StandardCharsets.UTF_8);
  }

  private static int wc(Invocation inv) {
    Args a =
        Args.parse(
            inv.args(),
            "lwcmL",
            "",
            Map.of("lines", 'l', "words", 'w', "bytes", 'c', "chars", 'm'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    boolean all = !a.has('l') && !a.has('w') && !a.has('c') && !a.has('m');
    boolean[] show = {all || a.has('l'), all || a.has('w'), a.has('m'), all || a.has('c')};
    List<String> files = a.operands.isEmpty() ? List.of("-") : a.operands;
    List<long[]> counts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    long[] total = new long[4];
    int status = 0;
    for (String f : files) {
      String text = input(inv, f);
      if (text == null) {
        status = 1;
        continue;
      }
      long[] c = count(text);
      for (int k = 0; k < 4; k++) {
        total[k] += c[k];
      }
      counts.add(c);
      names.add(f.equals("-") ? "" : f);
    }
    if (counts.size() > 1) {
      counts.add(total);
      names.add("total");
    }
    inv.out(formatCounts(counts, names, show, files.contains("-"), total[3]));
    return status;
  }

  /** Lines, words, characters and bytes. */
  private static long[] count(String text) {
    return new long[] {
      text.chars().filter(ch -> ch == '\n').count(),
      text.isBlank() ? 0 : text.strip().split("\\s+").length,
      text.codePointCount(0, text.length()),
      Utilities.utf8(text).length
    };
  }

  /**
   * wc's columns: one count alone is unpadded; otherwise coreutils pads to 7 for standard input and
   * to the width of the largest total for files.
   */
  private static String formatCounts(
      List<long[]> counts, List<String> names, boolean[] show, boolean stdin, long bytes) {
    int shown = 0;
    for (boolean s : show) {
      shown += s ? 1 : 0;
    }
    int width =
        shown == 1 && counts.size() == 1
            ? 1
            : stdin ? 7 : Math.max(1, Long.toString(bytes).length());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < counts.size(); i++) {
      List<String> cols = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        if (show[k]) {
          cols.add(String.format("%" + width + "d", counts.get(i)[k]));
        }
      }
      out.append(String.join(" ", cols));
      out.append(names.get(i).isEmpty() ? "" : " " + names.get(i)).append('\n');
    }
    return out.toString();
  }

  // ---- regular expressions ----

  /** A POSIX basic regular expression (grep, sed) in Java syntax. */
  static String basicRegex(String re) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char n = re.charAt(++i);
        if ("(){}|+?".indexOf(n) >= 0
            || Character.isDigit(n)
            || n == 'w'
            || n == 's'
            || n == 'W'
            || n == 'S'
            || n == 'b') {
          out.append(
              n == '(' || n == ')' || n == '{' || n == '}' || n == '|' || n == '+' || n == '?'
                  ? "" + n
                  : "\\" + n);
        } else if (n == 'n') {
          out.append("\\n");
        } else if (n == 't') {
          out.append("\\t");
        } else {
          out.append(Pattern.quote(String.valueOf(n)));
        }
      } else if ("(){}|+?".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else if (c == '*'
          && (i == 0 || re.startsWith("\\(", i - 2) || (i == 1 && re.charAt(0) == '^'))) {
        out.append("\\*");
      } else if (c == '[') {
        i = bracket(re, i, out);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A POSIX extended regular expression (grep -E, sed -E) in Java syntax. */
  static String extendedRegex(String re) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        out.append(c).append(re.charAt(++i));
      } else if (c == '[') {
        i = bracket(re, i, out);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Copies a bracket expression with POSIX classes; returns the index of its {@code ]}. */
  private static int bracket(String re, int start, StringBuilder out) {
    int i = start + 1;
    StringBuilder cls = new StringBuilder("[");
    if (i < re.length() && re.charAt(i) == '^') {
      cls.append('^');
      i++;
    }
    boolean first = true;
    for (; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == ']' && !first) {
        out.append(cls).append(']');
        return i;
      }
      first = false;
      if (c == '[' && re.startsWith("[:", i)) {
        int close = re.indexOf(":]", i);
        if (close > 0) {
          cls.append(posixClass(re.substring(i + 2, close)));
          i = close + 1;
          continue;
        }
      }
      if (c == '\\' || c == '[' || (c == '&' && i + 1 < re.length() && re.charAt(i + 1) == '&')) {
        cls.append('\\');
      }
      cls.append(c);
    }
    out.append("\\[");
    return start;
  }

  private static String posixClass(String name) {
    return switch (name) {
      case "space" -> "\\s";
      case "digit" -> "\\d";
      case "alpha" -> "\\p{Alpha}";
      case "alnum" -> "\\p{Alnum}";
      case "upper" -> "\\p{Upper}";
      case "lower" -> "\\p{Lower}";
      case "punct" -> "\\p{Punct}";
      case "xdigit" -> "\\p{XDigit}";
      case "blank" -> " \\t";
      case "cntrl" -> "\\p{Cntrl}";
      default -> "\\p{Print}";
    };
  }

  // ---- sort, uniq, cut, tr ----

  private static int sort(Invocation inv) {
    Args a =
        Args.parse(
            inv.args(),
            "rnufbsVh",
            "kto",
            Map.of("reverse", 'r', "numeric-sort", 'n', "unique", 'u'));
    if (a.invalid != null) {
      return a.usage(inv, 2);
    }
    List<String> files = a.operands.isEmpty() ? List.of("-") : a.operands;
    List<String> all = new ArrayList<>();
    for (String f : files) {
      String text = input(inv, f);
      if (text == null) {
        return 2;
      }
      all.addAll(lines(text));
    }
    int field = a.value('k') == null ? 0 : Integer.parseInt(a.value('k').split("[,.]")[0]);
    String sep = a.value('t');
    Comparator<String> cmp =
        Comparator.comparing(
            (String l) -> key(l, field, sep),
            a.has('n')
                ? Comparator.comparingDouble(TextUtilities::leadingNumber)
                : a.has('f') ? String.CASE_INSENSITIVE_ORDER : Comparator.naturalOrder());
    if (a.has('n')) {
      cmp = cmp.thenComparing(Comparator.naturalOrder());
    }
    all.sort(a.has('r') ? cmp.reversed() : cmp);
    List<String> result = all;
    if (a.has('u')) {
      result = new ArrayList<>(new LinkedHashSet<>(all));
    }
    String out = joinLines(result);
    if (a.value('o') != null) {
      inv.fs().writeString(inv.path(a.value('o')), out);
    } else {
      inv.out(out);
    }
    return 0;
  }

  private static String key(String line, int field, String sep) {
    if (field <= 0) {
      return line;
    }
    String[] parts = sep == null ? line.strip().split("\\s+") : line.split(Pattern.quote(sep), -1);
    return field - 1 < parts.length ? parts[field - 1] : "";
  }

  private static double leadingNumber(String s) {
    Matcher m = Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)").matcher(s);
    return m.find() ? Double.parseDouble(m.group().strip()) : 0;
  }

  private static int uniq(Invocation inv) {
    Args a = Args.parse(inv.args(), "cdui", "", Map.of("count", 'c'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    String text = input(inv, a.operands.isEmpty() ? "-" : a.operands.get(0));
    if (text == null) {
      return 1;
    }
    StringBuilder out = new StringBuilder();
    List<String> lines = lines(text);
    for (int i = 0; i < lines.size(); ) {
      int j = i + 1;
      while (j < lines.size()
          && (a.has('i')
              ? lines.get(j).equalsIgnoreCase(lines.get(i))
              : lines.get(j).equals(lines.get(i)))) {
        j++;
      }
      int n = j - i;
      if (!(a.has('d') && n == 1) && !(a.has('u') && n > 1)) {
        out.append(a.has('c') ? String.format("%7d ", n) : "").append(lines.get(i)).append('\n');
      }
      i = j;
    }
    inv.out(out.toString());
    return 0;
  }

  private static int cut(Invocation inv) {
    Args a = Args.parse(inv.args(), "sn", "dfcb", Map.of("delimiter=", 'd', "fields=", 'f'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    String list =
        a.value('f') != null ? a.value('f') : a.value('c') != null ? a.value('c') : a.value('b');
    if (list == null) {
      inv.complain("you must specify a list of bytes, characters, or fields");
      return 1;
    }
    boolean fields = a.value('f') != null;
    String delim = a.value('d') == null ? "\t" : a.value('d');
    List<String> files = a.operands.isEmpty() ? List.of("-") : a.operands;
    StringBuilder out = new StringBuilder();
    for (String f : files) {
      String text = input(inv, f);
      if (text == null) {
        return 1;
      }
      for (String line : lines(text)) {
        if (fields && !line.contains(delim)) {
          if (!a.has('s')) {
            out.append(line).append('\n');
          }
          continue;
        }
        String[] parts = fields ? line.split(Pattern.quote(delim), -1) : line.split("");
        List<String> picked = new ArrayList<>();
        for (int k = 1; k <= parts.length; k++) {
          if (inList(list, k)) {
            picked.add(parts[k - 1]);
          }
        }
        out.append(String.join(fields ? delim : "", picked)).append('\n');
      }
    }
    inv.out(out.toString());
    return 0;
  }

  private static boolean inList(String list, int k) {
    for (String range : list.split(",")) {
      int dash = range.indexOf('-');
      if (dash < 0) {
        if (Integer.parseInt(range) == k) {
          return true;
        }
        continue;
      }
      int lo = dash == 0 ? 1 : Integer.parseInt(range.substring(0, dash));
      int hi =
          dash == range.length() - 1
              ? Integer.MAX_VALUE
              : Integer.parseInt(range.substring(dash + 1));
      if (k >= lo && k <= hi) {
        return true;
      }
    }
    return false;
  }

  private static int tr(Invocation inv) {
    Args a = Args.parse(inv.args(), "dscC", "", Map.of("delete", 'd', "squeeze-repeats", 's'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    if (a.operands.isEmpty()) {
      inv.complain("missing operand");
      return 1;
    }
    String set1 = expandSet(a.operands.get(0));
    String set2 = a.operands.size() > 1 ? expandSet(a.operands.get(1)) : "";
    String text = inv.readStdin();
    StringBuilder out = new StringBuilder();
    String squeeze = a.has('s') ? (set2.isEmpty() || a.has('d') ? set1 : set2) : "";
    for (char c : text.toCharArray()) {
      boolean in = set1.indexOf(c) >= 0 != (a.has('c') || a.has('C'));
      if (a.has('d') && in) {
        continue;
      }
      if (!a.has('d') && in && !set2.isEmpty()) {
        int idx = set1.indexOf(c);
        c = set2.charAt(idx < 0 ? set2.length() - 1 : Math.min(idx, set2.length() - 1));
      }
      if (!squeeze.isEmpty()
          && out.length() > 0
          && out.charAt(out.length() - 1) == c
          && squeeze.indexOf(c) >= 0) {
        continue;
      }
      out.append(c);
    }
    inv.out(out.toString());
    return 0;
  }

  /** Expands a tr set: ranges, escapes and the common classes. */
  private static String expandSet(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith("[:", i)) {
        int close = s.indexOf(":]", i);
        if (close > 0) {
          out.append(classChars(s.substring(i + 2, close)));
          i = close + 1;
          continue;
        }
      }
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        StringBuilder esc = new StringBuilder();
        i = Escapes.decode(s, i + 1, esc, false) - 1;
        c = esc.charAt(0);
      }
      if (i + 2 < s.length() && s.charAt(i + 1) == '-') {
        char end = s.charAt(i + 2);
        for (char k = c; k <= end; k++) {
          out.append(k);
        }
        i += 2;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String classChars(String name) {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      boolean in =
          switch (name) {
            case "upper" -> Character.isUpperCase(c);
            case "lower" -> Character.isLowerCase(c);
            case "digit" -> Character.isDigit(c);
            case "alpha" -> Character.isLetter(c);
            case "alnum" -> Character.isLetterOrDigit(c);
            case "space" -> Character.isWhitespace(c);
            case "blank" -> c == ' ' || c == '\t';
            case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            default -> false;
          };
      if (in) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- base64, seq, digests ----

  private static int base64(Invocation inv) {
    Args a =
        Args.parse(
            inv.args(), "di", "w", Map.of("decode", 'd', "wrap=", 'w', "ignore-garbage", 'i'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    byte[] data;
    try {
      data =
          a.operands.isEmpty() || a.operands.get(0).equals("-")
              ? inv.stdin().get()
              : inv.fs().read(inv.path(a.operands.get(0)));
    } catch (FsException e) {
      inv.complain(a.operands.get(0) + ": " + e.errno().text());
      return 1;
    }
    if (a.has('d')) {
      try {
        inv.stdout().write(Base64.getMimeDecoder().decode(data));
        return 0;
      } catch (IllegalArgumentException e) {
        inv.complain("invalid input");
        return 1;
      }
    }
    String encoded = Base64.getEncoder().encodeToString(data);
    int wrap = a.value('w') == null ? 76 : Integer.parseInt(a.value('w'));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < encoded.length(); i += wrap <= 0 ? encoded.length() : wrap) {
      int end = wrap <= 0 ? encoded.length() : Math.min(encoded.length(), i + wrap);
      out.append(encoded, i, end).append('\n');
    }
    inv.out(out.toString());
    return 0;
  }

  private static int seq(Invocation inv) {
    List<String> args = new ArrayList<>();
    String sep = "\n";
    boolean equalWidth = false;
    for (int i = 0; i < inv.args().size(); i++) {
      String arg = inv.args().get(i);
      if (arg.equals("-s") && i + 1 < inv.args().size()) {
        sep = inv.args().get(++i);
      } else if (arg.startsWith("-s") && arg.length() > 2) {
        sep = arg.substring(2);
      } else if (arg.equals("-w")) {
        equalWidth = true;
      } else {
        args.add(arg);
      }
    }
    if (args.isEmpty() || args.size() > 3) {
      inv.complain(args.isEmpty() ? "missing operand" : "extra operand '" + args.get(3) + "'");
      return 1;
    }
    BigDecimal[] range = new BigDecimal[3];
    for (String arg : args) {
      if (!arg.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)")) {
        inv.complain("invalid floating point argument: '" + arg + "'");
        return 1;
      }
    }
    range[0] = args.size() > 1 ? new BigDecimal(args.get(0)) : BigDecimal.ONE;
    range[1] = args.size() == 3 ? new BigDecimal(args.get(1)) : BigDecimal.ONE;
    range[2] = new BigDecimal(args.get(args.size() - 1));
    if (range[1].signum() == 0) {
      inv.complain("invalid Zero increment value: '" + args.get(1) + "'");
      return 1;
    }
    List<String> out = sequence(range[0], range[1], range[2], equalWidth);
    if (!out.isEmpty()) {
      inv.out(String.join(sep, out) + "\n");
    }
    return 0;
  }

  /** The numbers of seq, with the scale of the first and the increment, at most 10 million. */
  private static List<String> sequence(
      BigDecimal first, BigDecimal step, BigDecimal last, boolean equalWidth) {
    int scale = Math.max(0, Math.max(first.scale(), step.scale()));
    int width =
        equalWidth
            ? Math.max(
                first.setScale(scale).toPlainString().length(),
                last.setScale(scale, java.math.RoundingMode.DOWN).toPlainString().length())
            : 0;
    List<String> out = new ArrayList<>();
    for (BigDecimal v = first;
        step.signum() > 0 ? v.compareTo(last) <= 0 : v.compareTo(last) >= 0;
        v = v.add(step)) {
      StringBuilder s = new StringBuilder(v.setScale(scale).toPlainString());
      while (s.length() < width) {
        s.insert(0, '0');
      }
      out.add(s.toString());
      if (out.size() >= 10_000_000) {
        break;
      }
    }
    return out;
  }

  private static int digest(Invocation inv, String algorithm) {
    List<String> files = inv.args().isEmpty() ? List.of("-") : inv.args();
    StringBuilder out = new StringBuilder();
    int status = 0;
    for (String f : files) {
      byte[] data;
      try {
        data = f.equals("-") ? inv.stdin().get() : inv.fs().read(inv.path(f));
      } catch (FsException e) {
        inv.complain(f + ": " + e.errno().text());
        status = 1;
        continue;
      }
      try {
        byte[] hash = MessageDigest.getInstance(algorithm).digest(data);
        out.append(HexFormat.of().formatHex(hash)).append("  ").append(f).append('\n');
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(algorithm + " is required of every JDK", e);
      }
    }
    inv.out(out.toString());
    return status;
  }
}
