package dev.kc.controlplane.kubelet.sim;

import java.util.List;
import java.util.Map;

/**
 * Runs one {@link Program}: waits for a piped standard input to close, starts the program and steps
 * its {@link Execution}, blocking the task while it sleeps.
 */
final class ExecFrame extends Frame {
  private final Program program;
  private final List<String> argv;
  private final Map<String, String> env;
  private Execution execution;

  ExecFrame(Program program, List<String> argv, Map<String, String> env) {
    this.program = program;
    this.argv = List.copyOf(argv);
    this.env = Map.copyOf(env);
  }

  @Override
  void step(Task t) {
    if (execution == null) {
      Fd in = t.fd(0);
      if (!in.isComplete()) {
        // Pipes are buffered whole: a program reading a pipe starts once the writer is done.
        t.block(Wait.on(in::isComplete));
        return;
      }
      Fd out = t.fd(1);
      Fd err = t.fd(2);
      Invocation inv =
          new Invocation(
              argv,
              env,
              t.sh.cwd,
              in::readAll,
              out::write,
              err::write,
              t.machine.fs(),
              t.machine.ctx.hostname(),
              t.machine.ctx.resolver(),
              t.now());
      execution = program.start(inv);
    }
    SimProcess.Step s = execution.step(t.now());
    if (s instanceof SimProcess.Step.Exit e) {
      t.ret(e.code());
    } else {
      t.block(Wait.until(((SimProcess.Step.Sleep) s).until()));
    }
  }
}
