package dev.kc.controlplane.kubelet.sim;

import static dev.kc.controlplane.kubelet.sim.CommandFrame.PENDING;
import static dev.kc.controlplane.kubelet.sim.CommandFrame.RETRY;
import static dev.kc.controlplane.kubelet.sim.CommandFrame.UNWOUND;

import dev.kc.controlplane.kubelet.sim.Frame.Unwind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Commands the shell runs itself because they change or read its own state: {@code cd}, {@code
 * export}, {@code set}, {@code exit}, {@code trap}, {@code read}, {@code wait}, {@code kill}... and
 * the command runners {@code exec}, {@code command}, {@code env}, {@code timeout}.
 */
final class ShellBuiltins {
  /** A builtin's body: returns an exit status, or {@link CommandFrame#PENDING} and friends. */
  @FunctionalInterface
  interface Body {
    int run(Task t, CommandFrame f, List<String> argv);
  }

  /** A builtin; {@code special} ones (POSIX 2.14) keep prefix assignments. */
  record Builtin(String name, boolean special, Body body) {
    int run(Task t, CommandFrame f, List<String> argv) {
      return body.run(t, f, argv);
    }
  }

  private static final Map<String, Builtin> BUILTINS = new HashMap<>();

  static {
    special(":", (t, f, a) -> 0);
    special(".", ShellBuiltins::source);
    special("source", ShellBuiltins::source);
    special("break", (t, f, a) -> loopControl(t, a, Unwind.Kind.BREAK));
    special("continue", (t, f, a) -> loopControl(t, a, Unwind.Kind.CONTINUE));
    special("eval", ShellBuiltins::eval);
    special("exec", ShellBuiltins::exec);
    special("exit", ShellBuiltins::exit);
    special("export", (t, f, a) -> declare(t, a, true));
    special("readonly", (t, f, a) -> declare(t, a, false));
    special("return", ShellBuiltins::doReturn);
    special("set", ShellBuiltins::set);
    special("shift", ShellBuiltins::shift);
    special("trap", ShellBuiltins::trap);
    special("unset", ShellBuiltins::unset);
    special("times", (t, f, a) -> print(t, "0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n"));
    regular("true", (t, f, a) -> 0);
    regular("false", (t, f, a) -> 1);
    regular("cd", ShellBuiltins::cd);
    regular("pwd", (t, f, a) -> print(t, t.sh.cwd + "\n"));
    regular("test", ShellBuiltins::test);
    regular("[", ShellBuiltins::test);
    regular("read", ShellBuiltins::read);
    regular("wait", ShellBuiltins::waitForJobs);
    regular("kill", ShellBuiltins::kill);
    regular("local", ShellBuiltins::local);
    regular("declare", ShellBuiltins::local);
    regular("typeset", ShellBuiltins::local);
    regular("let", ShellBuiltins::let);
    regular("type", (t, f, a) -> describe(t, a.subList(1, a.size()), 'V'));
    regular("which", (t, f, a) -> describe(t, a.subList(1, a.size()), 'w'));
    regular("command", ShellBuiltins::command);
    regular("builtin", ShellBuiltins::builtin);
    regular("env", ShellBuiltins::env);
    regular(
        "nohup",
        (t, f, a) ->
            a.size() < 2
                ? usage(t, "nohup: missing operand")
                : f.dispatch(t, a.subList(1, a.size()), true));
    regular("timeout", ShellBuiltins::timeout);
    regular("umask", (t, f, a) -> a.size() == 1 ? print(t, "0022\n") : 0);
    regular(
        "ulimit",
        (t, f, a) ->
            a.size() == 1 || a.get(1).startsWith("-") && a.size() == 2
                ? print(t, "unlimited\n")
                : 0);
    for (String noop : List.of("hash", "alias", "unalias", "shopt", "jobs", "disown")) {
      regular(noop, (t, f, a) -> 0);
    }
  }

  private ShellBuiltins() {}

  private static void special(String name, Body body) {
    BUILTINS.put(name, new Builtin(name, true, body));
  }

  private static void regular(String name, Body body) {
    BUILTINS.put(name, new Builtin(name, false, body));
  }

  /** The builtin called {@code name}, or null. */
  static Builtin find(String name) {
    return BUILTINS.get(name);
  }

  private static int print(Task t, String text) {
    t.out(text);
    return 0;
  }

  private static int usage(Task t, String message) {
    t.shellError(message);
    return 2;
  }

  // ---- control ----

  private static int exit(Task t, CommandFrame f, List<String> a) {
    int code = t.status;
    if (a.size() > 1) {
      try {
        code = (int) (Long.parseLong(a.get(1)) & 0xff);
      } catch (NumberFormatException e) {
        t.shellError("exit: Illegal number: " + a.get(1));
        code = 2;
      }
    }
    t.status = code;
    t.unwind(Unwind.exit(code));
    return UNWOUND;
  }

  private static int doReturn(Task t, CommandFrame f, List<String> a) {
    int code = t.status;
    if (a.size() > 1) {
      try {
        code = (int) (Long.parseLong(a.get(1)) & 0xff);
      } catch (NumberFormatException e) {
        t.shellError("return: Illegal number: " + a.get(1));
        code = 2;
      }
    }
    if (t.sh.functionDepth == 0 && t.sh.sourceDepth == 0 && t.sh.dialect == Shell.Dialect.BASH) {
      t.shellError("return: can only `return' from a function or sourced script");
      return 1;
    }
    t.unwind(new Unwind(Unwind.Kind.RETURN, code));
    return UNWOUND;
  }

  private static int loopControl(Task t, List<String> a, Unwind.Kind kind) {
    int n = 1;
    if (a.size() > 1) {
      try {
        n = Integer.parseInt(a.get(1));
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        t.shellError(a.get(0) + ": Illegal number: " + a.get(1));
        return 2;
      }
    }
    boolean inLoop = t.stack.stream().anyMatch(fr -> fr instanceof Frames.LoopBase);
    if (!inLoop) {
      return 0;
    }
    t.unwind(new Unwind(kind, n));
    return UNWOUND;
  }

  private static int eval(Task t, CommandFrame f, List<String> a) {
    String text = String.join(" ", a.subList(1, a.size()));
    if (text.isBlank()) {
      return 0;
    }
    t.push(new Frames.Script(text, false, false, false));
    return PENDING;
  }

  private static int source(Task t, CommandFrame f, List<String> a) {
    if (a.size() < 2) {
      return usage(t, a.get(0) + ": filename argument required");
    }
    String file = a.get(1);
    String path = file.contains("/") ? InMemoryFs.resolve(t.sh.cwd, file) : null;
    if (path == null) {
      path = CommandFrame.searchPath(t, file);
      if (path == null && t.machine.fs().isFile(InMemoryFs.resolve(t.sh.cwd, file))) {
        path = InMemoryFs.resolve(t.sh.cwd, file);
      }
    }
    if (path == null || !t.machine.fs().isFile(path)) {
      if (t.sh.dialect == Shell.Dialect.BASH) {
        t.shellError(file + ": No such file or directory");
        return 1;
      }
      t.shellError(a.get(0) + ": cannot open " + file + ": No such file");
      t.unwind(Unwind.exit(2));
      return UNWOUND;
    }
    t.sh.sourceDepth++;
    Frames.Script script = new Frames.Script(t.machine.fs().readString(path), true, true, false);
    if (a.size() > 2) {
      script.withPositional(t.sh, a.subList(2, a.size()));
    }
    t.push(script);
    return PENDING;
  }

  private static int exec(Task t, CommandFrame f, List<String> a) {
    int i = 1;
    while (i < a.size() && a.get(i).startsWith("-") && !a.get(i).equals("--")) {
      i += a.get(i).equals("-a") ? 2 : 1;
    }
    if (i < a.size() && a.get(i).equals("--")) {
      i++;
    }
    if (i >= a.size()) {
      f.keepRedirections = true;
      return 0;
    }
    f.exitAfter = true;
    return f.dispatch(t, a.subList(i, a.size()), true);
  }

  private static int command(Task t, CommandFrame f, List<String> a) {
    int i = 1;
    char mode = 0;
    while (i < a.size() && a.get(i).startsWith("-") && a.get(i).length() > 1) {
      String opt = a.get(i++);
      if (opt.equals("--")) {
        break;
      }
      if (opt.contains("v")) {
        mode = 'v';
      } else if (opt.contains("V")) {
        mode = 'V';
      }
    }
    if (i >= a.size()) {
      return 0;
    }
    if (mode != 0) {
      return describe(t, a.subList(i, a.size()), mode);
    }
    return f.dispatch(t, a.subList(i, a.size()), true);
  }

  private static int builtin(Task t, CommandFrame f, List<String> a) {
    if (a.size() < 2) {
      return 0;
    }
    Builtin b = find(a.get(1));
    if (b == null) {
      t.shellError("builtin: " + a.get(1) + ": not a shell builtin");
      return 1;
    }
    return b.run(t, f, a.subList(1, a.size()));
  }

  /** {@code command -v} ({@code v}), {@code type} ({@code V}) and {@code which} ({@code w}). */
  private static int describe(Task t, List<String> names, char mode) {
    int status = 0;
    for (String name : names) {
      String kind;
      String path = null;
      if (find(name) != null && mode != 'w') {
        kind = "a shell builtin";
      } else if (t.sh.functions.containsKey(name) && mode != 'w') {
        kind = "a shell function";
      } else {
        path = programPath(t, name);
        kind = path;
      }
      if (kind == null) {
        status = mode == 'V' && t.sh.dialect == Shell.Dialect.DASH ? 127 : 1;
        if (mode == 'V') {
          t.err(name + ": not found\n");
        }
        continue;
      }
      if (mode == 'V') {
        t.out(name + " is " + kind + "\n");
      } else {
        t.out((path != null ? path : name) + "\n");
      }
    }
    return status;
  }

  /** Where a program would be found: kubelet programs and utilities get plausible paths. */
  private static String programPath(Task t, String name) {
    if (name.contains("/")) {
      String p = InMemoryFs.resolve(t.sh.cwd, name);
      return t.machine.fs().isFile(p) ? name : null;
    }
    if (t.machine.hostProgram(name).isPresent()) {
      return "/usr/bin/" + name;
    }
    if (ShellLauncher.isShell(name) || Utilities.find(name) != null) {
      return "/bin/" + name;
    }
    return CommandFrame.searchPath(t, name);
  }

  private static int env(Task t, CommandFrame f, List<String> a) {
    Map<String, String> overrides = new TreeMap<>();
    Set<String> unset = new HashSet<>();
    int i = 1;
    for (; i < a.size(); i++) {
      String arg = a.get(i);
      if (arg.equals("-i") || arg.equals("-") || arg.equals("--ignore-environment")) {
        f.clearEnv = true;
      } else if (arg.equals("-u") && i + 1 < a.size()) {
        unset.add(a.get(++i));
      } else if (arg.equals("--")) {
        i++;
        break;
      } else if (arg.indexOf('=') > 0 && !arg.startsWith("-")) {
        overrides.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      } else {
        break;
      }
    }
    f.envOverride = overrides;
    f.envUnset = unset;
    if (i >= a.size()) {
      StringBuilder sb = new StringBuilder();
      f.environment(t).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      return print(t, sb.toString());
    }
    return f.dispatch(t, a.subList(i, a.size()), true);
  }

  private static int timeout(Task t, CommandFrame f, List<String> a) {
    int i = 1;
    int signal = Signals.TERM;
    while (i < a.size() && a.get(i).startsWith("-") && a.get(i).length() > 1) {
      String opt = a.get(i++);
      if ((opt.equals("-s") || opt.equals("-k")) && i < a.size()) {
        String value = a.get(i++);
        if (opt.equals("-s")) {
          signal = Math.max(1, Signals.number(value));
        }
      }
    }
    if (i + 1 >= a.size()) {
      t.err("timeout: missing operand\n");
      return 125;
    }
    Duration limit = Utilities.parseDuration(a.get(i));
    if (limit == null) {
      t.err("timeout: invalid time interval '" + a.get(i) + "'\n");
      return 125;
    }
    List<String> argv = List.copyOf(a.subList(i + 1, a.size()));
    int sig = signal;
    Instant deadline = Utilities.plus(t.now(), limit);
    t.push(
        new Frames.Timeout(
            parent -> {
              Shell sh = parent.sh.subshell();
              Task child = parent.machine.spawn(sh, new CommandFrame(argv, false), false);
              return child;
            },
            deadline,
            sig));
    return PENDING;
  }

  // ---- variables ----

  private static int declare(Task t, List<String> a, boolean export) {
    List<String> names = a.subList(1, a.size());
    if (names.isEmpty() || names.equals(List.of("-p"))) {
      StringBuilder sb = new StringBuilder();
      new TreeMap<>(t.sh.vars)
          .forEach(
              (k, v) -> {
                if (export ? v.exported() : v.readonly()) {
                  sb.append(export ? "export " : "readonly ").append(k);
                  if (v.value() != null) {
                    sb.append('=').append(quote(v.value()));
                  }
                  sb.append('\n');
                }
              });
      return print(t, sb.toString());
    }
    for (String arg : names) {
      if (arg.startsWith("-")) {
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!Parser.isName(name)) {
        t.shellError(a.get(0) + ": " + name + ": bad variable name");
        t.unwind(Unwind.exit(2));
        return UNWOUND;
      }
      try {
        if (eq >= 0) {
          t.sh.set(name, arg.substring(eq + 1));
        }
      } catch (Shell.ReadonlyException e) {
        t.shellError(e.getMessage());
        return 1;
      }
      if (export) {
        t.sh.export(name);
      } else {
        t.sh.readonly(name);
      }
    }
    return 0;
  }

  private static int unset(Task t, CommandFrame f, List<String> a) {
    boolean functions = false;
    for (String arg : a.subList(1, a.size())) {
      if (arg.equals("-f")) {
        functions = true;
      } else if (arg.equals("-v")) {
        functions = false;
      } else if (functions) {
        t.sh.functions.remove(arg);
      } else {
        try {
          t.sh.unset(arg);
        } catch (Shell.ReadonlyException e) {
          t.shellError("unset: " + e.getMessage());
          return 1;
        }
      }
    }
    return 0;
  }

  private static int local(Task t, CommandFrame f, List<String> a) {
    Frames.FunctionCall call = null;
    for (Frame fr : t.stack) {
      if (fr instanceof Frames.FunctionCall fc) {
        call = fc;
        break;
      }
    }
    boolean export = false;
    boolean readonly = false;
    for (String arg : a.subList(1, a.size())) {
      if (arg.startsWith("-") || arg.startsWith("+")) {
        export |= arg.contains("x");
        readonly |= arg.contains("r");
        if (arg.contains("a") || arg.contains("A")) {
          t.shellError(a.get(0) + ": arrays are not supported");
          return 2;
        }
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (call == null && a.get(0).equals("local")) {
        t.shellError("local: not in a function");
        return 1;
      }
      if (call != null) {
        call.makeLocal(t.sh, name);
      }
      try {
        if (eq >= 0) {
          t.sh.set(name, arg.substring(eq + 1));
        }
      } catch (Shell.ReadonlyException e) {
        t.shellError(e.getMessage());
        return 1;
      }
      if (export) {
        t.sh.export(name);
      }
      if (readonly) {
        t.sh.readonly(name);
      }
    }
    return 0;
  }

  private static int set(Task t, CommandFrame f, List<String> a) {
    if (a.size() == 1) {
      StringBuilder sb = new StringBuilder();
      new TreeMap<>(t.sh.vars)
          .forEach(
              (k, v) -> {
                if (v.value() != null && Parser.isName(k)) {
                  sb.append(k).append('=').append(quote(v.value())).append('\n');
                }
              });
      return print(t, sb.toString());
    }
    for (int i = 1; i < a.size(); i++) {
      String arg = a.get(i);
      if (arg.equals("--")) {
        t.sh.positional = new ArrayList<>(a.subList(i + 1, a.size()));
        return 0;
      }
      if ((arg.equals("-o") || arg.equals("+o"))) {
        if (i + 1 >= a.size()) {
          return print(t, optionReport(t.sh));
        }
        String name = a.get(++i);
        if (!ShellLauncher.setOption(t.sh, name, arg.charAt(0) == '-')) {
          t.shellError("set: Illegal option -o " + name);
          return 2;
        }
        continue;
      }
      if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
        for (char c : arg.substring(1).toCharArray()) {
          if (!ShellLauncher.setFlag(t.sh, c, arg.charAt(0) == '-')) {
            t.shellError("set: Illegal option " + arg.charAt(0) + c);
            return 2;
          }
        }
        continue;
      }
      t.sh.positional = new ArrayList<>(a.subList(i, a.size()));
      return 0;
    }
    return 0;
  }

  private static String optionReport(Shell sh) {
    return String.format(
        "errexit\t\t%s%nnoglob\t\t%s%nnounset\t\t%s%npipefail\t%s%nxtrace\t\t%s%n",
        sh.errexit ? "on" : "off",
        sh.noglob ? "on" : "off",
        sh.nounset ? "on" : "off",
        sh.pipefail ? "on" : "off",
        sh.xtrace ? "on" : "off");
  }

  private static int shift(Task t, CommandFrame f, List<String> a) {
    int n = 1;
    if (a.size() > 1) {
      try {
        n = Integer.parseInt(a.get(1));
      } catch (NumberFormatException e) {
        t.shellError("shift: Illegal number: " + a.get(1));
        return 2;
      }
    }
    if (n > t.sh.positional.size() || n < 0) {
      if (t.sh.dialect == Shell.Dialect.BASH) {
        return 1;
      }
      // A special builtin's error ends a non-interactive dash.
      t.fatal("shift: can't shift that many");
      return UNWOUND;
    }
    t.sh.positional = new ArrayList<>(t.sh.positional.subList(n, t.sh.positional.size()));
    return 0;
  }

  private static int let(Task t, CommandFrame f, List<String> a) {
    if (a.size() < 2) {
      return usage(t, "let: expression expected");
    }
    Expander x = new Expander(t);
    long last = 0;
    try {
      for (String expr : a.subList(1, a.size())) {
        last = x.arithmetic(Ast.Word.literal(expr));
      }
    } catch (Expander.ExpansionError e) {
      t.shellError("let: " + e.getMessage());
      return 1;
    }
    return last != 0 ? 0 : 1;
  }

  /** Single-quotes a value for {@code set} and {@code export -p} output. */
  static String quote(String v) {
    return "'" + v.replace("'", "'\\''") + "'";
  }

  // ---- directories and tests ----

  private static int cd(Task t, CommandFrame f, List<String> a) {
    List<String> args = new ArrayList<>(a.subList(1, a.size()));
    args.removeIf(s -> s.equals("-L") || s.equals("-P") || s.equals("--"));
    String dir = args.isEmpty() ? t.sh.home() : args.get(0);
    boolean print = false;
    if (dir.equals("-")) {
      dir = t.sh.get("OLDPWD");
      if (dir == null) {
        t.shellError("cd: OLDPWD not set");
        return 1;
      }
      print = true;
    }
    String path = InMemoryFs.resolve(t.sh.cwd, dir);
    InMemoryFs fs = t.machine.fs();
    if (!fs.isDirectory(path)) {
      if (t.sh.dialect == Shell.Dialect.BASH) {
        String why = fs.exists(path) ? "Not a directory" : "No such file or directory";
        t.shellError("cd: " + dir + ": " + why);
        return 1;
      }
      t.shellError("cd: can't cd to " + dir);
      return 2;
    }
    t.sh.set("OLDPWD", t.sh.cwd);
    t.sh.cwd = path;
    t.sh.set("PWD", path);
    return print ? print(t, path + "\n") : 0;
  }

  private static int test(Task t, CommandFrame f, List<String> a) {
    List<String> args = a.subList(1, a.size());
    if (a.get(0).equals("[")) {
      if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
        t.shellError("[: missing ]");
        return 2;
      }
      args = args.subList(0, args.size() - 1);
    }
    try {
      return TestExpr.evaluate(args, t.machine.fs(), t.sh.cwd) ? 0 : 1;
    } catch (TestExpr.TestError e) {
      t.shellError(a.get(0) + ": " + e.getMessage());
      return 2;
    }
  }

  // ---- input, jobs and signals ----

  private static int read(Task t, CommandFrame f, List<String> a) {
    boolean raw = false;
    Duration timeout = null;
    List<String> names = new ArrayList<>();
    for (int i = 1; i < a.size(); i++) {
      String arg = a.get(i);
      if ((arg.equals("-p") || arg.equals("-t") || arg.equals("-u")) && i + 1 < a.size()) {
        String value = a.get(++i);
        timeout = arg.equals("-t") ? Utilities.parseDuration(value) : timeout;
      } else if (arg.startsWith("-") && names.isEmpty()) {
        raw |= arg.contains("r");
      } else {
        names.add(arg);
      }
    }
    if (names.isEmpty()) {
      names.add("REPLY");
    }
    Fd in = t.fd(0);
    if (!in.isLineReady()) {
      return waitForLine(t, f, in, timeout);
    }
    String line = in.readLine();
    if (line == null) {
      for (String n : names) {
        assignQuietly(t, n, "");
      }
      return 1;
    }
    assignFields(t, names, raw ? line : unescape(line));
    // TODO: a last line without a newline should give 1 (the data is still assigned), which
    // 'while read l || [ -n "$l" ]' relies on; Fd does not tell whether the newline was there.
    return 0;
  }

  /** Blocks {@code read} until a line arrives or, with {@code -t}, the timeout passes (142). */
  private static int waitForLine(Task t, CommandFrame f, Fd in, Duration timeout) {
    if (timeout == null) {
      t.block(Wait.on(in::isLineReady));
      return RETRY;
    }
    if (f.builtinState == null) {
      f.builtinState = Utilities.plus(t.now(), timeout);
    }
    Instant deadline = (Instant) f.builtinState;
    if (!t.now().isBefore(deadline)) {
      return 142;
    }
    t.block(
        new Wait() {
          @Override
          public boolean isReady(Instant now) {
            return in.isLineReady() || !now.isBefore(deadline);
          }

          @Override
          public Instant until() {
            return deadline;
          }
        });
    return RETRY;
  }

  private static String unescape(String line) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        c = line.charAt(++i);
      } else if (c == '\\') {
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Splits a line on IFS over {@code names}; the last name takes the rest. */
  private static void assignFields(Task t, List<String> names, String line) {
    String ifs = t.sh.get("IFS");
    if (ifs == null) {
      ifs = " \t\n";
    }
    String rest = stripIfsWhitespace(line, ifs);
    for (int i = 0; i < names.size(); i++) {
      if (i == names.size() - 1) {
        assignQuietly(t, names.get(i), rest);
        break;
      }
      int end = 0;
      while (end < rest.length() && ifs.indexOf(rest.charAt(end)) < 0) {
        end++;
      }
      assignQuietly(t, names.get(i), rest.substring(0, end));
      rest = end < rest.length() ? rest.substring(end + 1) : "";
      rest = stripIfsWhitespace(rest, ifs);
    }
  }

  private static String stripIfsWhitespace(String s, String ifs) {
    int start = 0;
    int end = s.length();
    while (start < end
        && ifs.indexOf(s.charAt(start)) >= 0
        && Character.isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start
        && ifs.indexOf(s.charAt(end - 1)) >= 0
        && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static void assignQuietly(Task t, String name, String value) {
    try {
      t.sh.set(name, value);
    } catch (Shell.ReadonlyException e) {
      t.shellError(e.getMessage());
    }
  }

  private static int waitForJobs(Task t, CommandFrame f, List<String> a) {
    List<Task> targets = new ArrayList<>();
    int status = 0;
    if (a.size() == 1) {
      targets.addAll(t.jobs);
    } else {
      for (String arg : a.subList(1, a.size())) {
        Task job = findJob(t, arg);
        if (job == null) {
          status = 127;
        } else {
          targets.add(job);
        }
      }
    }
    if (t.interruptedBy != 0) {
      int sig = t.interruptedBy;
      t.interruptedBy = 0;
      return 128 + sig;
    }
    if (targets.stream().anyMatch(j -> !j.done)) {
      t.block(Wait.interruptibly(() -> targets.stream().allMatch(j -> j.done)));
      return RETRY;
    }
    if (a.size() == 1) {
      t.jobs.clear();
      return 0;
    }
    return targets.isEmpty() ? status : targets.get(targets.size() - 1).exitCode;
  }

  private static Task findJob(Task t, String spec) {
    if (spec.startsWith("%")) {
      String n = spec.substring(1);
      if (t.jobs.isEmpty()) {
        return null;
      }
      if (n.isEmpty() || n.equals("%") || n.equals("+")) {
        return t.jobs.get(t.jobs.size() - 1);
      }
      try {
        int i = Integer.parseInt(n);
        return i >= 1 && i <= t.jobs.size() ? t.jobs.get(i - 1) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    for (Task job : t.jobs) {
      if (Integer.toString(job.pid).equals(spec)) {
        return job;
      }
    }
    return null;
  }

  private static int kill(Task t, CommandFrame f, List<String> a) {
    int sig = Signals.TERM;
    int i = 1;
    if (i < a.size() && a.get(i).equals("-l")) {
      return print(t, "HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM\n");
    }
    if (i < a.size() && (a.get(i).equals("-s") || a.get(i).equals("-n")) && i + 1 < a.size()) {
      sig = Signals.number(a.get(i + 1));
      i += 2;
    } else if (i < a.size()
        && a.get(i).startsWith("-")
        && a.get(i).length() > 1
        && !a.get(i).equals("--")) {
      sig = Signals.number(a.get(i).substring(1));
      i++;
    }
    if (i < a.size() && a.get(i).equals("--")) {
      i++;
    }
    if (sig < 0) {
      t.shellError("kill: invalid signal number or name: " + a.get(i - 1));
      return 2;
    }
    if (i >= a.size()) {
      return usage(t, "kill: usage: kill [-s sigspec | -signum | -sigspec] pid | jobspec ...");
    }
    int status = 0;
    for (String target : a.subList(i, a.size())) {
      if (!signalTarget(t, target, sig)) {
        status = 1;
      }
    }
    return status;
  }

  private static boolean signalTarget(Task t, String target, int sig) {
    Task job = target.startsWith("%") ? findJob(t, target) : null;
    if (job == null && !target.startsWith("%")) {
      int pid;
      try {
        pid = Integer.parseInt(target);
      } catch (NumberFormatException e) {
        t.shellError("kill: Illegal number: " + target);
        return false;
      }
      job = t.machine.task(pid);
      if (job == null) {
        ProcessContext ctx = t.machine.ctx;
        if (ctx.programs() != null && ctx.programs().kill(pid, sig)) {
          return true;
        }
        t.shellError(
            t.sh.dialect == Shell.Dialect.BASH
                ? "kill: (" + pid + ") - No such process"
                : "kill: No such process");
        return false;
      }
    }
    if (job == null || job.done) {
      t.shellError("kill: No such process");
      return false;
    }
    job.signal(sig);
    return true;
  }

  private static int trap(Task t, CommandFrame f, List<String> a) {
    List<String> args = a.subList(1, a.size());
    if (args.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      new TreeMap<>(t.sh.traps)
          .forEach(
              (sig, action) ->
                  sb.append("trap -- ").append(quote(action)).append(' ').append(sig).append('\n'));
      return print(t, sb.toString());
    }
    if (args.get(0).equals("-l")) {
      return print(t, "HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM\n");
    }
    String action = args.get(0);
    List<String> signals = args.subList(1, args.size());
    if (args.size() == 1 || action.chars().allMatch(Character::isDigit)) {
      action = "-";
      signals = args;
    }
    int status = 0;
    for (String spec : signals) {
      int n = Signals.number(spec);
      if (n < 0) {
        t.shellError("trap: " + spec + ": bad trap");
        status = 1;
        continue;
      }
      String name = Signals.name(n);
      if (action.equals("-")) {
        t.sh.traps.remove(name);
      } else {
        t.sh.traps.put(name, action);
      }
    }
    return status;
  }
}
