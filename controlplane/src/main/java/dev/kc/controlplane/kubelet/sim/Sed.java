package dev.kc.controlplane.kubelet.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A subset of sed: addresses (line, {@code $}, {@code /regex/}, ranges, {@code !}) and the commands
 * {@code s}, {@code p}, {@code d}, {@code q}, {@code Q}, {@code =}, {@code a}, {@code i}, {@code
 * c}, {@code y}; options {@code -n}, {@code -e}, {@code -E}/{@code -r}, {@code -i}. Blocks, hold
 * space and {@code n}/{@code N} are not supported and are reported as errors.
 */
final class Sed {
  private static final class SedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SedError(String message) {
      super(message);
    }
  }

  private record Address(int line, boolean last, Pattern regex) {}

  private static final class Command {
    Address from;
    Address to;
    boolean negate;
    char name;
    Pattern regex;
    String replacement;
    boolean global;
    int occurrence = 1;
    boolean print;
    String text;
    String ySource;
    String yTarget;
    boolean active;
  }

  private final String script;
  private final boolean extended;
  private int pos;

  private Sed(String script, boolean extended) {
    this.script = script;
    this.extended = extended;
  }

  /** The command line: scripts, files and flags. */
  private static final class Options {
    final List<String> scripts = new ArrayList<>();
    final List<String> files = new ArrayList<>();
    boolean quiet;
    boolean extended;
    boolean inPlace;

    static Options parse(Invocation inv) {
      Options o = new Options();
      List<String> args = inv.args();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("-e") && i + 1 < args.size()) {
          o.scripts.add(args.get(++i));
        } else if (a.startsWith("--expression=")) {
          o.scripts.add(a.substring(13));
        } else if (a.equals("-f") && i + 1 < args.size()) {
          o.scripts.add(TextUtilities.input(inv, args.get(++i)));
        } else if (a.equals("--quiet") || a.equals("--silent")) {
          o.quiet = true;
        } else if (a.equals("--regexp-extended")) {
          o.extended = true;
        } else if (a.startsWith("-i") || a.startsWith("--in-place")) {
          o.inPlace = true;
        } else if (a.startsWith("-") && a.length() > 1 && a.substring(1).matches("[nErsu]+")) {
          o.quiet |= a.contains("n");
          o.extended |= a.contains("E") || a.contains("r");
        } else if (!a.equals("--posix")) {
          o.files.add(a);
        }
      }
      if (o.scripts.isEmpty() && !o.files.isEmpty()) {
        o.scripts.add(o.files.remove(0));
      }
      if (o.files.isEmpty()) {
        o.files.add("-");
      }
      return o;
    }
  }

  static int run(Invocation inv) {
    Options o = Options.parse(inv);
    if (o.scripts.isEmpty()) {
      inv.err("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n");
      return 1;
    }
    List<Command> commands;
    try {
      commands = new Sed(String.join("\n", o.scripts), o.extended).parse();
    } catch (SedError | PatternSyntaxException e) {
      inv.complain("-e expression #1, char 0: " + e.getMessage());
      return 1;
    }
    if (o.inPlace) {
      for (String f : o.files) {
        String text = TextUtilities.input(inv, f);
        if (text == null) {
          return 4;
        }
        inv.fs().writeString(inv.path(f), execute(commands, text, o.quiet, new int[1]));
      }
      return 0;
    }
    StringBuilder all = new StringBuilder();
    for (String f : o.files) {
      String text = TextUtilities.input(inv, f);
      if (text == null) {
        return 2;
      }
      all.append(text);
    }
    int[] exit = new int[1];
    inv.out(execute(commands, all.toString(), o.quiet, exit));
    return exit[0];
  }

  // ---- parsing ----

  private List<Command> parse() {
    List<Command> out = new ArrayList<>();
    while (true) {
      skip(" \t\n;");
      if (pos >= script.length()) {
        return out;
      }
      if (script.charAt(pos) == '#') {
        while (pos < script.length() && script.charAt(pos) != '\n') {
          pos++;
        }
        continue;
      }
      Command c = new Command();
      c.from = address();
      if (c.from != null && peek() == ',') {
        pos++;
        c.to = address();
        if (c.to == null) {
          throw new SedError("unexpected `,'");
        }
      }
      skip(" \t");
      if (peek() == '!') {
        c.negate = true;
        pos++;
        skip(" \t");
      }
      if (pos >= script.length()) {
        throw new SedError("missing command");
      }
      c.name = script.charAt(pos++);
      command(c);
      out.add(c);
    }
  }

  private void command(Command c) {
    switch (c.name) {
      case 's' -> substitution(c);
      case 'y' -> {
        char d = script.charAt(pos++);
        c.ySource = delimited(d, false);
        c.yTarget = delimited(d, false);
        if (c.ySource.length() != c.yTarget.length()) {
          throw new SedError("strings for `y' command are different lengths");
        }
      }
      case 'a', 'i', 'c' -> c.text = text();
      case 'q', 'Q' -> {
        skip(" \t");
        int start = pos;
        while (pos < script.length() && Character.isDigit(script.charAt(pos))) {
          pos++;
        }
        c.occurrence = start == pos ? 0 : Integer.parseInt(script.substring(start, pos));
      }
      case 'p', 'd', '=' -> {
        // No arguments.
      }
      default -> throw new SedError("unknown command: `" + c.name + "'");
    }
  }

  private void substitution(Command c) {
    if (pos >= script.length()) {
      throw new SedError("unterminated `s' command");
    }
    char d = script.charAt(pos++);
    String re = delimited(d, true);
    c.replacement = delimited(d, false);
    int flags = 0;
    while (pos < script.length() && "gpiIe0123456789".indexOf(script.charAt(pos)) >= 0) {
      char f = script.charAt(pos++);
      if (f == 'g') {
        c.global = true;
      } else if (f == 'p') {
        c.print = true;
      } else if (f == 'i' || f == 'I') {
        flags = Pattern.CASE_INSENSITIVE;
      } else if (Character.isDigit(f)) {
        c.occurrence = Character.getNumericValue(f);
      }
    }
    c.regex = compile(re, flags);
  }

  private Pattern compile(String re, int flags) {
    return Pattern.compile(
        extended ? TextUtilities.extendedRegex(re) : TextUtilities.basicRegex(re), flags);
  }

  /** Text up to the delimiter; {@code \delim} stands for the delimiter itself. */
  private String delimited(char d, boolean regex) {
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= script.length()) {
        throw new SedError("unterminated `s' command");
      }
      char c = script.charAt(pos++);
      if (c == d) {
        return sb.toString();
      }
      if (c == '\\' && pos < script.length()) {
        char n = script.charAt(pos++);
        if (n == d) {
          sb.append(regex && extended && "|+?(){}".indexOf(d) >= 0 ? "\\" + d : String.valueOf(d));
        } else if (n == 'n' && !regex) {
          sb.append('\n');
        } else {
          sb.append('\\').append(n);
        }
        continue;
      }
      sb.append(c);
    }
  }

  private String text() {
    skip(" \t");
    if (peek() == '\\') {
      pos++;
      if (peek() == '\n') {
        pos++;
      }
    }
    int eol = script.indexOf('\n', pos);
    String t = script.substring(pos, eol < 0 ? script.length() : eol);
    pos = eol < 0 ? script.length() : eol;
    return t;
  }

  private Address address() {
    char c = peek();
    if (Character.isDigit(c)) {
      int start = pos;
      while (pos < script.length() && Character.isDigit(script.charAt(pos))) {
        pos++;
      }
      return new Address(Integer.parseInt(script.substring(start, pos)), false, null);
    }
    if (c == '$') {
      pos++;
      return new Address(0, true, null);
    }
    if (c == '/' || c == '\\') {
      pos++;
      char d = c == '/' ? '/' : script.charAt(pos++);
      String re = delimited(d, true);
      int flags = 0;
      if (peek() == 'I') {
        pos++;
        flags = Pattern.CASE_INSENSITIVE;
      }
      return new Address(0, false, compile(re, flags));
    }
    return null;
  }

  private char peek() {
    return pos < script.length() ? script.charAt(pos) : 0;
  }

  private void skip(String chars) {
    while (pos < script.length() && chars.indexOf(script.charAt(pos)) >= 0) {
      pos++;
    }
  }

  // ---- execution ----

  /** The state of one line's cycle. */
  private static final class Cycle {
    String ps;
    boolean deleted;
    boolean quit;
    boolean autoprint;
    final List<String> appends = new ArrayList<>();
  }

  private static String execute(List<Command> commands, String text, boolean quiet, int[] exit) {
    List<String> lines = TextUtilities.lines(text);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      Cycle cy = new Cycle();
      cy.ps = lines.get(i);
      cy.autoprint = !quiet;
      for (Command c : commands) {
        if (selects(c, i + 1, cy.ps, i == lines.size() - 1)) {
          apply(c, cy, i + 1, out, exit);
        }
        if (cy.deleted || cy.quit) {
          break;
        }
      }
      if (!cy.deleted && cy.autoprint) {
        out.append(cy.ps).append('\n');
      }
      for (String a : cy.appends) {
        out.append(a).append('\n');
      }
      if (cy.quit) {
        break;
      }
    }
    if (!text.endsWith("\n") && out.length() > 0 && !text.isEmpty()) {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  private static void apply(Command c, Cycle cy, int line, StringBuilder out, int[] exit) {
    switch (c.name) {
      case 's' -> {
        String r = substitute(c, cy.ps);
        if (r != null) {
          cy.ps = r;
          if (c.print) {
            out.append(cy.ps).append('\n');
          }
        }
      }
      case 'y' -> {
        StringBuilder sb = new StringBuilder();
        for (char ch : cy.ps.toCharArray()) {
          int k = c.ySource.indexOf(ch);
          sb.append(k < 0 ? ch : c.yTarget.charAt(k));
        }
        cy.ps = sb.toString();
      }
      case 'p' -> out.append(cy.ps).append('\n');
      case '=' -> out.append(line).append('\n');
      case 'a' -> cy.appends.add(c.text);
      case 'i' -> out.append(c.text).append('\n');
      case 'c' -> {
        out.append(c.text).append('\n');
        cy.deleted = true;
      }
      case 'd' -> cy.deleted = true;
      case 'q', 'Q' -> {
        cy.quit = true;
        cy.autoprint &= c.name == 'q';
        exit[0] = c.occurrence;
      }
      default -> throw new IllegalStateException("parsed an unknown sed command " + c.name);
    }
  }

  private static boolean selects(Command c, int line, String ps, boolean last) {
    boolean m;
    if (c.from == null) {
      m = true;
    } else if (c.to == null) {
      m = matches(c.from, line, ps, last);
    } else if (!c.active) {
      m = matches(c.from, line, ps, last);
      if (m) {
        c.active = !(c.to.regex == null && !c.to.last && c.to.line <= line);
      }
    } else {
      m = true;
      if (c.to.regex != null
          ? c.to.regex.matcher(ps).find()
          : c.to.last ? last : line >= c.to.line) {
        c.active = false;
      }
    }
    return m != c.negate;
  }

  private static boolean matches(Address a, int line, String ps, boolean last) {
    if (a.regex != null) {
      return a.regex.matcher(ps).find();
    }
    return a.last ? last : a.line == line;
  }

  /** The pattern space after {@code s}, or null if nothing was replaced. */
  private static String substitute(Command c, String ps) {
    Matcher m = c.regex.matcher(ps);
    StringBuilder sb = new StringBuilder();
    int at = 0;
    int count = 0;
    boolean replaced = false;
    int from = 0;
    while (from <= ps.length() && m.find(from)) {
      count++;
      if (count >= c.occurrence) {
        sb.append(ps, at, m.start()).append(expand(c.replacement, m));
        at = m.end();
        replaced = true;
        if (!c.global) {
          break;
        }
      }
      // An empty match must not be found again at the same place.
      from = m.end() == m.start() ? m.end() + 1 : m.end();
    }
    if (!replaced) {
      return null;
    }
    return sb.append(ps.substring(at)).toString();
  }

  private static String expand(String replacement, Matcher m) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '&') {
        sb.append(m.group());
      } else if (c == '\\' && i + 1 < replacement.length()) {
        char n = replacement.charAt(++i);
        if (Character.isDigit(n)) {
          int g = n - '0';
          sb.append(g <= m.groupCount() && m.group(g) != null ? m.group(g) : "");
        } else if (n == 'n') {
          sb.append('\n');
        } else if (n == 't') {
          sb.append('\t');
        } else {
          sb.append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
