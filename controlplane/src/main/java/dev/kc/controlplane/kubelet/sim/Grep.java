package dev.kc.controlplane.kubelet.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * grep with basic ({@code -G}), extended ({@code -E}) and fixed ({@code -F}) patterns and the
 * options {@code -q -v -c -i -n -w -x -o -l -L -h -H -r -s -e}. Streams piped input line by line
 * unless counting or listing files.
 */
final class Grep {
  /** Exit code for errors, as GNU grep. */
  private static final int TROUBLE = 2;

  private final Invocation inv;
  private final Args opts;
  private final List<Pattern> patterns;
  private final List<String> files;
  private boolean selectedAny;

  private Grep(Invocation inv, Args opts, List<Pattern> patterns, List<String> files) {
    this.inv = inv;
    this.opts = opts;
    this.patterns = patterns;
    this.files = files;
  }

  /** grep, egrep ({@code mode} E) or fgrep ({@code mode} F). */
  static Program program(Character mode) {
    Program whole = Program.of(inv -> run(inv, mode));
    return new LineFilter.Streaming(whole, inv -> filter(inv, mode));
  }

  /**
   * Parses the command line.
   *
   * @return the grep, or null after printing a usage error (exit code in {@code error[0]})
   */
  private static Grep parse(Invocation inv, Character mode, int[] error) {
    List<String> exprs = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-e") && i + 1 < args.size()) {
        exprs.add(args.get(++i));
      } else if (a.startsWith("--regexp=")) {
        exprs.add(a.substring(9));
      } else {
        rest.add(a);
      }
    }
    Args o =
        Args.parse(
            rest,
            "qvciEFGnwxolLhHrRsPz",
            "mABC",
            Map.of(
                "quiet",
                'q',
                "silent",
                'q',
                "invert-match",
                'v',
                "count",
                'c',
                "ignore-case",
                'i',
                "extended-regexp",
                'E',
                "fixed-strings",
                'F',
                "line-number",
                'n',
                "recursive",
                'r'));
    if (o.invalid != null) {
      error[0] = o.usage(inv, TROUBLE);
      return null;
    }
    List<String> files = new ArrayList<>(o.operands);
    if (exprs.isEmpty()) {
      if (files.isEmpty()) {
        inv.err("Usage: grep [OPTION]... PATTERNS [FILE]...\n");
        error[0] = TROUBLE;
        return null;
      }
      exprs.add(files.remove(0));
    }
    char syntax = mode != null ? mode : o.has('F') ? 'F' : o.has('E') || o.has('P') ? 'E' : 'G';
    try {
      return new Grep(inv, o, compile(exprs, syntax, o), files);
    } catch (PatternSyntaxException e) {
      inv.complain("Invalid regular expression");
      error[0] = TROUBLE;
      return null;
    }
  }

  private static List<Pattern> compile(List<String> exprs, char syntax, Args o) {
    List<Pattern> out = new ArrayList<>();
    for (String group : exprs) {
      for (String p : group.split("\n", -1)) {
        String re =
            switch (syntax) {
              case 'F' -> Pattern.quote(p);
              case 'E' -> TextUtilities.extendedRegex(p);
              default -> TextUtilities.basicRegex(p);
            };
        if (o.has('w')) {
          re = "(?<![\\w])(?:" + re + ")(?![\\w])";
        }
        if (o.has('x')) {
          re = "^(?:" + re + ")$";
        }
        out.add(Pattern.compile(re, o.has('i') ? Pattern.CASE_INSENSITIVE : 0));
      }
    }
    return out;
  }

  private static int run(Invocation inv, Character mode) {
    int[] error = new int[1];
    Grep g = parse(inv, mode, error);
    return g == null ? error[0] : g.searchAll();
  }

  private static LineFilter.Filter filter(Invocation inv, Character mode) {
    int[] error = new int[1];
    Grep g = parse(inv, mode, error);
    if (g == null || !g.canStream()) {
      // Parse again in the whole-program run, which reports the error or counts.
      return null;
    }
    return new LineFilter.Filter() {
      private int lineNumber;

      @Override
      public boolean accept(String line) {
        String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        StringBuilder out = new StringBuilder();
        boolean selected = g.select(text, ++lineNumber, "", out);
        inv.out(out.toString());
        return !(selected && g.opts.has('q'));
      }

      @Override
      public int finish() {
        return g.selectedAny ? 0 : 1;
      }
    };
  }

  private boolean canStream() {
    boolean stdinOnly = files.isEmpty() || files.equals(List.of("-"));
    return stdinOnly
        && !opts.has('r')
        && !opts.has('R')
        && !opts.has('c')
        && !opts.has('l')
        && !opts.has('L');
  }

  private int searchAll() {
    boolean recursive = opts.has('r') || opts.has('R');
    List<String> operands = new ArrayList<>(files);
    if (operands.isEmpty()) {
      operands.add(recursive ? "." : "-");
    }
    List<String[]> inputs = new ArrayList<>();
    int status = readInputs(operands, recursive, inputs);
    boolean names = (inputs.size() > 1 || recursive) && !opts.has('h') || opts.has('H');
    StringBuilder out = new StringBuilder();
    for (String[] in : inputs) {
      String name = in[0].equals("-") ? "(standard input)" : in[0];
      int count = 0;
      List<String> lines = TextUtilities.lines(in[1]);
      for (int n = 0; n < lines.size(); n++) {
        if (select(lines.get(n), n + 1, names ? name + ":" : "", out)) {
          count++;
          if (opts.has('q')) {
            return 0;
          }
        }
      }
      if (opts.has('c')) {
        out.append(names ? name + ":" : "").append(count).append('\n');
      } else if (opts.has('l') && count > 0 || opts.has('L') && count == 0) {
        out.append(name).append('\n');
      }
    }
    inv.out(out.toString());
    return status != 0 ? status : selectedAny ? 0 : 1;
  }

  /** Whether {@code line} is selected; appends what grep prints for it. */
  private boolean select(String line, int number, String prefix, StringBuilder out) {
    boolean matches = false;
    for (Pattern p : patterns) {
      if (p.matcher(line).find()) {
        matches = true;
        break;
      }
    }
    if (matches == opts.has('v')) {
      return false;
    }
    selectedAny = true;
    if (opts.has('q') || opts.has('c') || opts.has('l') || opts.has('L')) {
      return true;
    }
    String lead = prefix + (opts.has('n') ? number + ":" : "");
    if (opts.has('o') && !opts.has('v')) {
      for (Pattern p : patterns) {
        Matcher m = p.matcher(line);
        while (m.find()) {
          if (!m.group().isEmpty()) {
            out.append(lead).append(m.group()).append('\n');
          }
        }
      }
    } else {
      out.append(lead).append(line).append('\n');
    }
    return true;
  }

  /** Reads the inputs, descending into directories with -r; returns 2 if any failed. */
  private int readInputs(List<String> operands, boolean recursive, List<String[]> out) {
    int status = 0;
    for (String f : operands) {
      if (!f.equals("-") && inv.fs().isDirectory(inv.path(f))) {
        if (!recursive) {
          complain(f + ": Is a directory");
          status = TROUBLE;
          continue;
        }
        List<String> children = new ArrayList<>();
        for (String name : inv.fs().list(inv.path(f))) {
          children.add(f.endsWith("/") ? f + name : f + "/" + name);
        }
        status = Math.max(status, readInputs(children, true, out));
        continue;
      }
      try {
        String text = f.equals("-") ? inv.readStdin() : inv.fs().readString(inv.path(f));
        out.add(new String[] {f, text});
      } catch (FsException e) {
        complain(f + ": " + e.errno().text());
        status = TROUBLE;
      }
    }
    return status;
  }

  private void complain(String message) {
    if (!opts.has('s')) {
      inv.complain(message);
    }
  }
}
