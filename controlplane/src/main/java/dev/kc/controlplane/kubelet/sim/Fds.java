package dev.kc.controlplane.kubelet.sim;

import java.util.Arrays;

/**
 * A shell's file descriptor table. Immutable: a redirection makes a new table, so restoring after a
 * command is keeping the old one.
 */
final class Fds {
  private final Fd[] table;

  Fds(Fd stdin, Fd stdout, Fd stderr) {
    this(new Fd[] {stdin, stdout, stderr});
  }

  private Fds(Fd[] table) {
    this.table = table;
  }

  /** The descriptor {@code n}, or null if it is not open. */
  Fd get(int n) {
    return n >= 0 && n < table.length ? table[n] : null;
  }

  Fds with(int n, Fd fd) {
    Fd[] next = Arrays.copyOf(table, Math.max(table.length, n + 1));
    next[n] = fd;
    return new Fds(next);
  }

  /** The open descriptors, for counting pipe writers when a task starts. */
  Fd[] all() {
    return table.clone();
  }
}
