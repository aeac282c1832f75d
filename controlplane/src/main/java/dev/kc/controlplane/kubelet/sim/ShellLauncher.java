package dev.kc.controlplane.kubelet.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starting a shell from its command line: {@code sh -c 'script' [arg0 [args...]]}, {@code bash -ec
 * ...}, {@code sh script-file [args...]}, or a script read from standard input.
 */
final class ShellLauncher {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash");

  private ShellLauncher() {}

  /** Whether a command name (without directory) is a shell this simulation interprets. */
  static boolean isShell(String name) {
    return SHELLS.contains(name);
  }

  /**
   * The shell to run a script file with, from its {@code #!} line ({@code #!/bin/bash} and {@code
   * #!/usr/bin/env bash} give {@code bash}); {@code sh} otherwise, including for interpreters that
   * are not simulated.
   */
  static String interpreter(InMemoryFs fs, String path) {
    String text = fs.readString(path);
    if (!text.startsWith("#!")) {
      return "sh";
    }
    int eol = text.indexOf('\n');
    String[] words = text.substring(2, eol < 0 ? text.length() : eol).trim().split("\\s+");
    String prog = words[0].substring(words[0].lastIndexOf('/') + 1);
    if (prog.equals("env") && words.length > 1) {
      prog = words[1];
    }
    return isShell(prog) ? prog : "sh";
  }

  /**
   * Sets up {@code sh} from a shell command line: dialect, options, {@code $0} and positional
   * parameters.
   *
   * @return the frame that runs the script, or one that prints why the shell cannot start
   */
  static Frame configure(List<String> argv, Shell sh, InMemoryFs fs) {
    String a0 = argv.get(0);
    boolean bash = a0.substring(a0.lastIndexOf('/') + 1).equals("bash");
    sh.dialect = bash ? Shell.Dialect.BASH : Shell.Dialect.DASH;
    sh.arg0 = a0;
    Parsed parsed = parseOptions(argv, sh);
    List<String> rest = new ArrayList<>(argv.subList(parsed.operands, argv.size()));
    if (parsed.modes.contains("c")) {
      if (rest.isEmpty()) {
        return new Frames.Fail(
            bash ? a0 + ": -c: option requires an argument" : a0 + ": 0: -c requires an argument",
            2);
      }
      String script = rest.remove(0);
      if (!rest.isEmpty()) {
        sh.arg0 = rest.remove(0);
      }
      sh.positional = rest;
      return new Frames.Script(script, true, false, true);
    }
    if (!parsed.modes.contains("s") && !rest.isEmpty()) {
      String file = rest.remove(0);
      sh.arg0 = file;
      sh.positional = rest;
      String path = InMemoryFs.resolve(sh.cwd, file);
      if (!fs.isFile(path)) {
        return bash
            ? new Frames.Fail(a0 + ": " + file + ": No such file or directory", 127)
            : new Frames.Fail(a0 + ": 0: cannot open " + file + ": No such file", 2);
      }
      return new Frames.Script(fs.readString(path), true, false, false);
    }
    sh.positional = rest;
    return new Frames.StdinScript();
  }

  /** The result of option parsing: where the operands start and the mode letters seen. */
  private record Parsed(int operands, String modes) {}

  /** Applies the option arguments after {@code argv[0]} ({@code -e}, {@code -o pipefail}...). */
  private static Parsed parseOptions(List<String> argv, Shell sh) {
    StringBuilder modes = new StringBuilder();
    int i = 1;
    while (i < argv.size()) {
      String a = argv.get(i);
      if (a.equals("--") || a.equals("-")) {
        i++;
        break;
      }
      if (a.startsWith("--")) {
        i++;
        continue;
      }
      if (a.length() < 2 || (a.charAt(0) != '-' && a.charAt(0) != '+')) {
        break;
      }
      boolean on = a.charAt(0) == '-';
      i++;
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'c' || c == 's') {
          modes.append(c);
        } else if (c == 'o' && i < argv.size()) {
          setOption(sh, argv.get(i++), on);
        } else {
          setFlag(sh, c, on);
        }
      }
    }
    return new Parsed(Math.min(i, argv.size()), modes.toString());
  }

  /** {@code set -e} and friends; unknown letters are accepted and ignored, as most are. */
  static boolean setFlag(Shell sh, char c, boolean on) {
    switch (c) {
      case 'e' -> sh.errexit = on;
      case 'u' -> sh.nounset = on;
      case 'x' -> sh.xtrace = on;
      case 'f' -> sh.noglob = on;
      case 'a', 'b', 'h', 'i', 'l', 'm', 'n', 'p', 'v', 'C', 'E', 'H', 'B', 'T' -> {
        // Accepted for compatibility; not simulated.
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** {@code set -o NAME}; returns false for an unknown name. */
  static boolean setOption(Shell sh, String name, boolean on) {
    switch (name) {
      case "errexit" -> sh.errexit = on;
      case "nounset" -> sh.nounset = on;
      case "xtrace" -> sh.xtrace = on;
      case "noglob" -> sh.noglob = on;
      case "pipefail" -> sh.pipefail = on;
      case "posix",
          "monitor",
          "verbose",
          "noclobber",
          "allexport",
          "noexec",
          "emacs",
          "vi",
          "ignoreeof",
          "notify",
          "nolog",
          "hashall",
          "errtrace",
          "functrace",
          "interactive-comments" -> {
        // Accepted for compatibility; not simulated.
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
