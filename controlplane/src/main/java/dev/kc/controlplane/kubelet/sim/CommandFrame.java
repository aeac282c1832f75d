package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.Ast.Assign;
import dev.kc.controlplane.kubelet.sim.Ast.Simple;
import dev.kc.controlplane.kubelet.sim.Frame.Unwind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simple command: expands its words, applies its redirections and assignments, then runs a shell
 * builtin, a function, a nested shell, a script file or a program, in that order of lookup (kubelet
 * programs before built-in utilities). Also runs a container's command given as an argv without any
 * shell ({@link #direct}).
 */
final class CommandFrame extends Frame {
  /** A builtin's result: it pushed a frame; the status comes when that frame returns. */
  static final int PENDING = -1;

  /** A builtin's result: it blocked the task; call it again when the task wakes. */
  static final int RETRY = -2;

  /**
   * A builtin's result: it started an unwind ({@code exit}, {@code break}...); this frame is gone.
   */
  static final int UNWOUND = -3;

  /** Where programs are looked up for a path like {@code /usr/bin/env}. */
  private static final Set<String> BIN_DIRS =
      Set.of("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin");

  private final Simple cmd;
  private final boolean direct;
  private Expander x;
  private List<String> argv;
  private List<String[]> assigns = List.of();
  private List<String> targets = List.of();
  private int phase;
  private Fds saved;
  private Map<String, Shell.Var> savedVars;
  private ShellBuiltins.Builtin retryBuiltin;
  private List<String> retryArgv;

  /** Set by {@code exec cmd}: the shell ends with the command's status. */
  boolean exitAfter;

  /** Set by {@code exec} with only redirections: they stay. */
  boolean keepRedirections;

  /** Set by {@code env}: the environment changes for the command. */
  Map<String, String> envOverride = Map.of();

  /** Set by {@code env -i}: start from an empty environment. */
  boolean clearEnv;

  /** Set by {@code env -u NAME}: names left out of the environment. */
  Set<String> envUnset = Set.of();

  /** Scratch space for a builtin that blocks and is called again, e.g. a deadline. */
  Object builtinState;

  CommandFrame(Simple cmd) {
    this.cmd = cmd;
    this.direct = false;
  }

  /**
   * Runs {@code argv} without expansion.
   *
   * @param direct whether this is a container command or exec with no shell around it, which
   *     changes the not-found message to the container runtime's
   */
  CommandFrame(List<String> argv, boolean direct) {
    this.cmd = null;
    this.argv = argv;
    this.direct = direct;
  }

  @Override
  void step(Task t) {
    switch (phase) {
      case 0 -> expandWords(t);
      case 1 -> dispatchCommand(t);
      case 2 -> done(t, t.status);
      default -> handle(t, runBuiltin(t, retryBuiltin, retryArgv));
    }
  }

  private void expandWords(Task t) {
    if (cmd == null) {
      phase = 1;
      dispatchCommand(t);
      return;
    }
    t.sh.line = cmd.line();
    if (x == null) {
      x = new Expander(t);
    }
    Boolean ok =
        Frames.expand(
            t,
            this,
            x,
            () -> {
              argv = x.commandFields(cmd.words());
              List<String[]> values = new ArrayList<>();
              for (Assign a : cmd.assigns()) {
                values.add(new String[] {a.name(), x.string(a.value()), a.append() ? "+" : ""});
              }
              assigns = values;
              targets = Redirections.expandTargets(x, cmd.redirs());
              return true;
            });
    if (ok == null) {
      return;
    }
    phase = 1;
    dispatchCommand(t);
  }

  private void dispatchCommand(Task t) {
    if (cmd != null && t.sh.xtrace) {
      trace(t);
    }
    if (argv.isEmpty()) {
      assignOnly(t);
      return;
    }
    saved = t.sh.fds;
    if (cmd != null && !cmd.redirs().isEmpty()) {
      try {
        t.sh.fds = Redirections.apply(t, cmd.redirs(), targets);
      } catch (Redirections.RedirectionError e) {
        t.shellError(e.getMessage());
        t.ret(Redirections.failureStatus(t));
        return;
      }
    }
    handle(t, dispatch(t, argv, false));
  }

  private void handle(Task t, int result) {
    if (result == UNWOUND) {
      return;
    }
    if (result == PENDING) {
      phase = 2;
    } else if (result != RETRY) {
      done(t, result);
    }
  }

  private void done(Task t, int status) {
    if (exitAfter) {
      t.status = status;
      t.unwind(Unwind.exit(status));
      return;
    }
    t.ret(status);
  }

  @Override
  void leave(Task t) {
    if (saved != null && !keepRedirections) {
      t.sh.fds = saved;
    }
    if (savedVars != null) {
      savedVars.forEach(
          (name, old) -> {
            if (old == null) {
              t.sh.vars.remove(name);
            } else {
              t.sh.vars.put(name, old);
            }
          });
    }
  }

  /** {@code NAME=value} alone: sets shell variables; redirections still create files. */
  private void assignOnly(Task t) {
    int status = x == null || x.substitutionStatus() < 0 ? 0 : x.substitutionStatus();
    for (String[] a : assigns) {
      try {
        String old = t.sh.get(a[0]);
        t.sh.set(a[0], a[2].isEmpty() || old == null ? a[1] : old + a[1]);
      } catch (Shell.ReadonlyException e) {
        // An assignment error ends a non-interactive shell (POSIX 2.8.1).
        t.fatal(e.getMessage(), t.sh.dialect == Shell.Dialect.BASH ? 1 : 2);
        return;
      }
    }
    if (cmd != null && !cmd.redirs().isEmpty()) {
      try {
        Redirections.apply(t, cmd.redirs(), targets);
      } catch (Redirections.RedirectionError e) {
        t.shellError(e.getMessage());
        status = Redirections.failureStatus(t);
      }
    }
    t.ret(status);
  }

  private void trace(Task t) {
    StringBuilder sb = new StringBuilder("+");
    for (String[] a : assigns) {
      sb.append(' ').append(a[0]).append('=').append(traceQuote(a[1]));
    }
    for (String w : argv) {
      sb.append(' ').append(traceQuote(w));
    }
    t.err(sb.append('\n').toString());
  }

  private static String traceQuote(String s) {
    if (!s.isEmpty() && s.chars().noneMatch(c -> " \t\n'\"\\$`*?[]{}()<>|&;#~".indexOf(c) >= 0)) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Runs {@code argv} as a command; {@code exec}, {@code command} and {@code env} call this again
   * with the rest of their arguments.
   *
   * @return an exit status, {@link #PENDING} or {@link #RETRY}
   */
  int dispatch(Task t, List<String> argv, boolean skipFunctions) {
    String name = argv.get(0);
    ShellBuiltins.Builtin builtin = ShellBuiltins.find(name);
    if (builtin != null) {
      if (!applyAssignments(t, builtin.special())) {
        return 1;
      }
      return runBuiltin(t, builtin, argv);
    }
    Ast.FuncDef f = skipFunctions ? null : t.sh.functions.get(name);
    if (f != null) {
      if (!applyAssignments(t, false)) {
        return 1;
      }
      t.push(new Frames.FunctionCall(f, argv.subList(1, argv.size())));
      return PENDING;
    }
    return runExternal(t, argv);
  }

  private int runBuiltin(Task t, ShellBuiltins.Builtin builtin, List<String> argv) {
    int r = builtin.run(t, this, argv);
    if (r == RETRY) {
      phase = 3;
      retryBuiltin = builtin;
      retryArgv = argv;
    }
    return r;
  }

  /** Prefix assignments: kept for special builtins, undone after others. */
  private boolean applyAssignments(Task t, boolean permanent) {
    for (String[] a : assigns) {
      try {
        if (permanent) {
          t.sh.set(a[0], a[1]);
          continue;
        }
        Shell.Var old = t.sh.vars.get(a[0]);
        if (old != null && old.readonly()) {
          throw new Shell.ReadonlyException(a[0], t.sh.dialect);
        }
        if (savedVars == null) {
          savedVars = new HashMap<>();
        }
        savedVars.putIfAbsent(a[0], old);
        t.sh.vars.put(a[0], new Shell.Var(a[1], true, false));
      } catch (Shell.ReadonlyException e) {
        t.shellError(e.getMessage());
        return false;
      }
    }
    return true;
  }

  /** The environment a program or nested shell gets. */
  Map<String, String> environment(Task t) {
    Map<String, String> env = clearEnv ? new TreeMap<>() : t.sh.environment();
    for (String[] a : assigns) {
      env.put(a[0], a[1]);
    }
    env.putAll(envOverride);
    env.keySet().removeAll(envUnset);
    return env;
  }

  private int runExternal(Task t, List<String> argv) {
    String name = argv.get(0);
    InMemoryFs fs = t.machine.fs();
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (name.contains("/")) {
      String path = InMemoryFs.resolve(t.sh.cwd, name);
      if (fs.isFile(path)) {
        return runScript(t, path, argv);
      }
      if (fs.isDirectory(path)) {
        return notExecutable(t, name);
      }
    }
    if (ShellLauncher.isShell(base)) {
      return runShell(t, argv);
    }
    Program p = t.machine.hostProgram(base).orElse(null);
    if (p == null && (!name.contains("/") || BIN_DIRS.contains(parentOf(name)))) {
      p = Utilities.find(base);
    }
    if (p != null) {
      t.push(new ExecFrame(p, argv, environment(t)));
      return PENDING;
    }
    if (!name.contains("/")) {
      String script = searchPath(t, name);
      if (script != null) {
        return runScript(t, script, argv);
      }
    }
    return notFound(t, name);
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : InMemoryFs.normalize(path.substring(0, slash));
  }

  /** A script file found on {@code $PATH} in the file system, or null. */
  static String searchPath(Task t, String name) {
    String path = t.sh.get("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      String candidate = InMemoryFs.resolve(t.sh.cwd, dir + "/" + name);
      if (t.machine.fs().isFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private int runShell(Task t, List<String> argv) {
    int pid = t.machine.allocatePid();
    Shell sh = newShell(t, pid);
    Frame root = ShellLauncher.configure(argv, sh, t.machine.fs());
    t.push(new Frames.ChildTask((parent, ign) -> t.machine.spawn(pid, sh, root, false)));
    return PENDING;
  }

  private int runScript(Task t, String path, List<String> argv) {
    List<String> shellArgv = new ArrayList<>();
    String shebang = ShellLauncher.interpreter(t.machine.fs(), path);
    shellArgv.add(shebang);
    shellArgv.add(path);
    shellArgv.addAll(argv.subList(1, argv.size()));
    return runShell(t, shellArgv);
  }

  private Shell newShell(Task t, int pid) {
    Shell sh = new Shell();
    environment(t).forEach((k, v) -> sh.vars.put(k, new Shell.Var(v, true, false)));
    sh.cwd = t.sh.cwd;
    sh.fds = t.sh.fds;
    sh.pid = pid;
    return sh;
  }

  private int notFound(Task t, String name) {
    if (direct) {
      t.err(
          name.contains("/")
              ? "exec: \"" + name + "\": stat " + name + ": no such file or directory\n"
              : "exec: \"" + name + "\": executable file not found in $PATH\n");
    } else if (t.sh.dialect == Shell.Dialect.BASH) {
      t.shellError(
          name + (name.contains("/") ? ": No such file or directory" : ": command not found"));
    } else {
      t.shellError(name + ": not found");
    }
    return 127;
  }

  private int notExecutable(Task t, String name) {
    if (direct) {
      t.err("exec: \"" + name + "\": permission denied\n");
    } else {
      t.shellError(
          name + (t.sh.dialect == Shell.Dialect.BASH ? ": Is a directory" : ": Permission denied"));
    }
    return 126;
  }
}
