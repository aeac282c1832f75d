package dev.kc.controlplane.kubelet.sim;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code expr}: integer arithmetic, comparisons, {@code |}, {@code &}, {@code :} (anchored basic
 * regex), {@code length}, {@code substr}, {@code index}, {@code match}. Exit status 0 when the
 * result is neither empty nor 0, 1 when it is, 2 on errors.
 */
final class Expr {
  private static final class ExprError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExprError(String message) {
      super(message);
    }
  }

  private final List<String> tokens;
  private int pos;

  private Expr(List<String> tokens) {
    this.tokens = tokens;
  }

  static int run(Invocation inv) {
    if (inv.args().isEmpty()) {
      inv.complain("missing operand");
      return 2;
    }
    Expr e = new Expr(inv.args());
    String result;
    try {
      result = e.or();
      if (e.pos < e.tokens.size()) {
        throw new ExprError("syntax error: unexpected argument '" + e.tokens.get(e.pos) + "'");
      }
    } catch (ExprError err) {
      inv.complain(err.getMessage());
      return 2;
    }
    inv.out(result + "\n");
    return isNull(result) ? 1 : 0;
  }

  private static boolean isNull(String v) {
    return v.isEmpty() || v.matches("-?0+");
  }

  private boolean at(String op) {
    if (pos < tokens.size() && tokens.get(pos).equals(op)) {
      pos++;
      return true;
    }
    return false;
  }

  private String or() {
    String l = and();
    while (at("|")) {
      String r = and();
      l = isNull(l) ? (isNull(r) ? "0" : r) : l;
    }
    return l;
  }

  private String and() {
    String l = comparison();
    while (at("&")) {
      String r = comparison();
      l = isNull(l) || isNull(r) ? "0" : l;
    }
    return l;
  }

  private String comparison() {
    String l = additive();
    while (true) {
      String op = pos < tokens.size() ? tokens.get(pos) : "";
      if (!List.of("=", "==", "!=", "<", "<=", ">", ">=").contains(op)) {
        return l;
      }
      pos++;
      String r = additive();
      int c =
          isInteger(l) && isInteger(r)
              ? Long.compare(Long.parseLong(l), Long.parseLong(r))
              : l.compareTo(r);
      boolean v =
          switch (op) {
            case "=", "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
          };
      l = v ? "1" : "0";
    }
  }

  private String additive() {
    String l = multiplicative();
    while (true) {
      if (at("+")) {
        l = Long.toString(integer(l) + integer(multiplicative()));
      } else if (at("-")) {
        l = Long.toString(integer(l) - integer(multiplicative()));
      } else {
        return l;
      }
    }
  }

  private String multiplicative() {
    String l = match();
    while (true) {
      String op = pos < tokens.size() ? tokens.get(pos) : "";
      if (!op.equals("*") && !op.equals("/") && !op.equals("%")) {
        return l;
      }
      pos++;
      long a = integer(l);
      long b = integer(match());
      if (!op.equals("*") && b == 0) {
        throw new ExprError("division by zero");
      }
      l = Long.toString(op.equals("*") ? a * b : op.equals("/") ? a / b : a % b);
    }
  }

  private String match() {
    String l = primary();
    while (at(":")) {
      l = regexMatch(l, primary());
    }
    return l;
  }

  private String primary() {
    if (pos >= tokens.size()) {
      throw new ExprError("syntax error: missing argument after '" + tokens.get(pos - 1) + "'");
    }
    String t = tokens.get(pos++);
    switch (t) {
      case "(":
        String v = or();
        if (!at(")")) {
          throw new ExprError("syntax error: expecting ')'");
        }
        return v;
      case "length":
        return Integer.toString(primary().length());
      case "match":
        return regexMatch(primary(), primary());
      case "substr":
        {
          String s = primary();
          long p = integer(primary());
          long n = integer(primary());
          if (p < 1 || n < 1 || p > s.length()) {
            return "";
          }
          return s.substring((int) p - 1, (int) Math.min(s.length(), p - 1 + n));
        }
      case "index":
        {
          String s = primary();
          String chars = primary();
          for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
              return Integer.toString(i + 1);
            }
          }
          return "0";
        }
      case "+":
        return tokens.get(pos++);
      default:
        return t;
    }
  }

  private static String regexMatch(String s, String re) {
    Matcher m = Pattern.compile(TextUtilities.basicRegex(re)).matcher(s);
    if (!m.lookingAt()) {
      return m.groupCount() > 0 ? "" : "0";
    }
    return m.groupCount() > 0 ? (m.group(1) == null ? "" : m.group(1)) : Integer.toString(m.end());
  }

  private static boolean isInteger(String s) {
    return s.matches("-?[0-9]+");
  }

  private static long integer(String s) {
    if (!isInteger(s)) {
      throw new ExprError("non-integer argument");
    }
    return Long.parseLong(s);
  }
}
