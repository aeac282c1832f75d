package dev.kc.controlplane.kubelet.sim;

import java.util.List;
import java.util.Set;

/**
 * {@code test} and {@code [}: the POSIX rules by argument count, then a recursive-descent parser
 * with {@code !}, {@code -a}, {@code -o} and parentheses for longer expressions. The unary and
 * binary operators are shared with {@code [[ ]]}.
 */
final class TestExpr {
  /** A usage error; the message follows {@code test: } or {@code [: }. */
  static final class TestError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TestError(String message) {
      super(message);
    }
  }

  static final Set<String> UNARY =
      Set.of(
          "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-L", "-n", "-p", "-r", "-s", "-S", "-t",
          "-u", "-w", "-x", "-z", "-O", "-G", "-N");
  static final Set<String> BINARY =
      Set.of(
          "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">", "-nt", "-ot", "-ef");

  private final List<String> args;
  private final InMemoryFs fs;
  private final String cwd;
  private int pos;

  private TestExpr(List<String> args, InMemoryFs fs, String cwd) {
    this.args = args;
    this.fs = fs;
    this.cwd = cwd;
  }

  /**
   * Evaluates {@code args} (without the command name or the closing {@code ]}).
   *
   * @throws TestError for malformed expressions and non-numbers given to {@code -eq} and so on
   */
  static boolean evaluate(List<String> args, InMemoryFs fs, String cwd) {
    TestExpr t = new TestExpr(args, fs, cwd);
    switch (args.size()) {
      case 0:
        return false;
      case 1:
        return !args.get(0).isEmpty();
      case 2:
        if (args.get(0).equals("!")) {
          return args.get(1).isEmpty();
        }
        if (UNARY.contains(args.get(0))) {
          return unary(args.get(0), args.get(1), fs, cwd);
        }
        throw new TestError(args.get(0) + ": unary operator expected");
      case 3:
        if (BINARY.contains(args.get(1)) || args.get(1).equals("-a") || args.get(1).equals("-o")) {
          return t.parse();
        }
        if (args.get(0).equals("!")) {
          return !evaluate(args.subList(1, 3), fs, cwd);
        }
        if (args.get(0).equals("(") && args.get(2).equals(")")) {
          return !args.get(1).isEmpty();
        }
        break;
      case 4:
        if (args.get(0).equals("!")) {
          return !evaluate(args.subList(1, 4), fs, cwd);
        }
        break;
      default:
        break;
    }
    return t.parse();
  }

  private boolean parse() {
    boolean v = or();
    if (pos < args.size()) {
      throw new TestError("extra argument '" + args.get(pos) + "'");
    }
    return v;
  }

  private boolean or() {
    boolean v = and();
    while (pos < args.size() && args.get(pos).equals("-o")) {
      pos++;
      v = and() || v;
    }
    return v;
  }

  private boolean and() {
    boolean v = not();
    while (pos < args.size() && args.get(pos).equals("-a")) {
      pos++;
      v = not() && v;
    }
    return v;
  }

  private boolean not() {
    if (pos < args.size() && args.get(pos).equals("!")) {
      pos++;
      return !not();
    }
    return primary();
  }

  private boolean primary() {
    if (pos >= args.size()) {
      throw new TestError("argument expected");
    }
    String a = args.get(pos);
    if (a.equals("(")) {
      pos++;
      boolean v = or();
      if (pos >= args.size() || !args.get(pos).equals(")")) {
        throw new TestError("')' expected");
      }
      pos++;
      return v;
    }
    if (pos + 2 < args.size() && BINARY.contains(args.get(pos + 1))) {
      pos += 3;
      return binary(args.get(pos - 2), a, args.get(pos - 1), fs, cwd);
    }
    if (UNARY.contains(a) && pos + 1 < args.size()) {
      pos += 2;
      return unary(a, args.get(pos - 1), fs, cwd);
    }
    pos++;
    return !a.isEmpty();
  }

  /** A unary test such as {@code -f path} or {@code -z string}. */
  static boolean unary(String op, String operand, InMemoryFs fs, String cwd) {
    String path = operand.isEmpty() ? null : InMemoryFs.resolve(cwd, operand);
    switch (op) {
      case "-z":
        return operand.isEmpty();
      case "-n":
        return !operand.isEmpty();
      case "-e":
      case "-r":
      case "-x":
        return path != null && fs.exists(path);
      case "-f":
        return path != null && fs.isFile(path);
      case "-d":
        return path != null && fs.isDirectory(path);
      case "-c":
        return path != null && fs.isDevice(path);
      case "-s":
        return path != null && fs.isFile(path) && fs.size(path) > 0;
      case "-w":
        return path != null && fs.exists(path) && !fs.isReadOnly(path);
      default:
        // Symlinks, pipes, sockets, terminals, set-id bits and owners are not simulated.
        return false;
    }
  }

  /** A binary test such as {@code a = b} or {@code 3 -lt 4}. */
  static boolean binary(String op, String a, String b, InMemoryFs fs, String cwd) {
    switch (op) {
      case "=":
      case "==":
        return a.equals(b);
      case "!=":
        return !a.equals(b);
      case "<":
        return a.compareTo(b) < 0;
      case ">":
        return a.compareTo(b) > 0;
      case "-nt":
      case "-ot":
        return false;
      case "-ef":
        return InMemoryFs.resolve(cwd, a).equals(InMemoryFs.resolve(cwd, b)) && fs.exists(a);
      default:
        long x = integer(a);
        long y = integer(b);
        return switch (op) {
          case "-eq" -> x == y;
          case "-ne" -> x != y;
          case "-lt" -> x < y;
          case "-le" -> x <= y;
          case "-gt" -> x > y;
          default -> x >= y;
        };
    }
  }

  /** Parses an integer operand, allowing surrounding blanks, as coreutils does. */
  static long integer(String s) {
    String t = s.strip();
    try {
      return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      throw new TestError("Illegal number: " + s);
    }
  }
}
