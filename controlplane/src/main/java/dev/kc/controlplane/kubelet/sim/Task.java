package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.Frame.Unwind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A thread of execution inside a simulated process: the main shell, a subshell, a pipeline stage, a
 * command substitution or a background job. Each has its own frame stack and shell environment; the
 * {@link Machine} interleaves them. Not thread-safe.
 */
final class Task {
  final Machine machine;
  final int pid;
  Shell sh;
  final ArrayDeque<Frame> stack = new ArrayDeque<>();

  /** {@code $?}: the status of the last command, and how frames pass statuses up. */
  int status;

  boolean done;
  int exitCode;
  private Wait wait;
  private final List<Fd.PipeEnd> heldPipes = new ArrayList<>();

  /** Background jobs started by this task, for {@code wait}. */
  final List<Task> jobs = new ArrayList<>();

  private final ArrayDeque<Integer> pendingSignals = new ArrayDeque<>();

  /** The trapped signal that cut a {@code wait} short, or 0. */
  int interruptedBy;

  private boolean exitTrapStarted;

  Task(Machine machine, int pid, Shell sh) {
    this.machine = machine;
    this.pid = pid;
    this.sh = sh;
    for (Fd fd : sh.fds.all()) {
      if (fd instanceof Fd.PipeEnd end) {
        if (end.writer) {
          end.pipe.addWriter();
        } else {
          end.pipe.addReader();
        }
        heldPipes.add(end);
      }
    }
  }

  /** Pushes {@code f}, inheriting whether {@code set -e} is ignored from the frame below. */
  void push(Frame f) {
    Frame top = stack.peek();
    f.ignoreErrexit |= top != null && top.ignoreErrexit;
    stack.push(f);
  }

  /** Pushes {@code f} as a condition: {@code set -e} is ignored inside it. */
  void pushCondition(Frame f) {
    f.ignoreErrexit = true;
    push(f);
  }

  /** Pops the top frame, which finished with {@code code}. */
  void ret(int code) {
    Frame f = stack.pop();
    f.leave(this);
    status = code;
  }

  /** Starts a non-local exit ({@code exit}, {@code return}, {@code break}, {@code continue}). */
  void unwind(Unwind u) {
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      Unwind next = f.handle(this, u);
      if (next == null) {
        return;
      }
      stack.pop();
      f.leave(this);
      if (next == Unwind.STOP_POP) {
        return;
      }
      u = next;
    }
    finish(u.kind() == Unwind.Kind.EXIT || u.kind() == Unwind.Kind.RETURN ? u.n() : status);
  }

  void block(Wait w) {
    wait = w;
  }

  boolean isRunnable(Instant now) {
    if (done) {
      return false;
    }
    if (wait != null && !wait.isReady(now)) {
      return false;
    }
    wait = null;
    return true;
  }

  /** When this task wakes up by itself, or null if it waits on an event (or is runnable). */
  Instant wakeTime() {
    return done || wait == null ? null : wait.until();
  }

  void step() {
    if (stack.isEmpty()) {
      finish(status);
      return;
    }
    stack.peek().step(this);
  }

  /** Ends the task with {@code code}, first running its EXIT trap if it has one. */
  void finish(int code) {
    String action = sh.traps.get("EXIT");
    if (!exitTrapStarted && action != null && !action.isEmpty()) {
      exitTrapStarted = true;
      sh.traps.remove("EXIT");
      stack.clear();
      push(new Frames.ExitTrap(code, action));
      return;
    }
    terminate(code);
  }

  /** Ends the task at once: no traps, frames dropped, its pipe ends closed. */
  void terminate(int code) {
    if (done) {
      return;
    }
    done = true;
    exitCode = code;
    stack.clear();
    wait = null;
    for (Fd.PipeEnd end : heldPipes) {
      if (end.writer) {
        end.pipe.removeWriter();
      } else {
        end.pipe.removeReader();
      }
    }
    heldPipes.clear();
  }

  /** Queues {@code signal} for delivery; SIGKILL acts at once. */
  void signal(int signal) {
    if (done || signal == 0) {
      return;
    }
    if (signal == Signals.KILL) {
      terminate(128 + Signals.KILL);
      return;
    }
    pendingSignals.add(signal);
  }

  boolean hasPendingSignals() {
    return !pendingSignals.isEmpty();
  }

  /**
   * Acts on queued signals: the default action terminates with 128+n; an ignored signal is dropped;
   * a trapped one runs its handler, at once if the task is runnable or in an interruptible wait,
   * otherwise (a foreground program) once that program is done.
   *
   * @return whether any signal was acted on
   */
  boolean deliverSignals(Instant now) {
    boolean acted = false;
    while (!pendingSignals.isEmpty() && !done) {
      int sig = pendingSignals.peek();
      String action = sh.traps.get(Signals.name(sig));
      if (action == null || action.isEmpty()) {
        // TODO: Linux ignores untrapped SIGTERM for PID 1 (a shell as a container's command);
        // here it ends the shell with 143, as the kubelet contract asks, and no EXIT trap runs.
        pendingSignals.poll();
        acted = true;
        if (action == null && !Signals.isIgnoredByDefault(sig)) {
          terminate(128 + sig);
        }
        continue;
      }
      boolean blocked = wait != null && !wait.isReady(now);
      if (blocked && !wait.isInterruptible()) {
        return acted;
      }
      pendingSignals.poll();
      acted = true;
      if (blocked) {
        interruptedBy = sig;
        wait = null;
      }
      push(new Frames.Trap(action));
    }
    return acted;
  }

  // ---- helpers for frames and builtins ----

  /** Writes {@code text} to this task's standard error. */
  void err(String text) {
    fd(2).write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code text} to this task's standard output. */
  void out(String text) {
    fd(1).write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The open descriptor {@code n}, or {@link Fd#NULL} if it is closed. */
  Fd fd(int n) {
    Fd fd = sh.fds.get(n);
    return fd == null ? Fd.NULL : fd;
  }

  /** Prints a shell error with the {@code sh: LINE: } prefix. */
  void shellError(String message) {
    err(sh.errorPrefix() + message + "\n");
  }

  /** A fatal shell error (bad substitution, unset variable...): message, then exit 2. */
  void fatal(String message) {
    fatal(message, 2);
  }

  /** A fatal shell error with a given exit code (bash uses 1 or 127 where dash uses 2). */
  void fatal(String message, int code) {
    shellError(message);
    status = code;
    unwind(Unwind.exit(code));
  }

  Instant now() {
    return machine.now();
  }
}
