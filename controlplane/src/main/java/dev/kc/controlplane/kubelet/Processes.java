package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.kubelet.sim.ProcessContext;
import dev.kc.controlplane.kubelet.sim.SimProcess;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runs short processes (probes, hooks, {@code kc exec}) to completion in simulated time. */
final class Processes {
  private Processes() {}

  /**
   * The outcome of a short process.
   *
   * @param exitCode its exit code, or -1 when it timed out
   * @param output what it wrote to stdout and stderr
   * @param finishedAt the simulated time it finished (or timed out)
   * @param timedOut whether it outlived its time limit and was killed
   */
  record Outcome(int exitCode, String output, Instant finishedAt, boolean timedOut) {}

  /**
   * Runs {@code argv} from {@code start}, letting simulated time pass inside the process (a {@code
   * sleep 2} moves its own clock two seconds on) until it exits or {@code limit} runs out. The
   * caller's clock does not move; the outcome says when the process would have finished.
   */
  static Outcome runToCompletion(
      List<String> argv, ProcessContext base, Instant start, Duration limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProcessContext ctx =
        new ProcessContext(
            base.fs(),
            base.env(),
            base.hostname(),
            base.resolver(),
            out::writeBytes,
            out::writeBytes,
            base.programs());
    SimProcess p = SimProcess.start(argv, ctx);
    Instant deadline = start.plus(limit);
    Instant now = start;
    for (int steps = 0; steps < 10_000; steps++) {
      SimProcess.Step step = p.run(now);
      if (step instanceof SimProcess.Step.Exit exit) {
        return new Outcome(exit.code(), out.toString(), now, false);
      }
      Instant until = ((SimProcess.Step.Sleep) step).until();
      if (until.isAfter(deadline)) {
        p.signal(9);
        return new Outcome(-1, out.toString(), deadline, true);
      }
      now = until.isAfter(now) ? until : now;
    }
    p.signal(9);
    return new Outcome(-1, out.toString(), now, true);
  }
}
