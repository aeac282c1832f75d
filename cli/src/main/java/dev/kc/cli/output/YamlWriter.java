package dev.kc.cli.output;

import dev.kc.cli.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes JSON-model values (see {@link Json}) as YAML in exactly the layout {@code kubectl -o yaml}
 * produces. kubectl converts JSON to YAML through go-yaml v2, so this class reproduces that
 * emitter's visible decisions: keys sorted in go-yaml's "natural" order, block sequences inside
 * mappings not indented, {@code {}}/{@code []} for empty collections, strings quoted only when a
 * plain scalar would read back as something else (double quotes) or is not allowed (single quotes),
 * {@code |} blocks for multi-line strings, and long scalars folded after column 80.
 *
 * <p>Instances are not thread-safe; use one per document.
 */
public final class YamlWriter {

  private static final int BEST_WIDTH = 80;
  private static final Pattern YAML_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern BASE60_FLOAT =
      Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
  private static final Pattern TIMESTAMP_PREFIX = Pattern.compile("^[0-9]{4}-");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
              + "(([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
              + "([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?$");

  private final StringBuilder out = new StringBuilder();
  private int column;

  private YamlWriter() {}

  /** Renders one document. The result always ends with a newline and has no leading {@code ---}. */
  public static String write(Object value) {
    YamlWriter w = new YamlWriter();
    w.node(value, 0, false);
    if (w.column != 0) {
      w.newline();
    }
    return w.out.toString();
  }

  /** Sort order go-yaml uses for mapping keys: digit runs compare numerically. */
  static final Comparator<String> KEY_ORDER = YamlWriter::compareKeys;

  // ---- structure ----

  @SuppressWarnings("unchecked")
  private void node(Object v, int indent, boolean inMappingValue) {
    if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
      if (inMappingValue) {
        newline();
      }
      mapping((Map<String, Object>) v, inMappingValue ? indent + 2 : indent);
    } else if (v instanceof List && !((List<?>) v).isEmpty()) {
      if (inMappingValue) {
        newline();
      }
      sequence((List<Object>) v, indent);
    } else {
      if (inMappingValue) {
        put(' ');
      }
      scalar(v, inMappingValue ? indent + 2 : indent + 2);
    }
  }

  private void mapping(Map<String, Object> m, int indent) {
    List<String> keys = new ArrayList<>(m.keySet());
    keys.sort(KEY_ORDER);
    for (String key : keys) {
      pad(indent);
      string(key, indent, true);
      put(':');
      node(m.get(key), indent, true);
      if (column != 0) {
        newline();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void sequence(List<Object> list, int indent) {
    for (Object item : list) {
      pad(indent);
      put('-');
      if (item instanceof Map && !((Map<?, ?>) item).isEmpty()) {
        put(' ');
        mapping((Map<String, Object>) item, indent + 2);
      } else if (item instanceof List && !((List<?>) item).isEmpty()) {
        put(' ');
        sequence((List<Object>) item, indent + 2);
      } else {
        put(' ');
        scalar(item, indent + 2);
        newline();
      }
      if (column != 0) {
        newline();
      }
    }
  }

  /** Writes spaces up to {@code indent} when at the start of a line. */
  private void pad(int indent) {
    if (column == 0) {
      for (int i = 0; i < indent; i++) {
        put(' ');
      }
    }
  }

  private void scalar(Object v, int indent) {
    if (v == null) {
      raw("null");
    } else if (v instanceof Map) {
      raw("{}");
    } else if (v instanceof List) {
      raw("[]");
    } else if (v instanceof Boolean) {
      raw(v.toString());
    } else if (v instanceof Double || v instanceof Float) {
      raw(formatFloat(((Number) v).doubleValue()));
    } else if (v instanceof Number) {
      raw(v.toString());
    } else {
      string(v.toString(), indent, false);
    }
  }

  // ---- strings ----

  private enum Style {
    PLAIN,
    SINGLE,
    DOUBLE,
    LITERAL
  }

  private void string(String s, int indent, boolean simpleKey) {
    Style style = chooseStyle(s, simpleKey);
    switch (style) {
      case PLAIN:
        writePlain(s, indent, !simpleKey);
        break;
      case SINGLE:
        writeSingle(s, indent, !simpleKey);
        break;
      case LITERAL:
        writeLiteral(s, indent);
        break;
      default:
        writeDouble(s, indent, !simpleKey);
    }
  }

  private static Style chooseStyle(String s, boolean simpleKey) {
    Style style;
    if (s.indexOf('\n') >= 0) {
      style = Style.LITERAL;
    } else if (resolvesToString(s) && !BASE60_FLOAT.matcher(s).matches()) {
      style = Style.PLAIN;
    } else {
      style = Style.DOUBLE;
    }
    Analysis a = analyze(s);
    if (style == Style.PLAIN && !a.blockPlainAllowed) {
      style = Style.SINGLE;
    }
    if (style == Style.SINGLE && !a.singleQuotedAllowed) {
      style = Style.DOUBLE;
    }
    if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
      style = Style.DOUBLE;
    }
    return style;
  }

  /** What go-yaml's scalar analysis allows for a string (block context only). */
  private static final class Analysis {
    boolean blockPlainAllowed = true;
    boolean singleQuotedAllowed = true;
    boolean blockAllowed = true;
  }

  private static Analysis analyze(String s) {
    Analysis a = new Analysis();
    if (s.isEmpty()) {
      a.blockPlainAllowed = false;
      a.blockAllowed = false;
      return a;
    }
    boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
    boolean specialCharacters = false;
    boolean lineBreaks = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean previousSpace = false;
    boolean previousBreak = false;
    boolean precededByWhitespace = true;
    int n = s.length();
    for (int i = 0; i < n; ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean followedByWhitespace = next >= n || isBlank(s.codePointAt(next));
      if (i == 0) {
        switch (cp) {
          case '#':
          case ',':
          case '[':
          case ']':
          case '{':
          case '}':
          case '&':
          case '*':
          case '!':
          case '|':
          case '>':
          case '\'':
          case '"':
          case '%':
          case '@':
          case '`':
            blockIndicators = true;
            break;
          case '?':
          case ':':
            blockIndicators |= followedByWhitespace;
            break;
          case '-':
            blockIndicators |= followedByWhitespace;
            break;
          default:
        }
      } else if (cp == ':') {
        blockIndicators |= followedByWhitespace;
      } else if (cp == '#') {
        blockIndicators |= precededByWhitespace;
      }
      if (!isPrintable(cp)) {
        specialCharacters = true;
      }
      if (cp == ' ') {
        leadingSpace |= i == 0;
        trailingSpace |= next == n;
        breakSpace |= previousBreak;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(cp)) {
        lineBreaks = true;
        leadingBreak |= i == 0;
        trailingBreak |= next == n;
        spaceBreak |= previousSpace;
        previousBreak = true;
        previousSpace = false;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlank(cp);
      i = next;
    }
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      a.blockPlainAllowed = false;
    }
    if (trailingSpace) {
      a.blockAllowed = false;
    }
    if (breakSpace) {
      a.blockPlainAllowed = false;
      a.singleQuotedAllowed = false;
    }
    if (spaceBreak || specialCharacters) {
      a.blockPlainAllowed = false;
      a.singleQuotedAllowed = false;
      a.blockAllowed = false;
    }
    if (lineBreaks || blockIndicators) {
      a.blockPlainAllowed = false;
    }
    return a;
  }

  private static boolean isBreak(int cp) {
    return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
  }

  private static boolean isBlank(int cp) {
    return cp == ' ' || cp == '\t' || isBreak(cp);
  }

  /** go-yaml's printable set: LF, visible ASCII, and the BMP minus surrogates/BOM/specials. */
  private static boolean isPrintable(int cp) {
    return cp == '\n'
        || (cp >= 0x20 && cp <= 0x7E)
        || (cp >= 0xA0 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);
  }

  /**
   * True when go-yaml would read {@code s}, written plain, back as a string (YAML 1.1 rules: not a
   * bool, null, number or timestamp).
   */
  static boolean resolvesToString(String s) {
    if (s.isEmpty()) {
      return false;
    }
    switch (s) {
      case "y":
      case "Y":
      case "yes":
      case "Yes":
      case "YES":
      case "true":
      case "True":
      case "TRUE":
      case "on":
      case "On":
      case "ON":
      case "n":
      case "N":
      case "no":
      case "No":
      case "NO":
      case "false":
      case "False":
      case "FALSE":
      case "off":
      case "Off":
      case "OFF":
      case "~":
      case "null":
      case "Null":
      case "NULL":
      case ".nan":
      case ".NaN":
      case ".NAN":
      case ".inf":
      case ".Inf":
      case ".INF":
      case "+.inf":
      case "+.Inf":
      case "+.INF":
      case "-.inf":
      case "-.Inf":
      case "-.INF":
      case "<<":
        return false;
      default:
    }
    char c = s.charAt(0);
    if (c == '.') {
      return !isGoFloat(s);
    }
    if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
      if (TIMESTAMP_PREFIX.matcher(s).find() && TIMESTAMP.matcher(s).matches()) {
        return false;
      }
      String plain = s.replace("_", "");
      if (isGoInt(plain) || YAML_FLOAT.matcher(plain).matches()) {
        return false;
      }
      return !(isBinary(plain));
    }
    return true;
  }

  /** Accepts what Go's strconv.ParseInt/ParseUint with base 0 accepts. */
  private static boolean isGoInt(String s) {
    String body = s;
    if (body.startsWith("+") || body.startsWith("-")) {
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return false;
    }
    String digits;
    int radix;
    String lower = body.toLowerCase();
    if (lower.startsWith("0x")) {
      digits = body.substring(2);
      radix = 16;
    } else if (lower.startsWith("0o")) {
      digits = body.substring(2);
      radix = 8;
    } else if (lower.startsWith("0b")) {
      digits = body.substring(2);
      radix = 2;
    } else if (body.length() > 1 && body.charAt(0) == '0') {
      digits = body.substring(1);
      radix = 8;
    } else {
      digits = body;
      radix = 10;
    }
    if (digits.isEmpty()) {
      return false;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), radix) < 0) {
        return false;
      }
    }
    // Values beyond 64 bits fail to parse in Go and then stay strings.
    return new java.math.BigInteger(digits, radix).bitLength() <= 64;
  }

  private static boolean isBinary(String s) {
    String body = s.startsWith("-") ? s.substring(1) : s;
    if (!body.startsWith("0b") || body.length() == 2) {
      return false;
    }
    for (int i = 2; i < body.length(); i++) {
      if (body.charAt(i) != '0' && body.charAt(i) != '1') {
        return false;
      }
    }
    return true;
  }

  private static boolean isGoFloat(String s) {
    try {
      Double.parseDouble(s);
      return !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F");
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void writePlain(String s, int indent, boolean allowBreaks) {
    boolean spaces = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp == ' ') {
        boolean nextIsSpace = next < s.length() && s.charAt(next) == ' ';
        if (allowBreaks && !spaces && column > BEST_WIDTH && !nextIsSpace) {
          indent(indent);
        } else {
          put(' ');
        }
        spaces = true;
      } else {
        putCodePoint(cp);
        spaces = false;
      }
      i = next;
    }
  }

  private void writeSingle(String s, int indent, boolean allowBreaks) {
    put('\'');
    boolean spaces = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp == ' ') {
        boolean nextIsSpace = next < s.length() && s.charAt(next) == ' ';
        if (allowBreaks
            && !spaces
            && column > BEST_WIDTH
            && i != 0
            && next != s.length()
            && !nextIsSpace) {
          indent(indent);
        } else {
          put(' ');
        }
        spaces = true;
      } else {
        if (cp == '\'') {
          put('\'');
        }
        putCodePoint(cp);
        spaces = false;
      }
      i = next;
    }
    put('\'');
  }

  private void writeDouble(String s, int indent, boolean allowBreaks) {
    put('"');
    boolean spaces = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (!isPrintable(cp) || cp == 0xFEFF || isBreak(cp) || cp == '"' || cp == '\\') {
        escape(cp);
        spaces = false;
      } else if (cp == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && next != s.length()) {
          indent(indent);
          if (next < s.length() && s.charAt(next) == ' ') {
            put('\\');
          }
        } else {
          put(' ');
        }
        spaces = true;
      } else {
        putCodePoint(cp);
        spaces = false;
      }
      i = next;
    }
    put('"');
  }

  private void escape(int cp) {
    put('\\');
    switch (cp) {
      case 0x00:
        put('0');
        return;
      case 0x07:
        put('a');
        return;
      case 0x08:
        put('b');
        return;
      case 0x09:
        put('t');
        return;
      case 0x0A:
        put('n');
        return;
      case 0x0B:
        put('v');
        return;
      case 0x0C:
        put('f');
        return;
      case 0x0D:
        put('r');
        return;
      case 0x1B:
        put('e');
        return;
      case '"':
        put('"');
        return;
      case '\\':
        put('\\');
        return;
      case 0x85:
        put('N');
        return;
      case 0xA0:
        put('_');
        return;
      case 0x2028:
        put('L');
        return;
      case 0x2029:
        put('P');
        return;
      default:
    }
    int width;
    if (cp <= 0xFF) {
      put('x');
      width = 2;
    } else if (cp <= 0xFFFF) {
      put('u');
      width = 4;
    } else {
      put('U');
      width = 8;
    }
    String hex = Integer.toHexString(cp).toUpperCase();
    for (int i = hex.length(); i < width; i++) {
      put('0');
    }
    raw(hex);
  }

  private void writeLiteral(String s, int indent) {
    put('|');
    char last = s.charAt(s.length() - 1);
    if (s.charAt(0) == ' ' || isBreak(s.charAt(0))) {
      put('2');
    }
    if (!isBreak(last)) {
      put('-');
    } else if (s.length() == 1 || isBreak(s.charAt(s.length() - 2))) {
      put('+');
    }
    newline();
    boolean breaks = true;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isBreak(cp)) {
        newline();
        breaks = true;
      } else {
        if (breaks) {
          for (int k = 0; k < indent; k++) {
            put(' ');
          }
          breaks = false;
        }
        putCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
  }

  /** Breaks the line and indents, as go-yaml's write_indent does when folding. */
  private void indent(int indent) {
    newline();
    for (int i = 0; i < indent; i++) {
      put(' ');
    }
  }

  // ---- low level ----

  private void put(char c) {
    out.append(c);
    column++;
  }

  private void putCodePoint(int cp) {
    out.appendCodePoint(cp);
    column++;
  }

  private void raw(String s) {
    out.append(s);
    column += s.codePointCount(0, s.length());
  }

  private void newline() {
    out.append('\n');
    column = 0;
  }

  /** Formats like Go's strconv.FormatFloat(f, 'g', -1, 64) with YAML's names for specials. */
  static String formatFloat(double d) {
    return formatFloat(d, 6);
  }

  /** Formats like Go's {@code fmt.Print} of a float64 ({@code %v}: exponent from 1e21). */
  public static String formatFloatForPrint(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    return formatFloat(d, 21);
  }

  private static String formatFloat(double d, int exponentThreshold) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= exponentThreshold) {
      String digits = bd.unscaledValue().abs().toString();
      StringBuilder sb = new StringBuilder();
      if (d < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        sb.append('0');
      }
      sb.append(a);
      return sb.toString();
    }
    return bd.toPlainString();
  }

  private static int compareKeys(String a, String b) {
    int[] ar = a.codePoints().toArray();
    int[] br = b.codePoints().toArray();
    for (int i = 0; i < ar.length && i < br.length; i++) {
      if (ar[i] == br[i]) {
        continue;
      }
      boolean al = Character.isLetter(ar[i]);
      boolean bl = Character.isLetter(br[i]);
      if (al && bl) {
        return Integer.compare(ar[i], br[i]);
      }
      if (al || bl) {
        return bl ? -1 : 1;
      }
      long an = 0;
      long bn = 0;
      if (ar[i] == '0' || br[i] == '0') {
        for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
          if (ar[j] != '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      int ai = i;
      while (ai < ar.length && Character.isDigit(ar[ai])) {
        an = an * 10 + (ar[ai] - '0');
        ai++;
      }
      int bi = i;
      while (bi < br.length && Character.isDigit(br[bi])) {
        bn = bn * 10 + (br[bi] - '0');
        bi++;
      }
      if (an != bn) {
        return an < bn ? -1 : 1;
      }
      if (ai != bi) {
        return ai < bi ? -1 : 1;
      }
      return Integer.compare(ar[i], br[i]);
    }
    return Integer.compare(ar.length, br.length);
  }
}
