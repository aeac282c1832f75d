package dev.kc.controlplane.kubelet.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler inside one {@link SimProcess}: runs its tasks (the main shell, subshells, pipeline
 * stages, background jobs) in turn until each is blocked on time or on another task, or until the
 * step budget of one {@link #run} is spent.
 */
final class Machine {
  private static final Logger LOG = LoggerFactory.getLogger(Machine.class);

  /** How many frame steps one task may take before the next task gets a turn. */
  private static final int QUANTUM = 1_000;

  final ProcessContext ctx;
  final Task main;
  private final List<Task> tasks = new ArrayList<>();
  private Instant now = Instant.EPOCH;
  private int nextPid;
  private int stepsLeft;
  private final java.util.Random random;

  Machine(ProcessContext ctx, int pid, Shell shell, Frame root) {
    this.ctx = ctx;
    this.nextPid = pid + 1;
    this.random = new java.util.Random(pid);
    shell.pid = pid;
    this.main = new Task(this, pid, shell);
    main.push(root);
    tasks.add(main);
  }

  Instant now() {
    return now;
  }

  InMemoryFs fs() {
    return ctx.fs();
  }

  /** The kubelet's program called {@code name}, if any. */
  Optional<Program> hostProgram(String name) {
    return ctx.programs() == null ? Optional.empty() : ctx.programs().find(name);
  }

  /** {@code $RANDOM}: 0 to 32767, from a generator seeded by the pid so runs repeat. */
  int random() {
    return random.nextInt(32768);
  }

  int allocatePid() {
    return nextPid++;
  }

  /** Starts a task running {@code root} in {@code sh}; it inherits the caller's errexit mode. */
  Task spawn(Shell sh, Frame root, boolean ignoreErrexit) {
    return spawn(allocatePid(), sh, root, ignoreErrexit);
  }

  /** {@link #spawn(Shell, Frame, boolean)} with a pid from {@link #allocatePid()}. */
  Task spawn(int pid, Shell sh, Frame root, boolean ignoreErrexit) {
    Task t = new Task(this, pid, sh);
    root.ignoreErrexit = ignoreErrexit;
    t.push(root);
    tasks.add(t);
    return t;
  }

  /** The live task with {@code pid}, or null. */
  Task task(int pid) {
    for (Task t : tasks) {
      if (t.pid == pid && !t.done) {
        return t;
      }
    }
    return null;
  }

  /**
   * Runs tasks until all are blocked, the main task is done, or {@code maxSteps} are spent.
   *
   * @return the main task's exit, or when to be called again
   */
  SimProcess.Step run(Instant at, int maxSteps) {
    if (at.isAfter(now)) {
      now = at;
    }
    stepsLeft = maxSteps;
    while (!main.done) {
      boolean progressed = false;
      for (Task t : new ArrayList<>(tasks)) {
        progressed |= runSlice(t);
        if (main.done || stepsLeft <= 0) {
          break;
        }
      }
      tasks.removeIf(t -> t.done);
      if (main.done) {
        break;
      }
      if (stepsLeft <= 0) {
        // A busy loop without sleep: give the driver its thread back and ask to be called
        // again at once, in simulated time nothing has passed.
        return new SimProcess.Step.Sleep(now);
      }
      if (!progressed) {
        return new SimProcess.Step.Sleep(earliestWake());
      }
    }
    return new SimProcess.Step.Exit(main.exitCode);
  }

  private boolean runSlice(Task t) {
    boolean progressed = false;
    int quantum = QUANTUM;
    while (!t.done && quantum > 0 && stepsLeft > 0) {
      if (t.hasPendingSignals() && t.deliverSignals(now)) {
        progressed = true;
      }
      if (!t.isRunnable(now)) {
        break;
      }
      try {
        t.step();
      } catch (Pipe.Broken e) {
        t.terminate(128 + Signals.PIPE);
      } catch (RuntimeException e) {
        // A bug in the simulation must not take the kubelet down: end the task as a crashed
        // shell would, and say why on its stderr.
        LOG.warn("simulated process {} failed; ending it with status 2", main.pid, e);
        t.err("sh: internal error: " + e + "\n");
        t.terminate(2);
      }
      quantum--;
      stepsLeft--;
      progressed = true;
    }
    return progressed;
  }

  private Instant earliestWake() {
    Instant earliest = SimProcess.NEVER;
    for (Task t : tasks) {
      Instant w = t.wakeTime();
      if (w != null && w.isBefore(earliest)) {
        earliest = w;
      }
    }
    return earliest;
  }
}
