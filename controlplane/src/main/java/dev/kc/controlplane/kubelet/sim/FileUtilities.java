package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.FsException.Errno;
import java.io.ByteArrayOutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** File utilities: cat, touch, rm, rmdir, mkdir, ls, cp, mv, chmod, find, mktemp, tee... */
final class FileUtilities {
  private static final DateTimeFormatter LS_DATE =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private FileUtilities() {}

  static void register(Map<String, Program> p) {
    p.put(
        "cat", new LineFilter.Streaming(Program.of(FileUtilities::cat), FileUtilities::catFilter));
    p.put("touch", Program.of(FileUtilities::touch));
    p.put("rm", Program.of(FileUtilities::rm));
    p.put("rmdir", Program.of(FileUtilities::rmdir));
    p.put("mkdir", Program.of(FileUtilities::mkdir));
    p.put("ls", Program.of(FileUtilities::ls));
    p.put("cp", Program.of(inv -> copyOrMove(inv, false)));
    p.put("mv", Program.of(inv -> copyOrMove(inv, true)));
    p.put("chmod", Program.of(FileUtilities::chmod));
    p.put("chown", Program.of(FileUtilities::chmod));
    p.put("chgrp", Program.of(FileUtilities::chmod));
    p.put("find", Program.of(FileUtilities::find));
    p.put("mktemp", Program.of(FileUtilities::mktemp));
    p.put(
        "tee", new LineFilter.Streaming(Program.of(FileUtilities::tee), FileUtilities::teeFilter));
    p.put("realpath", Program.of(FileUtilities::realpath));
    p.put("readlink", Program.of(FileUtilities::realpath));
    p.put("basename", Program.of(FileUtilities::basename));
    p.put("dirname", Program.of(FileUtilities::dirname));
    p.put("sync", Program.of(inv -> 0));
  }

  private static int cat(Invocation inv) {
    Args a = Args.parse(inv.args(), "nuAEsTv", "", Map.of("number", 'n'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    List<String> files = a.operands.isEmpty() ? List.of("-") : a.operands;
    int status = 0;
    int line = 1;
    for (String f : files) {
      byte[] data;
      try {
        data = f.equals("-") ? inv.stdin().get() : inv.fs().read(inv.path(f));
      } catch (FsException e) {
        inv.complain(f + ": " + e.errno().text());
        status = 1;
        continue;
      }
      if (a.has('n')) {
        StringBuilder sb = new StringBuilder();
        for (String l : Utilities.text(data).split("(?<=\n)")) {
          if (!l.isEmpty()) {
            sb.append(String.format("%6d\t%s", line++, l));
          }
        }
        data = Utilities.utf8(sb.toString());
      }
      if (data.length > 0) {
        inv.stdout().write(data);
      }
    }
    return status;
  }

  /** {@code cat} of a pipe: passes lines on as they come. */
  private static LineFilter.Filter catFilter(Invocation inv) {
    if (!inv.args().isEmpty() && !inv.args().equals(List.of("-"))) {
      return null;
    }
    return new LineFilter.Filter() {
      @Override
      public boolean accept(String line) {
        inv.out(line);
        return true;
      }

      @Override
      public int finish() {
        return 0;
      }
    };
  }

  private static int touch(Invocation inv) {
    Args a = Args.parse(inv.args(), "acmfh", "dtr", Map.of("no-create", 'c'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    if (a.operands.isEmpty()) {
      return missingOperand(inv, "file operand");
    }
    int status = 0;
    for (String f : a.operands) {
      try {
        if (!a.has('c')) {
          inv.fs().touch(inv.path(f));
        }
      } catch (FsException e) {
        inv.complain("cannot touch '" + f + "': " + e.errno().text());
        status = 1;
      }
    }
    return status;
  }

  private static int missingOperand(Invocation inv, String what) {
    inv.complain("missing " + what);
    inv.err("Try '" + inv.name() + " --help' for more information.\n");
    return 1;
  }

  private static int rm(Invocation inv) {
    Args a =
        Args.parse(
            inv.args(),
            "fRrdiIv",
            "",
            Map.of(
                "force",
                'f',
                "recursive",
                'r',
                "dir",
                'd',
                "verbose",
                'v',
                "no-preserve-root",
                'P'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    boolean force = a.has('f');
    boolean recursive = a.has('r') || a.has('R');
    if (a.operands.isEmpty()) {
      return force ? 0 : missingOperand(inv, "operand");
    }
    int status = 0;
    for (String f : a.operands) {
      String path = inv.path(f);
      if (path.equals("/") && recursive && !a.has('P')) {
        inv.complain("it is dangerous to operate recursively on '/'");
        inv.complain("use --no-preserve-root to override this failsafe");
        status = 1;
        continue;
      }
      if (!inv.fs().exists(path)) {
        if (!force) {
          inv.complain("cannot remove '" + f + "': No such file or directory");
          status = 1;
        }
        continue;
      }
      if (inv.fs().isDirectory(path) && !recursive) {
        if (!a.has('d')) {
          inv.complain("cannot remove '" + f + "': Is a directory");
          status = 1;
          continue;
        }
      }
      if (!removeTree(inv, path, f)) {
        status = 1;
      }
    }
    return status;
  }

  /** Removes a tree depth-first, reporting each failure as rm does; true if all went. */
  private static boolean removeTree(Invocation inv, String path, String display) {
    boolean ok = true;
    if (inv.fs().isDirectory(path)) {
      for (String name : inv.fs().list(path)) {
        ok &= removeTree(inv, path + "/" + name, display + "/" + name);
      }
    }
    try {
      inv.fs().delete(path);
    } catch (FsException e) {
      if (ok || e.errno() != Errno.ENOTEMPTY) {
        inv.complain("cannot remove '" + display + "': " + e.errno().text());
      }
      return false;
    }
    return ok;
  }

  private static int rmdir(Invocation inv) {
    Args a = Args.parse(inv.args(), "pv", "", Map.of("parents", 'p'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    if (a.operands.isEmpty()) {
      return missingOperand(inv, "operand");
    }
    int status = 0;
    for (String f : a.operands) {
      try {
        if (!inv.fs().isDirectory(inv.path(f)) && inv.fs().exists(inv.path(f))) {
          throw new FsException(Errno.ENOTDIR, f);
        }
        inv.fs().delete(inv.path(f));
      } catch (FsException e) {
        inv.complain("failed to remove '" + f + "': " + e.errno().text());
        status = 1;
      }
    }
    return status;
  }

  private static int mkdir(Invocation inv) {
    Args a = Args.parse(inv.args(), "pv", "m", Map.of("parents", 'p', "mode=", 'm'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    if (a.operands.isEmpty()) {
      return missingOperand(inv, "operand");
    }
    int status = 0;
    for (String f : a.operands) {
      try {
        if (a.has('p')) {
          inv.fs().mkdirs(inv.path(f));
        } else {
          inv.fs().mkdir(inv.path(f));
        }
      } catch (FsException e) {
        inv.complain("cannot create directory '" + f + "': " + e.errno().text());
        status = 1;
      }
    }
    return status;
  }

  private static int ls(Invocation inv) {
    Args a = Args.parse(inv.args(), "aAlh1dFrtRS", "", Map.of("all", 'a', "almost-all", 'A'));
    if (a.invalid != null) {
      return a.usage(inv, 2);
    }
    List<String> ops = a.operands.isEmpty() ? List.of(".") : a.operands;
    List<String> files = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    int status = 0;
    for (String op : ops) {
      String path = inv.path(op);
      if (!inv.fs().exists(path)) {
        inv.complain("cannot access '" + op + "': No such file or directory");
        status = 2;
      } else if (inv.fs().isDirectory(path) && !a.has('d')) {
        dirs.add(op);
      } else {
        files.add(op);
      }
    }
    Collections.sort(files);
    Collections.sort(dirs);
    StringBuilder out = new StringBuilder();
    for (String f : ordered(files, a)) {
      out.append(entry(inv, a, inv.path(f), f));
    }
    boolean headers = ops.size() > 1;
    for (String d : dirs) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (headers) {
        out.append(d).append(":\n");
      }
      out.append(listing(inv, a, d));
    }
    inv.out(out.toString());
    return status;
  }

  private static List<String> ordered(List<String> names, Args a) {
    List<String> copy = new ArrayList<>(names);
    if (a.has('r')) {
      Collections.reverse(copy);
    }
    return copy;
  }

  private static String listing(Invocation inv, Args a, String dir) {
    String path = inv.path(dir);
    List<String> names = new ArrayList<>();
    if (a.has('a')) {
      names.add(".");
      names.add("..");
    }
    for (String n : inv.fs().list(path)) {
      if (!n.startsWith(".") || a.has('a') || a.has('A')) {
        names.add(n);
      }
    }
    StringBuilder sb = new StringBuilder();
    if (a.has('l')) {
      long blocks = 0;
      for (String n : names) {
        String p = InMemoryFs.resolve(path, n);
        blocks += inv.fs().isDirectory(p) ? 4 : (inv.fs().size(p) + 4095) / 4096 * 4;
      }
      sb.append("total ").append(blocks).append('\n');
    }
    for (String n : ordered(names, a)) {
      sb.append(entry(inv, a, InMemoryFs.resolve(path, n), n));
    }
    return sb.toString();
  }

  private static String entry(Invocation inv, Args a, String path, String name) {
    if (!a.has('l')) {
      return name + "\n";
    }
    boolean dir = inv.fs().isDirectory(path);
    boolean dev = inv.fs().isDevice(path);
    String mode = dir ? "drwxr-xr-x" : dev ? "crw-rw-rw-" : "-rw-r--r--";
    long size = dir ? 4096 : dev ? 0 : inv.fs().size(path);
    return String.format(
        "%s %d root root %5d %s %s%n", mode, dir ? 2 : 1, size, LS_DATE.format(inv.now()), name);
  }

  private static int copyOrMove(Invocation inv, boolean move) {
    Args a =
        Args.parse(
            inv.args(),
            move ? "fivnuT" : "rRapfivnLPduT",
            "t",
            Map.of(
                "recursive",
                'r',
                "force",
                'f',
                "archive",
                'a',
                "verbose",
                'v',
                "target-directory=",
                't'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    List<String> ops = new ArrayList<>(a.operands);
    if (a.value('t') != null) {
      ops.add(a.value('t'));
    }
    if (ops.size() < 2) {
      return missingOperand(
          inv,
          ops.isEmpty() ? "file operand" : "destination file operand after '" + ops.get(0) + "'");
    }
    String dst = ops.remove(ops.size() - 1);
    if (ops.size() > 1 && !inv.fs().isDirectory(inv.path(dst))) {
      inv.complain("target '" + dst + "' is not a directory");
      return 1;
    }
    int status = 0;
    for (String src : ops) {
      status |= copyOrMoveOne(inv, a, src, dst, move);
    }
    return status;
  }

  /** cp or mv of one source; returns 1 after complaining, else 0. */
  private static int copyOrMoveOne(Invocation inv, Args a, String src, String dst, boolean move) {
    String from = inv.path(src);
    if (!inv.fs().exists(from)) {
      inv.complain("cannot stat '" + src + "': No such file or directory");
      return 1;
    }
    boolean recursive = move || a.has('r') || a.has('R') || a.has('a');
    if (inv.fs().isDirectory(from) && !recursive) {
      inv.complain("-r not specified; omitting directory '" + src + "'");
      return 1;
    }
    // "cp -r src/. dst" copies the content of src into dst.
    boolean contents = src.endsWith("/.") && !move;
    String to =
        inv.fs().isDirectory(inv.path(dst)) && !contents
            ? InMemoryFs.resolve(inv.path(dst), baseName(from))
            : inv.path(dst);
    if (to.equals(from) || (to.startsWith(from + "/") && inv.fs().isDirectory(from))) {
      inv.complain(
          move
              ? "cannot move '" + src + "' to a subdirectory of itself, '" + dst + "'"
              : "'" + src + "' and '" + dst + "' are the same file");
      return 1;
    }
    if (a.has('n') && inv.fs().exists(to)) {
      return 0;
    }
    try {
      if (move) {
        moveTree(inv, from, to);
      } else {
        copyTree(inv, from, to);
      }
      return 0;
    } catch (FsException e) {
      String what = move ? "cannot move '" + src + "' to '" : "cannot create regular file '";
      inv.complain(what + dst + "': " + e.errno().text());
      return 1;
    }
  }

  private static void moveTree(Invocation inv, String from, String to) {
    try {
      inv.fs().rename(from, to);
    } catch (FsException e) {
      if (e.errno() != Errno.EXDEV) {
        throw e;
      }
      // Across volumes rename(2) fails; mv copies and then removes, as coreutils does.
      copyTree(inv, from, to);
      inv.fs().deleteRecursively(from);
    }
  }

  private static void copyTree(Invocation inv, String from, String to) {
    InMemoryFs fs = inv.fs();
    if (!fs.isDirectory(from)) {
      fs.write(to, fs.read(from));
      return;
    }
    if (!fs.isDirectory(to)) {
      fs.mkdir(to);
    }
    for (String name : fs.list(from)) {
      copyTree(inv, from + "/" + name, InMemoryFs.resolve(to, name));
    }
  }

  private static String baseName(String path) {
    return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
  }

  private static int chmod(Invocation inv) {
    List<String> ops = new ArrayList<>();
    for (String arg : inv.args()) {
      if (!arg.startsWith("-") || arg.matches("-[rwxXst,+=ugoa0-7-]+")) {
        ops.add(arg);
      }
    }
    if (ops.size() < 2) {
      return missingOperand(inv, "operand");
    }
    int status = 0;
    for (String f : ops.subList(1, ops.size())) {
      if (!inv.fs().exists(inv.path(f))) {
        inv.complain("cannot access '" + f + "': No such file or directory");
        status = 1;
      }
    }
    // Modes and owners are not simulated: an existing file is all that is checked.
    return status;
  }

  private static int find(Invocation inv) {
    List<String> args = inv.args();
    List<String> starts = new ArrayList<>();
    int i = 0;
    while (i < args.size()
        && !args.get(i).startsWith("-")
        && !args.get(i).equals("!")
        && !args.get(i).equals("(")) {
      starts.add(args.get(i++));
    }
    if (starts.isEmpty()) {
      starts.add(".");
    }
    FindQuery q = new FindQuery();
    String error = q.parse(args.subList(i, args.size()));
    if (error != null) {
      inv.complain(error);
      return 1;
    }
    int status = 0;
    List<String> toDelete = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (String start : starts) {
      String path = inv.path(start);
      if (!inv.fs().exists(path)) {
        inv.complain("'" + start + "': No such file or directory");
        status = 1;
        continue;
      }
      walk(inv, q, path, start, 0, out, toDelete);
    }
    for (String p : toDelete) {
      try {
        inv.fs().delete(p);
      } catch (FsException e) {
        inv.complain("cannot delete '" + p + "': " + e.errno().text());
        status = 1;
      }
    }
    inv.out(out.toString());
    return status;
  }

  /** Visits {@code path} and below: prints in pre-order, deletes in post-order as find does. */
  private static void walk(
      Invocation inv,
      FindQuery q,
      String path,
      String display,
      int depth,
      StringBuilder out,
      List<String> toDelete) {
    boolean match = depth >= q.minDepth && q.matches(inv, path, depth);
    if (match && !q.delete) {
      out.append(display).append('\n');
    }
    if (inv.fs().isDirectory(path) && depth < q.maxDepth) {
      for (String name : inv.fs().list(path)) {
        String child = display.endsWith("/") ? display + name : display + "/" + name;
        String childPath = path.equals("/") ? "/" + name : path + "/" + name;
        walk(inv, q, childPath, child, depth + 1, out, toDelete);
      }
    }
    if (match && q.delete) {
      toDelete.add(path);
    }
  }

  /** The subset of find expressions supported: an AND of tests, each optionally negated. */
  private static final class FindQuery {
    int maxDepth = Integer.MAX_VALUE;
    int minDepth;
    boolean delete;
    private final List<String[]> tests = new ArrayList<>();

    /** Parses the expression; returns an error message, or null. */
    String parse(List<String> args) {
      boolean negate = false;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("!") || a.equals("-not")) {
          negate = true;
          continue;
        }
        if (a.equals("-a") || a.equals("-and") || a.equals("-print")) {
          continue;
        }
        if (a.equals("-delete")) {
          delete = true;
          continue;
        }
        boolean takesValue =
            List.of("-maxdepth", "-mindepth", "-name", "-iname", "-type", "-path").contains(a);
        if (!takesValue && !a.equals("-empty")) {
          return "unsupported expression '"
              + a
              + "' (the simulation knows -name, -iname, "
              + "-path, -type, -empty, -maxdepth, -mindepth, -delete, -print, !)";
        }
        if (takesValue && i + 1 >= args.size()) {
          return "missing argument to `" + a + "'";
        }
        String value = takesValue ? args.get(++i) : "";
        if (a.equals("-maxdepth")) {
          maxDepth = Integer.parseInt(value);
        } else if (a.equals("-mindepth")) {
          minDepth = Integer.parseInt(value);
        } else {
          tests.add(new String[] {a, value, negate ? "!" : ""});
          negate = false;
        }
      }
      return null;
    }

    boolean matches(Invocation inv, String path, int depth) {
      for (String[] t : tests) {
        boolean m =
            switch (t[0]) {
              case "-name" -> Patterns.matches(t[1], baseName(path));
              case "-iname" ->
                  Patterns.matches(
                      t[1].toLowerCase(Locale.ROOT), baseName(path).toLowerCase(Locale.ROOT));
              case "-path" -> Patterns.matches(t[1], path);
              case "-type" ->
                  t[1].equals("d")
                      ? inv.fs().isDirectory(path)
                      : t[1].equals("f") && inv.fs().isFile(path);
              default ->
                  inv.fs().isDirectory(path)
                      ? inv.fs().list(path).isEmpty()
                      : inv.fs().size(path) == 0;
            };
        if (m == t[2].equals("!")) {
          return false;
        }
      }
      return true;
    }
  }

  private static int mktemp(Invocation inv) {
    Args a = Args.parse(inv.args(), "dtqu", "p", Map.of("directory", 'd', "tmpdir=", 'p'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    String template = a.operands.isEmpty() ? "tmp.XXXXXXXXXX" : a.operands.get(0);
    String dir = a.value('p') != null ? a.value('p') : inv.env().getOrDefault("TMPDIR", "/tmp");
    if (a.operands.isEmpty() || a.has('t') || a.value('p') != null) {
      template = dir + "/" + template;
    }
    int xs = 0;
    while (xs < template.length() && template.charAt(template.length() - 1 - xs) == 'X') {
      xs++;
    }
    if (xs < 3) {
      inv.complain("too few X's in template '" + template + "'");
      return 1;
    }
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    // Names are derived from a counter, not a random source, so runs are repeatable.
    for (long n = template.hashCode() & 0xffffL;
        ;
        n = n * 6364136223846793005L + 1442695040888963407L) {
      StringBuilder name = new StringBuilder(template.substring(0, template.length() - xs));
      long v = n;
      for (int k = 0; k < xs; k++) {
        name.append(alphabet.charAt((int) Math.floorMod(v, alphabet.length())));
        v = v / alphabet.length() + k * 7919L;
      }
      String path = inv.path(name.toString());
      if (inv.fs().exists(path)) {
        continue;
      }
      try {
        if (a.has('d')) {
          inv.fs().mkdir(path);
        } else {
          inv.fs().write(path, new byte[0]);
        }
      } catch (FsException e) {
        inv.complain(
            "failed to create "
                + (a.has('d') ? "directory" : "file")
                + " via template '"
                + template
                + "': "
                + e.errno().text());
        return 1;
      }
      inv.out(name + "\n");
      return 0;
    }
  }

  private static int tee(Invocation inv) {
    Args a = Args.parse(inv.args(), "ai", "", Map.of("append", 'a'));
    if (a.invalid != null) {
      return a.usage(inv, 1);
    }
    byte[] data = inv.stdin().get();
    inv.stdout().write(data);
    int status = 0;
    for (String f : a.operands) {
      try {
        if (a.has('a')) {
          inv.fs().append(inv.path(f), data);
        } else {
          inv.fs().write(inv.path(f), data);
        }
      } catch (FsException e) {
        inv.complain(f + ": " + e.errno().text());
        status = 1;
      }
    }
    return status;
  }

  /** {@code tee} of a pipe: copies lines to the files and standard output as they come. */
  private static LineFilter.Filter teeFilter(Invocation inv) {
    Args a = Args.parse(inv.args(), "ai", "", Map.of("append", 'a'));
    if (a.invalid != null) {
      return null;
    }
    List<String> files = new ArrayList<>();
    int[] status = {0};
    for (String f : a.operands) {
      try {
        if (a.has('a')) {
          inv.fs().append(inv.path(f), new byte[0]);
        } else {
          inv.fs().write(inv.path(f), new byte[0]);
        }
        files.add(inv.path(f));
      } catch (FsException e) {
        inv.complain(f + ": " + e.errno().text());
        status[0] = 1;
      }
    }
    return new LineFilter.Filter() {
      @Override
      public boolean accept(String line) {
        inv.out(line);
        for (String f : files) {
          inv.fs().append(f, Utilities.utf8(line));
        }
        return true;
      }

      @Override
      public int finish() {
        return status[0];
      }
    };
  }

  private static int realpath(Invocation inv) {
    Args a = Args.parse(inv.args(), "femnqsvz", "", Map.of("canonicalize", 'f'));
    boolean readlink = inv.name().equals("readlink");
    if (readlink && !a.has('f') && !a.has('e') && !a.has('m')) {
      return 1; // there are no symbolic links
    }
    int status = 0;
    StringBuilder out = new StringBuilder();
    for (String f : a.operands) {
      String path = inv.path(f);
      boolean parentExists = inv.fs().isDirectory(InMemoryFs.resolve(path, ".."));
      if (!inv.fs().exists(path) && !a.has('m') && !(readlink && a.has('f') && parentExists)) {
        if (!readlink) {
          inv.complain(f + ": No such file or directory");
        }
        status = 1;
        continue;
      }
      out.append(path).append('\n');
    }
    inv.out(out.toString());
    return status;
  }

  private static int basename(Invocation inv) {
    List<String> ops = inv.args();
    if (ops.isEmpty()) {
      return missingOperand(inv, "operand");
    }
    String s = ops.get(0);
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.equals("/")) {
      s = s.substring(s.lastIndexOf('/') + 1);
    }
    if (ops.size() > 1 && s.endsWith(ops.get(1)) && !s.equals(ops.get(1))) {
      s = s.substring(0, s.length() - ops.get(1).length());
    }
    inv.out(s + "\n");
    return 0;
  }

  private static int dirname(Invocation inv) {
    if (inv.args().isEmpty()) {
      return missingOperand(inv, "operand");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String s : inv.args()) {
      while (s.length() > 1 && s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      int slash = s.lastIndexOf('/');
      String d = slash < 0 ? "." : slash == 0 ? "/" : s.substring(0, slash);
      while (d.length() > 1 && d.endsWith("/")) {
        d = d.substring(0, d.length() - 1);
      }
      out.writeBytes(Utilities.utf8(d + "\n"));
    }
    inv.stdout().write(out.toByteArray());
    return 0;
  }
}
