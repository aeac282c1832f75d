package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.Ast.AndOr;
import dev.kc.controlplane.kubelet.sim.Ast.ArithCmd;
import dev.kc.controlplane.kubelet.sim.Ast.Brace;
import dev.kc.controlplane.kubelet.sim.Ast.Case;
import dev.kc.controlplane.kubelet.sim.Ast.CaseItem;
import dev.kc.controlplane.kubelet.sim.Ast.Command;
import dev.kc.controlplane.kubelet.sim.Ast.Cond;
import dev.kc.controlplane.kubelet.sim.Ast.CondAnd;
import dev.kc.controlplane.kubelet.sim.Ast.CondBinary;
import dev.kc.controlplane.kubelet.sim.Ast.CondExpr;
import dev.kc.controlplane.kubelet.sim.Ast.CondNot;
import dev.kc.controlplane.kubelet.sim.Ast.CondOr;
import dev.kc.controlplane.kubelet.sim.Ast.CondUnary;
import dev.kc.controlplane.kubelet.sim.Ast.CondWord;
import dev.kc.controlplane.kubelet.sim.Ast.For;
import dev.kc.controlplane.kubelet.sim.Ast.FuncDef;
import dev.kc.controlplane.kubelet.sim.Ast.If;
import dev.kc.controlplane.kubelet.sim.Ast.Item;
import dev.kc.controlplane.kubelet.sim.Ast.ListNode;
import dev.kc.controlplane.kubelet.sim.Ast.Loop;
import dev.kc.controlplane.kubelet.sim.Ast.Pipeline;
import dev.kc.controlplane.kubelet.sim.Ast.Redir;
import dev.kc.controlplane.kubelet.sim.Ast.Simple;
import dev.kc.controlplane.kubelet.sim.Ast.Subshell;
import dev.kc.controlplane.kubelet.sim.Frame.Unwind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The frames for everything but simple commands (see {@link CommandFrame}). */
final class Frames {
  private Frames() {}

  /** The frame that runs {@code c}, wrapped in its redirections if it has any. */
  static Frame of(Command c) {
    if (c instanceof Simple s) {
      return new CommandFrame(s);
    }
    if (c instanceof FuncDef f) {
      return new Define(f);
    }
    List<Redir> redirs;
    Frame inner;
    if (c instanceof Brace b) {
      redirs = b.redirs();
      inner = new ListFrame(b.body());
    } else if (c instanceof Subshell s) {
      redirs = s.redirs();
      inner =
          new ChildTask((t, ign) -> t.machine.spawn(t.sh.subshell(), new ListFrame(s.body()), ign));
    } else if (c instanceof If i) {
      redirs = i.redirs();
      inner = new IfFrame(i);
    } else if (c instanceof Loop l) {
      redirs = l.redirs();
      inner = new LoopFrame(l);
    } else if (c instanceof For f) {
      redirs = f.redirs();
      inner = new ForFrame(f);
    } else if (c instanceof Case k) {
      redirs = k.redirs();
      inner = new CaseFrame(k);
    } else if (c instanceof Cond k) {
      redirs = k.redirs();
      inner = new CondFrame(k);
    } else {
      ArithCmd a = (ArithCmd) c;
      redirs = a.redirs();
      inner = new ArithFrame(a);
    }
    return redirs.isEmpty() ? inner : new Redirected(redirs, inner);
  }

  /**
   * Runs an expansion for {@code f}, first running any command substitution it needs.
   *
   * @return the result, or null if the task now waits for a substitution or was unwound by a fatal
   *     expansion error; either way the caller returns and is stepped again later
   */
  static <T> T expand(Task t, Frame f, Expander x, Supplier<T> body) {
    if (!x.settle(t)) {
      return null;
    }
    try {
      return body.get();
    } catch (Expander.NeedSubstitution e) {
      x.startSubstitution(t, e.node, f.ignoreErrexit);
      return null;
    } catch (Expander.ExpansionError e) {
      t.fatal(e.getMessage(), e.code);
      return null;
    }
  }

  /** {@code name() { ... }}: defines the function. */
  static final class Define extends Frame {
    private final FuncDef def;

    Define(FuncDef def) {
      this.def = def;
    }

    @Override
    void step(Task t) {
      t.sh.functions.put(def.name(), def);
      t.ret(0);
    }
  }

  /** A compound command's redirections, applied around it. */
  static final class Redirected extends Frame {
    private final List<Redir> redirs;
    private final Frame inner;
    private Expander x;
    private Fds saved;

    Redirected(List<Redir> redirs, Frame inner) {
      this.redirs = redirs;
      this.inner = inner;
    }

    @Override
    void step(Task t) {
      if (saved != null) {
        t.ret(t.status);
        return;
      }
      if (x == null) {
        x = new Expander(t);
      }
      List<String> targets = expand(t, this, x, () -> Redirections.expandTargets(x, redirs));
      if (targets == null) {
        return;
      }
      Fds before = t.sh.fds;
      try {
        t.sh.fds = Redirections.apply(t, redirs, targets);
      } catch (Redirections.RedirectionError e) {
        t.shellError(e.getMessage());
        t.ret(Redirections.failureStatus(t));
        return;
      }
      saved = before;
      t.push(inner);
    }

    @Override
    void leave(Task t) {
      if (saved != null) {
        t.sh.fds = saved;
      }
    }
  }

  /** A parsed script run one complete command at a time: the main script, eval, ., traps. */
  static final class Script extends Frame {
    private final String text;
    private final Parser parser;
    private final boolean exitOnSyntaxError;
    private final boolean sourced;
    private final boolean commandString;
    private boolean running;
    private int last;
    private List<String> savedPositional;

    /**
     * @param exitOnSyntaxError whether a syntax error ends the shell (scripts) or only this frame
     *     with status 2 ({@code eval})
     * @param sourced whether {@code return} ends this frame ({@code .} files)
     * @param commandString whether the text came from {@code -c}, for bash's messages
     */
    Script(String text, boolean exitOnSyntaxError, boolean sourced, boolean commandString) {
      this.text = text;
      this.parser = new Parser(text);
      this.exitOnSyntaxError = exitOnSyntaxError;
      this.sourced = sourced;
      this.commandString = commandString;
    }

    @Override
    void step(Task t) {
      if (running) {
        last = t.status;
        running = false;
      }
      ListNode next;
      try {
        next = parser.next();
      } catch (SyntaxError e) {
        reportSyntaxError(t, e);
        if (exitOnSyntaxError) {
          t.unwind(Unwind.exit(2));
        } else {
          t.ret(2);
        }
        return;
      }
      if (next == null) {
        t.ret(last);
        return;
      }
      running = true;
      t.push(new ListFrame(next));
    }

    private void reportSyntaxError(Task t, SyntaxError e) {
      Shell sh = t.sh;
      if (sh.dialect == Shell.Dialect.BASH) {
        String where = sh.arg0 + ": " + (commandString ? "-c: line " : "line ") + e.line + ": ";
        t.err(where + e.bashMessage() + "\n");
        if (e.kind == SyntaxError.Kind.UNEXPECTED && e.token != null) {
          t.err(where + "`" + sourceLine(e.line) + "'\n");
        }
      } else {
        t.err(sh.arg0 + ": " + e.line + ": " + e.dashMessage() + "\n");
      }
    }

    private String sourceLine(int line) {
      String[] lines = text.split("\n", -1);
      return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }

    @Override
    Unwind handle(Task t, Unwind u) {
      if (sourced && u.kind() == Unwind.Kind.RETURN) {
        t.status = u.n();
        return Unwind.STOP_POP;
      }
      return u;
    }

    /** Gives a sourced file its own positional parameters ({@code . file args}) until it ends. */
    void withPositional(Shell sh, List<String> args) {
      savedPositional = sh.positional;
      sh.positional = new ArrayList<>(args);
    }

    @Override
    void leave(Task t) {
      if (sourced) {
        t.sh.sourceDepth--;
      }
      if (savedPositional != null) {
        t.sh.positional = savedPositional;
      }
    }
  }

  /** {@code a; b & c}: runs the items in order, starting background ones as tasks. */
  static final class ListFrame extends Frame {
    private final ListNode list;
    private int next;

    ListFrame(ListNode list) {
      this.list = list;
    }

    @Override
    void step(Task t) {
      if (next >= list.items().size()) {
        t.ret(list.items().isEmpty() ? 0 : t.status);
        return;
      }
      Item item = list.items().get(next++);
      if (!item.background()) {
        t.push(new AndOrFrame(item.andOr()));
        return;
      }
      // Background jobs of a non-interactive shell read from /dev/null (POSIX 2.9.3).
      Shell sh = t.sh.subshell();
      sh.fds = sh.fds.with(0, Fd.NULL);
      Task job = t.machine.spawn(sh, new AndOrFrame(item.andOr()), ignoreErrexit);
      t.jobs.add(job);
      t.sh.lastBackgroundPid = Integer.toString(job.pid);
      t.status = 0;
    }
  }

  /** {@code a && b || c}. */
  static final class AndOrFrame extends Frame {
    private final AndOr andOr;
    private int current = -1;

    AndOrFrame(AndOr andOr) {
      this.andOr = andOr;
    }

    @Override
    void step(Task t) {
      int n = andOr.pipelines().size();
      if (current < 0) {
        run(t, 0);
        return;
      }
      int s = t.status;
      int next = current + 1;
      while (next < n) {
        String op = andOr.ops().get(next - 1);
        if (op.equals("&&") == (s == 0)) {
          break;
        }
        next++;
      }
      if (next >= n) {
        t.ret(s);
        return;
      }
      run(t, next);
    }

    private void run(Task t, int i) {
      current = i;
      Frame f = new PipelineFrame(andOr.pipelines().get(i));
      if (i < andOr.pipelines().size() - 1) {
        t.pushCondition(f);
      } else {
        t.push(f);
      }
    }
  }

  /** {@code [!] a | b | c}: one command runs in place; more run as tasks joined by pipes. */
  static final class PipelineFrame extends Frame {
    private final Pipeline pipeline;
    private List<Task> stages;
    private boolean started;

    PipelineFrame(Pipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    void step(Task t) {
      List<Command> commands = pipeline.commands();
      if (!started) {
        started = true;
        if (commands.size() == 1) {
          Frame f = of(commands.get(0));
          if (pipeline.bang()) {
            t.pushCondition(f);
          } else {
            t.push(f);
          }
        } else {
          stages = startStages(t);
          t.block(Wait.on(this::isDone));
        }
        return;
      }
      if (stages == null) {
        finish(t, t.status);
        return;
      }
      if (!isDone()) {
        t.block(Wait.on(this::isDone));
        return;
      }
      int s = stages.get(stages.size() - 1).exitCode;
      if (t.sh.pipefail) {
        for (Task stage : stages) {
          if (stage.exitCode != 0) {
            s = stage.exitCode;
          }
        }
      }
      finish(t, s);
    }

    private List<Task> startStages(Task t) {
      List<Command> commands = pipeline.commands();
      List<Task> started = new ArrayList<>();
      Fd in = t.fd(0);
      for (int i = 0; i < commands.size(); i++) {
        Shell sh = t.sh.subshell();
        sh.fds = sh.fds.with(0, in);
        if (i < commands.size() - 1) {
          Pipe pipe = new Pipe();
          sh.fds = sh.fds.with(1, new Fd.PipeEnd(pipe, true));
          if (pipeline.stderrToo().get(i)) {
            sh.fds = sh.fds.with(2, new Fd.PipeEnd(pipe, true));
          }
          in = new Fd.PipeEnd(pipe, false);
        }
        started.add(t.machine.spawn(sh, of(commands.get(i)), ignoreErrexit || pipeline.bang()));
      }
      return started;
    }

    private boolean isDone() {
      return stages.stream().allMatch(s -> s.done);
    }

    private void finish(Task t, int s) {
      if (pipeline.bang()) {
        t.ret(s == 0 ? 1 : 0);
        return;
      }
      if (s != 0 && t.sh.errexit && !ignoreErrexit && triggersErrexit()) {
        t.status = s;
        t.unwind(Unwind.exit(s));
        return;
      }
      t.ret(s);
    }

    /** Whether a failure here ends a {@code set -e} shell: compound commands never do. */
    private boolean triggersErrexit() {
      Command c = pipeline.commands().get(0);
      return pipeline.commands().size() > 1
          || c instanceof Simple
          || c instanceof Subshell
          || c instanceof Cond
          || c instanceof ArithCmd;
    }
  }

  /** Waits for a task started by {@code starter} and returns its exit code. */
  static final class ChildTask extends Frame {
    private final BiFunction<Task, Boolean, Task> starter;
    private Task child;

    /** {@code starter} gets the waiting task and whether {@code set -e} is ignored here. */
    ChildTask(BiFunction<Task, Boolean, Task> starter) {
      this.starter = starter;
    }

    @Override
    void step(Task t) {
      if (child == null) {
        child = starter.apply(t, ignoreErrexit);
      }
      if (!child.done) {
        t.block(Wait.on(() -> child.done));
        return;
      }
      t.ret(child.exitCode);
    }
  }

  /** {@code if ...; then ...; elif ...; else ...; fi}. */
  static final class IfFrame extends Frame {
    private final If node;
    private int branch;
    private boolean inBody;
    private boolean started;

    IfFrame(If node) {
      this.node = node;
    }

    @Override
    void step(Task t) {
      if (!started) {
        started = true;
        t.pushCondition(new ListFrame(node.conds().get(0)));
        return;
      }
      if (inBody) {
        t.ret(t.status);
        return;
      }
      if (t.status == 0) {
        inBody = true;
        t.push(new ListFrame(node.bodies().get(branch)));
        return;
      }
      branch++;
      if (branch < node.conds().size()) {
        t.pushCondition(new ListFrame(node.conds().get(branch)));
      } else if (node.elseBody() != null) {
        inBody = true;
        t.push(new ListFrame(node.elseBody()));
      } else {
        t.ret(0);
      }
    }
  }

  /** What loops do with {@code break n} and {@code continue n}. */
  abstract static class LoopBase extends Frame {
    /** Set by {@code continue}: go to the next iteration. */
    boolean next;

    @Override
    Unwind handle(Task t, Unwind u) {
      if (u.kind() == Unwind.Kind.BREAK) {
        if (u.n() > 1) {
          return new Unwind(Unwind.Kind.BREAK, u.n() - 1);
        }
        t.status = 0;
        return Unwind.STOP_POP;
      }
      if (u.kind() == Unwind.Kind.CONTINUE) {
        if (u.n() > 1) {
          return new Unwind(Unwind.Kind.CONTINUE, u.n() - 1);
        }
        next = true;
        return null;
      }
      return u;
    }
  }

  /** {@code while}/{@code until}. */
  static final class LoopFrame extends LoopBase {
    private final Loop loop;
    private boolean inBody;
    private int lastBody;

    LoopFrame(Loop loop) {
      this.loop = loop;
      this.next = true;
    }

    @Override
    void step(Task t) {
      if (next) {
        next = false;
        inBody = false;
        t.pushCondition(new ListFrame(loop.cond()));
        return;
      }
      if (inBody) {
        lastBody = t.status;
        next = true;
        step(t);
        return;
      }
      if ((t.status == 0) != loop.until()) {
        inBody = true;
        t.push(new ListFrame(loop.body()));
      } else {
        t.ret(lastBody);
      }
    }
  }

  /** {@code for name in words; do ...; done}. */
  static final class ForFrame extends LoopBase {
    private final For node;
    private Expander x;
    private List<String> values;
    private int index;
    private int lastBody;
    private boolean inBody;

    ForFrame(For node) {
      this.node = node;
    }

    @Override
    void step(Task t) {
      if (values == null) {
        t.sh.line = node.line();
        if (x == null) {
          x = new Expander(t);
        }
        values =
            node.words() == null
                ? new ArrayList<>(t.sh.positional)
                : expand(t, this, x, () -> x.fields(node.words()));
        if (values == null) {
          return;
        }
      }
      if (inBody) {
        lastBody = t.status;
        inBody = false;
      }
      next = false;
      if (index >= values.size()) {
        t.ret(lastBody);
        return;
      }
      try {
        t.sh.set(node.var(), values.get(index++));
      } catch (Shell.ReadonlyException e) {
        t.fatal(e.getMessage());
        return;
      }
      inBody = true;
      t.push(new ListFrame(node.body()));
    }
  }

  /** {@code case word in pattern) ...;; esac}. */
  static final class CaseFrame extends Frame {
    private final Case node;
    private Expander x;
    private int current = -2;

    CaseFrame(Case node) {
      this.node = node;
    }

    @Override
    void step(Task t) {
      if (current == -2) {
        t.sh.line = node.line();
        if (x == null) {
          x = new Expander(t);
        }
        Integer match = expand(t, this, x, this::match);
        if (match == null) {
          return;
        }
        current = match;
        if (current < 0) {
          t.ret(0);
          return;
        }
        run(t);
        return;
      }
      CaseItem item = node.items().get(current);
      if (item.fallThrough() && current + 1 < node.items().size()) {
        current++;
        run(t);
        return;
      }
      t.ret(t.status);
    }

    private int match() {
      String word = x.string(node.word());
      for (int i = 0; i < node.items().size(); i++) {
        for (Ast.Word p : node.items().get(i).patterns()) {
          if (Patterns.matches(x.pattern(p), word)) {
            return i;
          }
        }
      }
      return -1;
    }

    private void run(Task t) {
      ListNode body = node.items().get(current).body();
      if (body == null) {
        t.status = 0;
        step(t);
        return;
      }
      t.push(new ListFrame(body));
    }
  }

  /** {@code [[ expression ]]}. */
  static final class CondFrame extends Frame {
    private static final Pattern POSIX_CLASS = Pattern.compile("\\[:([a-z]+):]");
    private final Cond node;
    private Expander x;

    CondFrame(Cond node) {
      this.node = node;
    }

    @Override
    void step(Task t) {
      t.sh.line = node.line();
      if (x == null) {
        x = new Expander(t);
      }
      Integer result =
          expand(
              t,
              this,
              x,
              () -> {
                try {
                  return eval(t, node.expr()) ? 0 : 1;
                } catch (TestExpr.TestError | Arithmetic.ArithmeticError e) {
                  t.shellError(e.getMessage());
                  return 2;
                }
              });
      if (result != null) {
        t.ret(result);
      }
    }

    private boolean eval(Task t, CondExpr e) {
      if (e instanceof CondAnd a) {
        return eval(t, a.left()) && eval(t, a.right());
      }
      if (e instanceof CondOr o) {
        return eval(t, o.left()) || eval(t, o.right());
      }
      if (e instanceof CondNot n) {
        return !eval(t, n.expr());
      }
      if (e instanceof CondWord w) {
        return !x.string(w.word()).isEmpty();
      }
      if (e instanceof CondUnary u) {
        String operand = x.string(u.operand());
        if (u.op().equals("-v")) {
          return x.value(operand) != null;
        }
        String op = u.op().equals("-a") ? "-e" : u.op();
        return TestExpr.unary(op, operand, t.machine.fs(), t.sh.cwd);
      }
      CondBinary b = (CondBinary) e;
      String left = x.string(b.left());
      switch (b.op()) {
        case "==", "=" -> {
          return Patterns.matches(x.pattern(b.right()), left);
        }
        case "!=" -> {
          return !Patterns.matches(x.pattern(b.right()), left);
        }
        case "=~" -> {
          return regexMatch(t, left, x.regex(b.right()));
        }
        case "-eq", "-ne", "-lt", "-le", "-gt", "-ge" -> {
          long l = x.arithmetic(b.left());
          long r = x.arithmetic(b.right());
          return TestExpr.binary(b.op(), Long.toString(l), Long.toString(r), null, null);
        }
        default -> {
          return TestExpr.binary(b.op(), left, x.string(b.right()), t.machine.fs(), t.sh.cwd);
        }
      }
    }

    /** {@code =~}: POSIX extended regex, with the groups left in {@code BASH_REMATCH[n]}. */
    private static boolean regexMatch(Task t, String text, String regex) {
      Matcher m;
      try {
        String javaRegex =
            POSIX_CLASS
                .matcher(regex)
                .replaceAll(r -> Matcher.quoteReplacement(posixClass(r.group(1))));
        m = Pattern.compile(javaRegex).matcher(text);
      } catch (PatternSyntaxException e) {
        return false;
      }
      t.sh.vars.keySet().removeIf(k -> k.startsWith("BASH_REMATCH"));
      if (!m.find()) {
        return false;
      }
      for (int i = 0; i <= m.groupCount(); i++) {
        String g = m.group(i) == null ? "" : m.group(i);
        t.sh.vars.put("BASH_REMATCH[" + i + "]", new Shell.Var(g, false, false));
      }
      t.sh.vars.put("BASH_REMATCH", new Shell.Var(m.group(), false, false));
      return true;
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
        default -> "\\p{Print}";
      };
    }
  }

  /** {@code (( expression ))}: true when the value is not zero. */
  static final class ArithFrame extends Frame {
    private final ArithCmd node;
    private Expander x;

    ArithFrame(ArithCmd node) {
      this.node = node;
    }

    @Override
    void step(Task t) {
      t.sh.line = node.line();
      if (x == null) {
        x = new Expander(t);
      }
      Long v = expand(t, this, x, () -> x.arithmetic(node.expr()));
      if (v != null) {
        t.ret(v != 0 ? 0 : 1);
      }
    }
  }

  /** A shell function call: positional parameters and {@code local} variables are scoped. */
  static final class FunctionCall extends Frame {
    private final FuncDef def;
    private final List<String> args;
    private List<String> savedPositional;
    private final Map<String, Shell.Var> savedLocals = new HashMap<>();

    FunctionCall(FuncDef def, List<String> args) {
      this.def = def;
      this.args = args;
    }

    @Override
    void step(Task t) {
      if (savedPositional != null) {
        t.ret(t.status);
        return;
      }
      savedPositional = t.sh.positional;
      t.sh.positional = new ArrayList<>(args);
      t.sh.functionDepth++;
      t.push(of(def.body()));
    }

    /** Makes {@code name} local: its current value comes back when the function returns. */
    void makeLocal(Shell sh, String name) {
      if (!savedLocals.containsKey(name)) {
        savedLocals.put(name, sh.vars.get(name));
      }
    }

    @Override
    Unwind handle(Task t, Unwind u) {
      if (u.kind() == Unwind.Kind.RETURN) {
        t.status = u.n();
        return Unwind.STOP_POP;
      }
      return u;
    }

    @Override
    void leave(Task t) {
      if (savedPositional == null) {
        return;
      }
      t.sh.positional = savedPositional;
      t.sh.functionDepth--;
      savedLocals.forEach(
          (name, old) -> {
            if (old == null) {
              t.sh.vars.remove(name);
            } else {
              t.sh.vars.put(name, old);
            }
          });
    }
  }

  /** A trap handler run between commands; {@code $?} is kept across it. */
  static final class Trap extends Frame {
    private final String action;
    private int saved = -1;

    Trap(String action) {
      this.action = action;
    }

    @Override
    void step(Task t) {
      if (saved >= 0) {
        t.ret(saved);
        return;
      }
      saved = t.status;
      t.push(new Script(action, false, false, false));
    }
  }

  /** The EXIT trap: runs the handler, then ends the task with the original code. */
  static final class ExitTrap extends Frame {
    private final int code;
    private final String action;
    private boolean started;

    ExitTrap(int code, String action) {
      this.code = code;
      this.action = action;
    }

    @Override
    void step(Task t) {
      if (started) {
        t.ret(code);
        return;
      }
      started = true;
      t.status = code;
      t.push(new Script(action, false, false, false));
    }
  }

  /** Prints a message and fails: a shell that could not start ({@code sh nosuchfile}). */
  static final class Fail extends Frame {
    private final String message;
    private final int code;

    Fail(String message, int code) {
      this.message = message;
      this.code = code;
    }

    @Override
    void step(Task t) {
      t.err(message + "\n");
      t.ret(code);
    }
  }

  /** Reads a script from standard input once it is complete ({@code echo ls | sh}). */
  static final class StdinScript extends Frame {
    @Override
    void step(Task t) {
      Fd in = t.fd(0);
      if (!in.isComplete()) {
        t.block(Wait.on(in::isComplete));
        return;
      }
      String text = new String(in.readAll(), java.nio.charset.StandardCharsets.UTF_8);
      t.stack.pop();
      t.push(new Script(text, true, false, false));
    }
  }

  /** {@code timeout DURATION command}: a signal to the command when time is up, then 124. */
  static final class Timeout extends Frame {
    private final Function<Task, Task> starter;
    private final Instant deadline;
    private final int signal;
    private Task child;
    private boolean timedOut;

    Timeout(Function<Task, Task> starter, Instant deadline, int signal) {
      this.starter = starter;
      this.deadline = deadline;
      this.signal = signal;
    }

    @Override
    void step(Task t) {
      if (child == null) {
        child = starter.apply(t);
      }
      if (child.done) {
        t.ret(timedOut ? 124 : child.exitCode);
        return;
      }
      if (!timedOut && !t.now().isBefore(deadline)) {
        timedOut = true;
        child.signal(signal);
      }
      Instant until = timedOut ? SimProcess.NEVER : deadline;
      t.block(
          new Wait() {
            @Override
            public boolean isReady(Instant now) {
              return child.done || !now.isBefore(until);
            }

            @Override
            public Instant until() {
              return until;
            }
          });
    }
  }
}
