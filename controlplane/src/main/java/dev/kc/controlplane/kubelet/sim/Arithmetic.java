package dev.kc.controlplane.kubelet.sim;

import java.util.List;

/**
 * Shell arithmetic ({@code $((...))}, {@code (( ))}, {@code let}): 64-bit integers with the C
 * operators, assignments, {@code ++}/{@code --} and bash's {@code **}. A variable whose value is
 * not a number is evaluated as an expression in turn, as bash does; unset or empty is 0.
 */
final class Arithmetic {
  /** Variables as arithmetic sees them. */
  interface Vars {
    String get(String name);

    void set(String name, long value);
  }

  /** A malformed expression or a division by zero; the message is dash's wording. */
  static final class ArithmeticError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ArithmeticError(String message) {
      super(message);
    }
  }

  private static final List<List<String>> LEVELS =
      List.of(
          List.of("||"),
          List.of("&&"),
          List.of("|"),
          List.of("^"),
          List.of("&"),
          List.of("==", "!="),
          List.of("<=", ">=", "<", ">"),
          List.of("<<", ">>"),
          List.of("+", "-"),
          List.of("*", "/", "%"),
          List.of("**"));
  private static final List<String> ASSIGNMENTS =
      List.of("<<=", ">>=", "**=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "=");

  private final String src;
  private final Vars vars;
  private final int depth;
  private int pos;

  private Arithmetic(String src, Vars vars, int depth) {
    this.src = src;
    this.vars = vars;
    this.depth = depth;
  }

  /**
   * Evaluates {@code expr}.
   *
   * @throws ArithmeticError on a syntax error, a division by zero or a negative exponent
   */
  static long evaluate(String expr, Vars vars) {
    return evaluate(expr, vars, 0);
  }

  private static long evaluate(String expr, Vars vars, int depth) {
    if (depth > 32) {
      throw new ArithmeticError("arithmetic expression: expression recursion level exceeded");
    }
    Arithmetic a = new Arithmetic(expr, vars, depth);
    a.skipSpace();
    if (a.pos >= expr.length()) {
      return 0;
    }
    long v = a.comma(true);
    a.skipSpace();
    if (a.pos < expr.length()) {
      throw a.error("expecting EOF");
    }
    return v;
  }

  private long comma(boolean eval) {
    long v = assignment(eval);
    while (accept(",")) {
      v = assignment(eval);
    }
    return v;
  }

  private long assignment(boolean eval) {
    int save = pos;
    String name = identifier();
    if (name != null) {
      skipSpace();
      for (String op : ASSIGNMENTS) {
        if (src.startsWith(op, pos) && !(op.equals("=") && src.startsWith("==", pos))) {
          pos += op.length();
          long rhs = assignment(eval);
          long result =
              op.equals("=")
                  ? rhs
                  : apply(op.substring(0, op.length() - 1), var(name, eval), rhs, eval);
          if (eval) {
            vars.set(name, result);
          }
          return result;
        }
      }
    }
    pos = save;
    return ternary(eval);
  }

  private long ternary(boolean eval) {
    long c = binary(0, eval);
    if (!accept("?")) {
      return c;
    }
    long a = assignment(eval && c != 0);
    if (!accept(":")) {
      throw error("expecting ':'");
    }
    long b = assignment(eval && c == 0);
    return c != 0 ? a : b;
  }

  private long binary(int level, boolean eval) {
    if (level >= LEVELS.size()) {
      return unary(eval);
    }
    long left = binary(level + 1, eval);
    while (true) {
      String op = binaryOp(level);
      if (op == null) {
        return left;
      }
      pos += op.length();
      if (op.equals("&&")) {
        long right = binary(level + 1, eval && left != 0);
        left = left != 0 && right != 0 ? 1 : 0;
      } else if (op.equals("||")) {
        long right = binary(level + 1, eval && left == 0);
        left = left != 0 || right != 0 ? 1 : 0;
      } else if (op.equals("**")) {
        return apply(op, left, binary(level, eval), eval);
      } else {
        left = apply(op, left, binary(level + 1, eval), eval);
      }
    }
  }

  /** The operator of {@code level} at the cursor, if it is not part of a longer operator. */
  private String binaryOp(int level) {
    skipSpace();
    for (String op : LEVELS.get(level)) {
      if (!src.startsWith(op, pos)) {
        continue;
      }
      int after = pos + op.length();
      char next = after < src.length() ? src.charAt(after) : 0;
      boolean longer =
          (op.equals("|") && next == '|')
              || (op.equals("&") && next == '&')
              || (op.equals("*") && next == '*')
              || ((op.equals("<") || op.equals(">")) && (next == op.charAt(0)))
              || (next == '=' && !op.equals("==") && !op.equals("!=") && !op.endsWith("="));
      if (!longer) {
        return op;
      }
    }
    return null;
  }

  private long unary(boolean eval) {
    skipSpace();
    if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
      int save = pos;
      boolean inc = src.charAt(pos) == '+';
      pos += 2;
      skipSpace();
      String name = identifier();
      if (name != null) {
        long v = var(name, eval) + (inc ? 1 : -1);
        if (eval) {
          vars.set(name, v);
        }
        return v;
      }
      pos = save;
    }
    if (accept("!")) {
      return unary(eval) == 0 ? 1 : 0;
    }
    if (accept("~")) {
      return ~unary(eval);
    }
    if (accept("-")) {
      return -unary(eval);
    }
    if (accept("+")) {
      return unary(eval);
    }
    return postfix(eval);
  }

  private long postfix(boolean eval) {
    skipSpace();
    String name = identifier();
    if (name == null) {
      return primary(eval);
    }
    long v = var(name, eval);
    skipSpace();
    if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
      boolean inc = src.charAt(pos) == '+';
      pos += 2;
      if (eval) {
        vars.set(name, v + (inc ? 1 : -1));
      }
    }
    return v;
  }

  private long primary(boolean eval) {
    skipSpace();
    if (accept("(")) {
      long v = comma(eval);
      if (!accept(")")) {
        throw error("expecting ')'");
      }
      return v;
    }
    int start = pos;
    while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expecting primary");
    }
    return number(src.substring(start, pos));
  }

  private long number(String text) {
    try {
      if (text.startsWith("0x") || text.startsWith("0X")) {
        return Long.parseUnsignedLong(text.substring(2), 16);
      }
      if (text.length() > 1 && text.startsWith("0")) {
        return Long.parseLong(text.substring(1), 8);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error("expecting primary");
    }
  }

  private long var(String name, boolean eval) {
    if (!eval) {
      return 0;
    }
    String v = vars.get(name);
    if (v == null || v.isBlank()) {
      return 0;
    }
    String t = v.trim();
    if (t.matches("-?[0-9]+")) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw error("number out of range");
      }
    }
    return evaluate(t, vars, depth + 1);
  }

  private long apply(String op, long a, long b, boolean eval) {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
      case "%":
        if (b == 0) {
          if (!eval) {
            return 0;
          }
          throw new ArithmeticError("arithmetic expression: division by zero: \"" + src + "\"");
        }
        return op.equals("/") ? a / b : a % b;
      case "**":
        if (b < 0) {
          throw new ArithmeticError("arithmetic expression: exponent less than 0: \"" + src + "\"");
        }
        long r = 1;
        for (long i = 0; i < b; i++) {
          r *= a;
        }
        return r;
      case "<<":
        return a << b;
      case ">>":
        return a >> b;
      case "&":
        return a & b;
      case "|":
        return a | b;
      case "^":
        return a ^ b;
      case "==":
        return a == b ? 1 : 0;
      case "!=":
        return a != b ? 1 : 0;
      case "<":
        return a < b ? 1 : 0;
      case "<=":
        return a <= b ? 1 : 0;
      case ">":
        return a > b ? 1 : 0;
      case ">=":
        return a >= b ? 1 : 0;
      default:
        throw error("unknown operator " + op);
    }
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return src.substring(start, pos);
    }
    return null;
  }

  private boolean accept(String s) {
    skipSpace();
    if (src.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private ArithmeticError error(String what) {
    return new ArithmeticError("arithmetic expression: " + what + ": \"" + src + "\"");
  }
}
