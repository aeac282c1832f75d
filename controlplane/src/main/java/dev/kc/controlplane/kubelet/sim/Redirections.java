package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.Ast.Redir;
import dev.kc.controlplane.kubelet.sim.FsException.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Opening files for {@code <}, {@code >}, {@code >>}, {@code 2>&1}, here-documents... */
final class Redirections {
  private Redirections() {}

  /** A redirection that could not be done; the message follows {@code sh: LINE: }. */
  static final class RedirectionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedirectionError(String message) {
      super(message);
    }
  }

  /** The status of a command whose redirection failed: 2 in dash, 1 in bash. */
  static int failureStatus(Task t) {
    return t.sh.dialect == Shell.Dialect.BASH ? 1 : 2;
  }

  /** Expands every redirection's target (or here-document) in order. */
  static List<String> expandTargets(Expander x, List<Redir> redirs) {
    List<String> targets = new ArrayList<>();
    for (Redir r : redirs) {
      targets.add(r.hereDoc() != null ? x.string(r.hereDoc().body) : x.string(r.target()));
    }
    return targets;
  }

  /**
   * Applies redirections, in order, to the task's descriptor table.
   *
   * @return the new table; the task's own is not changed
   * @throws RedirectionError if a file cannot be opened or a descriptor is not open
   */
  static Fds apply(Task t, List<Redir> redirs, List<String> targets) {
    Fds fds = t.sh.fds;
    for (int i = 0; i < redirs.size(); i++) {
      Redir r = redirs.get(i);
      String target = targets.get(i);
      switch (r.op()) {
        case "<" -> fds = fds.with(r.fd(), openRead(t, fds, target));
        case "<>" -> fds = fds.with(r.fd(), openReadWrite(t, target));
        case ">", ">>" -> {
          Fd out = openWrite(t, fds, target, r.op().equals(">>"));
          fds = r.fd() < 0 ? fds.with(1, out).with(2, out) : fds.with(r.fd(), out);
        }
        case ">&", "<&" -> fds = duplicate(t, fds, r, target);
        case "<<" -> fds = fds.with(r.fd(), new Fd.Bytes(bytes(target)));
        case "<<<" -> fds = fds.with(r.fd(), new Fd.Bytes(bytes(target + "\n")));
        default -> throw new RedirectionError("unsupported redirection " + r.op());
      }
    }
    return fds;
  }

  private static Fds duplicate(Task t, Fds fds, Redir r, String target) {
    if (target.equals("-")) {
      return fds.with(r.fd(), Fd.NULL);
    }
    if (target.chars().allMatch(Character::isDigit) && !target.isEmpty()) {
      Fd source = fds.get(Integer.parseInt(target));
      if (source == null) {
        throw new RedirectionError(target + ": Bad file descriptor");
      }
      return fds.with(r.fd(), source);
    }
    if (r.op().equals(">&")) {
      // bash: >&file is &>file.
      Fd out = openWrite(t, fds, target, false);
      return fds.with(1, out).with(2, out);
    }
    throw new RedirectionError(
        t.sh.dialect == Shell.Dialect.BASH
            ? target + ": ambiguous redirect"
            : "Syntax error: Bad fd number");
  }

  private static Fd openRead(Task t, Fds fds, String target) {
    switch (target) {
      case "/dev/stdin":
        return fds.get(0) == null ? Fd.NULL : fds.get(0);
      case "/dev/null":
        return new Fd.Bytes(new byte[0]);
      default:
        break;
    }
    try {
      String path = InMemoryFs.resolve(t.sh.cwd, target);
      return new Fd.Bytes(t.machine.fs().read(path));
    } catch (FsException e) {
      throw new RedirectionError(message(t, target, e.errno(), false));
    }
  }

  private static Fd openReadWrite(Task t, String target) {
    try {
      String path = InMemoryFs.resolve(t.sh.cwd, target);
      if (!t.machine.fs().exists(path)) {
        t.machine.fs().write(path, new byte[0]);
      }
      return new Fd.Bytes(t.machine.fs().read(path));
    } catch (FsException e) {
      throw new RedirectionError(message(t, target, e.errno(), true));
    }
  }

  private static Fd openWrite(Task t, Fds fds, String target, boolean append) {
    switch (target) {
      case "/dev/null":
        return Fd.NULL;
      case "/dev/stdout":
        return fds.get(1) == null ? Fd.NULL : fds.get(1);
      case "/dev/stderr":
        return fds.get(2) == null ? Fd.NULL : fds.get(2);
      default:
        if (target.startsWith("/dev/fd/") && target.substring(8).matches("[0-9]+")) {
          Fd fd = fds.get(Integer.parseInt(target.substring(8)));
          return fd == null ? Fd.NULL : fd;
        }
    }
    InMemoryFs fs = t.machine.fs();
    try {
      String path = InMemoryFs.resolve(t.sh.cwd, target);
      if (append) {
        fs.append(path, new byte[0]);
      } else {
        fs.write(path, new byte[0]);
      }
      return new Fd.File(fs, path);
    } catch (FsException e) {
      throw new RedirectionError(message(t, target, e.errno(), true));
    }
  }

  /** dash: {@code cannot create /x/y: Directory nonexistent}; bash: {@code /x/y: No such...}. */
  private static String message(Task t, String target, Errno errno, boolean create) {
    if (t.sh.dialect == Shell.Dialect.BASH) {
      return target + ": " + errno.text();
    }
    String what = create ? "cannot create " : "cannot open ";
    String text =
        errno == Errno.ENOENT || errno == Errno.ENOTDIR
            ? create ? "Directory nonexistent" : "No such file"
            : errno.text();
    return what + target + ": " + text;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
