package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.Ast.Arith;
import dev.kc.controlplane.kubelet.sim.Ast.CmdSub;
import dev.kc.controlplane.kubelet.sim.Ast.Dq;
import dev.kc.controlplane.kubelet.sim.Ast.Lit;
import dev.kc.controlplane.kubelet.sim.Ast.Param;
import dev.kc.controlplane.kubelet.sim.Ast.Part;
import dev.kc.controlplane.kubelet.sim.Ast.Quoted;
import dev.kc.controlplane.kubelet.sim.Ast.Tilde;
import dev.kc.controlplane.kubelet.sim.Ast.Word;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Word expansion for one command: tilde, parameters, command substitution, arithmetic, field
 * splitting, pathname expansion and quote removal, in POSIX order.
 *
 * <p>Command substitutions run as separate tasks and may take simulated time, so expansion cannot
 * simply call them. Instead it throws {@link NeedSubstitution}; the frame runs the substitution,
 * {@link #remember remembers} its output, and expands again from the start. Results of
 * substitutions and of arithmetic (which may assign, as in {@code $((i+=1))}) are memoized by
 * syntax node, so the replay sees the same values and side effects happen once.
 */
final class Expander {
  /** Expansion must stop until this command substitution has run. */
  static final class NeedSubstitution extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient CmdSub node;

    NeedSubstitution(CmdSub node) {
      super(null, null, false, false);
      this.node = node;
    }
  }

  /** A fatal expansion error; the message follows the {@code sh: LINE: } prefix. */
  static final class ExpansionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The shell's exit status: 2, or bash's 127 for an unbound variable. */
    final int code;

    ExpansionError(String message) {
      this(message, 2);
    }

    ExpansionError(String message, int code) {
      super(message);
      this.code = code;
    }
  }

  private record Sub(String output, int status) {}

  /** A piece of an expanded word: text, and whether it was quoted and may be split. */
  private record Seg(String text, boolean quoted, boolean split) {}

  /** Ends a field: between the elements of {@code "$@"}. */
  private static final Seg BREAK = new Seg("", false, false);

  private static final Set<String> DECLARATIONS =
      Set.of("export", "readonly", "local", "declare", "typeset");

  private final Task task;
  private final Map<Part, Object> memo = new IdentityHashMap<>();
  private CmdSub pendingNode;
  private Task pendingTask;
  private Fd.Capture pendingOutput;
  private int status;
  private boolean substituted;

  Expander(Task task) {
    this.task = task;
    this.status = task.status;
  }

  /**
   * Starts the command substitution that {@link NeedSubstitution} asked for, as a subshell task
   * whose output is captured, and blocks {@code t} until it is done.
   */
  void startSubstitution(Task t, CmdSub node, boolean ignoreErrexit) {
    Shell sh = t.sh.subshell();
    Fd.Capture out = new Fd.Capture();
    sh.fds = sh.fds.with(1, out);
    Task child = t.machine.spawn(sh, new Frames.ListFrame(node.body()), ignoreErrexit);
    pendingNode = node;
    pendingTask = child;
    pendingOutput = out;
    t.block(Wait.on(() -> child.done));
  }

  /**
   * Collects a finished command substitution, or blocks {@code t} on an unfinished one.
   *
   * @return whether expansion can go on
   */
  boolean settle(Task t) {
    if (pendingTask == null) {
      return true;
    }
    Task child = pendingTask;
    if (!child.done) {
      t.block(Wait.on(() -> child.done));
      return false;
    }
    remember(pendingNode, pendingOutput.text(), child.exitCode);
    pendingTask = null;
    pendingNode = null;
    pendingOutput = null;
    return true;
  }

  /** Records the result of a command substitution that {@link NeedSubstitution} asked for. */
  void remember(CmdSub node, String output, int exitCode) {
    int end = output.length();
    while (end > 0 && output.charAt(end - 1) == '\n') {
      end--;
    }
    memo.put(node, new Sub(output.substring(0, end), exitCode));
  }

  /** The status of the last command substitution, or -1 if there was none. */
  int substitutionStatus() {
    return substituted ? status : -1;
  }

  // ---- entry points ----

  /**
   * The fields of a simple command's words. Arguments of {@code export}, {@code local} and the like
   * that look like assignments are not split, as in bash and recent dash.
   */
  List<String> commandFields(List<Word> words) {
    List<String> out = new ArrayList<>();
    boolean declaration = false;
    for (int i = 0; i < words.size(); i++) {
      Word w = words.get(i);
      if (declaration && Parser.isName(assignmentName(w.raw()))) {
        out.add(string(w));
        continue;
      }
      out.addAll(fields(List.of(w)));
      if (i == 0 && out.size() == 1 && DECLARATIONS.contains(out.get(0))) {
        declaration = true;
      }
    }
    return out;
  }

  private static String assignmentName(String raw) {
    int eq = raw.indexOf('=');
    return eq <= 0 ? null : raw.substring(0, raw.charAt(eq - 1) == '+' ? eq - 1 : eq);
  }

  /** Full expansion: fields after splitting and globbing. */
  List<String> fields(List<Word> words) {
    List<String> out = new ArrayList<>();
    for (Word w : words) {
      List<Seg> segs = new ArrayList<>();
      expandParts(w.parts(), Ctx.UNQUOTED, segs);
      split(segs, out);
    }
    return out;
  }

  /** Expansion without splitting or globbing (assignments, redirections, here-documents). */
  String string(Word w) {
    if (w == null) {
      return "";
    }
    List<Seg> segs = new ArrayList<>();
    expandParts(w.parts(), Ctx.UNQUOTED, segs);
    StringBuilder sb = new StringBuilder();
    for (Seg s : segs) {
      sb.append(s == BREAK ? " " : s.text);
    }
    return sb.toString();
  }

  /** Expansion for pattern matching: quoted characters come out backslash-escaped. */
  String pattern(Word w) {
    if (w == null) {
      return "";
    }
    List<Seg> segs = new ArrayList<>();
    expandParts(w.parts(), Ctx.UNQUOTED, segs);
    StringBuilder sb = new StringBuilder();
    for (Seg s : segs) {
      sb.append(s == BREAK ? " " : s.quoted ? Patterns.escape(s.text) : s.text);
    }
    return sb.toString();
  }

  /** Expansion for {@code =~}: quoted characters match literally. */
  String regex(Word w) {
    List<Seg> segs = new ArrayList<>();
    expandParts(w.parts(), Ctx.UNQUOTED, segs);
    StringBuilder sb = new StringBuilder();
    for (Seg s : segs) {
      if (s.quoted) {
        for (char c : s.text.toCharArray()) {
          if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
            sb.append('\\');
          }
          sb.append(c);
        }
      } else {
        sb.append(s.text);
      }
    }
    return sb.toString();
  }

  /** Evaluates an arithmetic expression given as a word (for {@code (( ))} and {@code let}). */
  long arithmetic(Word w) {
    return evaluate(string(w));
  }

  // ---- parts ----

  private enum Ctx {
    UNQUOTED,
    DQ,
    /** The word inside an unquoted {@code ${x:-word}}: its literal text may be split. */
    ARG
  }

  private void expandParts(List<Part> parts, Ctx ctx, List<Seg> out) {
    for (Part p : parts) {
      if (p instanceof Lit l) {
        out.add(new Seg(l.text(), ctx == Ctx.DQ, ctx == Ctx.ARG));
      } else if (p instanceof Quoted q) {
        out.add(new Seg(q.text(), true, false));
      } else if (p instanceof Dq dq) {
        expandDq(dq, out);
      } else if (p instanceof Tilde t) {
        String home = t.user().isEmpty() || t.user().equals("root") ? task.sh.home() : null;
        out.add(new Seg(home != null ? home : "~" + t.user(), true, false));
      } else if (p instanceof Param param) {
        expandParam(param, ctx, out);
      } else if (p instanceof CmdSub c) {
        out.add(new Seg(substitute(c), ctx == Ctx.DQ, ctx != Ctx.DQ));
      } else if (p instanceof Arith a) {
        out.add(new Seg(Long.toString(arith(a)), ctx == Ctx.DQ, ctx != Ctx.DQ));
      }
    }
  }

  private void expandDq(Dq dq, List<Seg> out) {
    boolean onlyAt =
        dq.parts().size() == 1
            && dq.parts().get(0) instanceof Param p
            && p.name().equals("@")
            && p.op() == null;
    if (onlyAt && task.sh.positional.isEmpty()) {
      return; // "$@" with no parameters is no field at all, not an empty one
    }
    out.add(new Seg("", true, false));
    expandParts(dq.parts(), Ctx.DQ, out);
  }

  private String substitute(CmdSub c) {
    Sub s = (Sub) memo.get(c);
    if (s == null && fileToRead(c) != null) {
      s = readFile(fileToRead(c));
      memo.put(c, s);
    }
    if (s == null) {
      throw new NeedSubstitution(c);
    }
    status = s.status;
    substituted = true;
    return s.output;
  }

  /** The file of {@code $(<file)}, bash's shorthand for {@code $(cat file)}, or null. */
  private static Word fileToRead(CmdSub c) {
    if (c.body().items().size() != 1) {
      return null;
    }
    Ast.AndOr andOr = c.body().items().get(0).andOr();
    if (andOr.pipelines().size() != 1 || andOr.pipelines().get(0).commands().size() != 1) {
      return null;
    }
    if (!(andOr.pipelines().get(0).commands().get(0) instanceof Ast.Simple cmd)) {
      return null;
    }
    boolean onlyInput =
        cmd.words().isEmpty()
            && cmd.assigns().isEmpty()
            && cmd.redirs().size() == 1
            && cmd.redirs().get(0).op().equals("<");
    return onlyInput ? cmd.redirs().get(0).target() : null;
  }

  private Sub readFile(Word target) {
    String name = string(target);
    try {
      String text = task.machine.fs().readString(InMemoryFs.resolve(task.sh.cwd, name));
      return new Sub(text.replaceAll("\n+$", ""), 0);
    } catch (FsException e) {
      task.shellError(name + ": " + e.errno().text());
      return new Sub("", 1);
    }
  }

  private long arith(Arith a) {
    Long v = (Long) memo.get(a);
    if (v == null) {
      v = evaluate(string(a.expr()));
      memo.put(a, v);
    }
    return v;
  }

  private long evaluate(String expr) {
    try {
      return Arithmetic.evaluate(expr, arithmeticVars());
    } catch (Arithmetic.ArithmeticError e) {
      throw new ExpansionError(e.getMessage());
    }
  }

  private Arithmetic.Vars arithmeticVars() {
    return new Arithmetic.Vars() {
      @Override
      public String get(String name) {
        return value(name);
      }

      @Override
      public void set(String name, long value) {
        assign(name, Long.toString(value));
      }
    };
  }

  private void assign(String name, String value) {
    if (!Parser.isName(name)) {
      throw new ExpansionError(name + ": cannot assign in this way");
    }
    try {
      task.sh.set(name, value);
    } catch (Shell.ReadonlyException e) {
      throw new ExpansionError(e.getMessage());
    }
  }

  // ---- parameters ----

  /** A parameter's value, or null if unset. */
  String value(String name) {
    Shell sh = task.sh;
    switch (name) {
      case "#":
        return Integer.toString(sh.positional.size());
      case "?":
        return Integer.toString(status);
      case "$":
        return Integer.toString(sh.pid);
      case "!":
        return sh.lastBackgroundPid.isEmpty() ? null : sh.lastBackgroundPid;
      case "-":
        return sh.optionFlags();
      case "0":
        return sh.arg0;
      case "@":
      case "*":
        return sh.positional.isEmpty() ? null : String.join(" ", sh.positional);
      case "LINENO":
        return Integer.toString(sh.line);
      case "RANDOM":
        return Integer.toString(task.machine.random());
      default:
        if (Character.isDigit(name.charAt(0))) {
          int n = Integer.parseInt(name);
          return n <= sh.positional.size() ? sh.positional.get(n - 1) : null;
        }
        return sh.get(name);
    }
  }

  private void expandParam(Param p, Ctx ctx, List<Seg> out) {
    boolean q = ctx == Ctx.DQ;
    String name = p.name();
    if ((name.equals("@") || name.equals("*")) && p.op() == null) {
      expandPositional(name, q, out);
      return;
    }
    String v = value(name);
    String op = p.op();
    if (op == null) {
      if (v == null && task.sh.nounset && !name.equals("!")) {
        throw unset(name);
      }
      emit(v == null ? "" : v, q, out);
      return;
    }
    boolean colon = op.startsWith(":") && op.length() == 2;
    boolean missing = v == null || (colon && v.isEmpty());
    switch (op) {
      case "len" -> emit(Integer.toString(lengthOf(name, v)), q, out);
      case ":-", "-" -> {
        if (missing) {
          expandParts(p.arg().parts(), q ? Ctx.DQ : Ctx.ARG, out);
        } else {
          emit(v, q, out);
        }
      }
      case ":=", "=" -> {
        if (missing) {
          v = string(p.arg());
          assign(name, v);
        }
        emit(v, q, out);
      }
      case ":+", "+" -> {
        if (!missing) {
          expandParts(p.arg().parts(), q ? Ctx.DQ : Ctx.ARG, out);
        }
      }
      case ":?", "?" -> {
        if (missing) {
          String msg = string(p.arg());
          throw new ExpansionError(name + ": " + (msg.isEmpty() ? "parameter not set" : msg));
        }
        emit(v, q, out);
      }
      case "#", "##", "%", "%%" -> emit(removeAffix(v == null ? "" : v, op, p), q, out);
      case "/", "//", "/#", "/%" -> emit(replace(v == null ? "" : v, op, p), q, out);
      case ":" -> emit(substring(v == null ? "" : v, p), q, out);
      case "^^" -> emit(v == null ? "" : v.toUpperCase(Locale.ROOT), q, out);
      case ",," -> emit(v == null ? "" : v.toLowerCase(Locale.ROOT), q, out);
      case "^", "," -> emit(v == null || v.isEmpty() ? "" : caseFirst(v, op.equals("^")), q, out);
      default -> throw new ExpansionError("Bad substitution");
    }
  }

  private static String caseFirst(String v, boolean upper) {
    String first = v.substring(0, 1);
    return (upper ? first.toUpperCase(Locale.ROOT) : first.toLowerCase(Locale.ROOT))
        + v.substring(1);
  }

  /** {@code set -u} tripped: dash's or bash's wording and status. */
  private ExpansionError unset(String name) {
    return task.sh.dialect == Shell.Dialect.BASH
        ? new ExpansionError(name + ": unbound variable", 127)
        : new ExpansionError(name + ": parameter not set");
  }

  private int lengthOf(String name, String v) {
    if (name.equals("@") || name.equals("*")) {
      return task.sh.positional.size();
    }
    if (v == null && task.sh.nounset) {
      throw unset(name);
    }
    return v == null ? 0 : v.length();
  }

  private void expandPositional(String name, boolean q, List<Seg> out) {
    List<String> params = task.sh.positional;
    if (name.equals("*") && q) {
      String ifs = task.sh.get("IFS");
      String sep = ifs == null ? " " : ifs.isEmpty() ? "" : ifs.substring(0, 1);
      out.add(new Seg(String.join(sep, params), true, false));
      return;
    }
    for (int i = 0; i < params.size(); i++) {
      if (i > 0) {
        out.add(BREAK);
      }
      out.add(new Seg(params.get(i), q, !q));
    }
  }

  private static void emit(String text, boolean quoted, List<Seg> out) {
    out.add(new Seg(text, quoted, !quoted));
  }

  private String removeAffix(String v, String op, Param p) {
    String pat = pattern(p.arg());
    boolean prefix = op.startsWith("#");
    boolean longest = op.length() == 2;
    int n = v.length();
    for (int k = 0; k <= n; k++) {
      int len = longest ? n - k : k;
      String piece = prefix ? v.substring(0, len) : v.substring(n - len);
      if (Patterns.matches(pat, piece)) {
        return prefix ? v.substring(len) : v.substring(0, n - len);
      }
    }
    return v;
  }

  private String replace(String v, String op, Param p) {
    String pat = pattern(p.arg());
    String rep = string(p.arg2());
    if (pat.isEmpty()) {
      return v;
    }
    if (op.equals("/#")) {
      int end = longestMatchAt(v, 0, pat);
      return end >= 0 ? rep + v.substring(end) : v;
    }
    if (op.equals("/%")) {
      for (int start = 0; start < v.length(); start++) {
        if (Patterns.matches(pat, v.substring(start))) {
          return v.substring(0, start) + rep;
        }
      }
      return v;
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < v.length()) {
      int end = longestMatchAt(v, i, pat);
      if (end < 0) {
        sb.append(v.charAt(i++));
        continue;
      }
      sb.append(rep);
      i = end;
      if (!op.equals("//")) {
        return sb.append(v.substring(i)).toString();
      }
    }
    return sb.toString();
  }

  /** The end of the longest non-empty match of {@code pat} starting at {@code i}, or -1. */
  private static int longestMatchAt(String v, int i, String pat) {
    for (int end = v.length(); end > i; end--) {
      if (Patterns.matches(pat, v.substring(i, end))) {
        return end;
      }
    }
    return -1;
  }

  private String substring(String v, Param p) {
    long off = evaluate(string(p.arg()));
    int n = v.length();
    int start = (int) (off < 0 ? Math.max(0, n + off) : Math.min(off, n));
    int end = n;
    if (p.arg2() != null) {
      long len = evaluate(string(p.arg2()));
      end = (int) (len < 0 ? Math.max(start, n + len) : Math.min(n, start + len));
    }
    return v.substring(start, end);
  }

  // ---- fields ----

  /** Splits expanded segments into fields on IFS, then expands globs. */
  private void split(List<Seg> segs, List<String> out) {
    String ifs = task.sh.get("IFS");
    if (ifs == null) {
      ifs = " \t\n";
    }
    StringBuilder field = new StringBuilder();
    BitSet quoted = new BitSet();
    boolean have = false;
    for (Seg s : segs) {
      if (s == BREAK) {
        if (have) {
          emitField(field, quoted, out);
        }
        have = false;
        continue;
      }
      if (!s.split) {
        if (s.quoted) {
          quoted.set(field.length(), field.length() + s.text.length());
          have = true;
        }
        have |= !s.text.isEmpty();
        field.append(s.text);
        continue;
      }
      for (char c : s.text.toCharArray()) {
        if (ifs.indexOf(c) < 0) {
          field.append(c);
          have = true;
        } else if (Character.isWhitespace(c)) {
          if (have) {
            emitField(field, quoted, out);
          }
          have = false;
        } else {
          emitField(field, quoted, out);
          have = false;
        }
      }
    }
    if (have) {
      emitField(field, quoted, out);
    }
  }

  private void emitField(StringBuilder field, BitSet quoted, List<String> out) {
    String text = field.toString();
    if (!task.sh.noglob && hasActiveGlob(text, quoted)) {
      StringBuilder pat = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted.get(i) || c == '\\') {
          pat.append(Patterns.escape(String.valueOf(c)));
        } else {
          pat.append(c);
        }
      }
      List<String> matches = Patterns.glob(task.machine.fs(), task.sh.cwd, pat.toString());
      if (!matches.isEmpty()) {
        out.addAll(matches);
        field.setLength(0);
        quoted.clear();
        return;
      }
    }
    out.add(text);
    field.setLength(0);
    quoted.clear();
  }

  /** Whether an unquoted {@code *}, {@code ?} or bracket expression ({@code [...]}) is there. */
  private static boolean hasActiveGlob(String text, BitSet quoted) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted.get(i)) {
        continue;
      }
      if (c == '*' || c == '?') {
        return true;
      }
      // A '[' without a later ']' is literal, as in the command '[' itself.
      if (c == '[' && text.indexOf(']', i + 2) > 0) {
        return true;
      }
    }
    return false;
  }
}
