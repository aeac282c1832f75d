package dev.kc.controlplane.kubelet.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The execution environment of one shell: variables, functions, positional parameters, working
 * directory, open files, options and traps. A subshell gets a copy ({@link #subshell()}), so its
 * changes stay inside it, as with fork(2).
 */
final class Shell {
  /** Which shell was invoked; decides the wording of messages and nothing else. */
  enum Dialect {
    DASH,
    BASH
  }

  /** A variable; a null value means declared (e.g. {@code export X}) but unset. */
  record Var(String value, boolean exported, boolean readonly) {}

  /** Assigning to a read-only variable; the message is the shell's wording. */
  static final class ReadonlyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadonlyException(String name, Dialect dialect) {
      super(name + (dialect == Dialect.BASH ? ": readonly variable" : ": is read only"));
    }
  }

  Map<String, Var> vars = new HashMap<>();
  Map<String, Ast.FuncDef> functions = new HashMap<>();
  List<String> positional = new ArrayList<>();
  String arg0;
  String cwd = "/";
  Fds fds;
  boolean errexit;
  boolean nounset;
  boolean xtrace;
  boolean noglob;
  boolean pipefail;
  Map<String, String> traps = new HashMap<>();
  int pid;
  String lastBackgroundPid = "";
  Dialect dialect = Dialect.DASH;
  int line = 1;

  /** Whether this environment belongs to a sourced file or function, for {@code return}. */
  int functionDepth;

  int sourceDepth;

  /** A copy for a subshell: traps other than ignored ones are reset, as POSIX says. */
  Shell subshell() {
    Shell s = new Shell();
    s.vars = new HashMap<>(vars);
    s.functions = new HashMap<>(functions);
    s.positional = new ArrayList<>(positional);
    s.arg0 = arg0;
    s.cwd = cwd;
    s.fds = fds;
    s.errexit = errexit;
    s.nounset = nounset;
    s.xtrace = xtrace;
    s.noglob = noglob;
    s.pipefail = pipefail;
    traps.forEach(
        (sig, action) -> {
          if (action.isEmpty()) {
            s.traps.put(sig, action);
          }
        });
    s.pid = pid;
    s.lastBackgroundPid = lastBackgroundPid;
    s.dialect = dialect;
    s.line = line;
    s.functionDepth = functionDepth;
    s.sourceDepth = sourceDepth;
    return s;
  }

  /** A new shell process started from this one ({@code sh -c ...}): exported variables only. */
  Shell child(int childPid) {
    Shell s = new Shell();
    vars.forEach(
        (k, v) -> {
          if (v.exported() && v.value() != null) {
            s.vars.put(k, new Var(v.value(), true, false));
          }
        });
    s.cwd = cwd;
    s.fds = fds;
    s.pid = childPid;
    s.dialect = dialect;
    return s;
  }

  /** The value of a variable, or null if unset. */
  String get(String name) {
    Var v = vars.get(name);
    return v == null ? null : v.value();
  }

  /**
   * Sets a variable, keeping its exported flag.
   *
   * @throws ReadonlyException if it is read-only
   */
  void set(String name, String value) {
    Var v = vars.get(name);
    if (v != null && v.readonly()) {
      throw new ReadonlyException(name, dialect);
    }
    vars.put(name, new Var(value, v != null && v.exported(), false));
  }

  void export(String name) {
    Var v = vars.get(name);
    vars.put(name, new Var(v == null ? null : v.value(), true, v != null && v.readonly()));
  }

  void readonly(String name) {
    Var v = vars.get(name);
    vars.put(name, new Var(v == null ? null : v.value(), v != null && v.exported(), true));
  }

  /**
   * Removes a variable.
   *
   * @throws ReadonlyException if it is read-only
   */
  void unset(String name) {
    Var v = vars.get(name);
    if (v != null && v.readonly()) {
      throw new ReadonlyException(name, dialect);
    }
    vars.remove(name);
  }

  /** The exported variables with values, sorted by name, for {@code env} and programs. */
  Map<String, String> environment() {
    Map<String, String> env = new TreeMap<>();
    vars.forEach(
        (k, v) -> {
          if (v.exported() && v.value() != null) {
            env.put(k, v.value());
          }
        });
    return env;
  }

  /** The option letters for {@code $-}. */
  String optionFlags() {
    StringBuilder sb = new StringBuilder();
    if (errexit) {
      sb.append('e');
    }
    if (noglob) {
      sb.append('f');
    }
    if (nounset) {
      sb.append('u');
    }
    if (xtrace) {
      sb.append('x');
    }
    return sb.toString();
  }

  /** The prefix of an error message: {@code sh: 3: } (dash) or {@code bash: line 3: }. */
  String errorPrefix() {
    return dialect == Dialect.BASH ? arg0 + ": line " + line + ": " : arg0 + ": " + line + ": ";
  }

  /** The directory the {@code ~} expands to. */
  String home() {
    String h = get("HOME");
    return h == null ? "/root" : h;
  }
}
