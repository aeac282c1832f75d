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
  private LineFilter.Filter filter;

  ExecFrame(Program program, List<String> argv, Map<String, String> env) {
    this.program = program;
    this.argv = List.copyOf(argv);
    this.env = Map.copyOf(env);
  }

  @Override
  void step(Task t) {
    if (filter != null) {
      stream(t);
      return;
    }
    if (execution == null) {
      Fd in = t.fd(0);
      if (!in.isComplete()) {
        filter = program instanceof LineFilter.Streaming s ? s.lines().open(invocation(t)) : null;
        if (filter != null) {
          stream(t);
          return;
        }
        // TODO: only LineFilter utilities stream a pipe. An endless producer piped into sort,
        // sed or a kubelet program never lets it start; make more of them line filters.
        t.block(Wait.on(in::isComplete));
        return;
      }
      execution = program.start(invocation(t));
    }
    SimProcess.Step s = execution.step(t.now());
    if (s instanceof SimProcess.Step.Exit e) {
      t.ret(e.code());
    } else {
      t.block(Wait.until(((SimProcess.Step.Sleep) s).until()));
    }
  }

  private Invocation invocation(Task t) {
    Fd in = t.fd(0);
    Fd out = t.fd(1);
    Fd err = t.fd(2);
    return new Invocation(
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
  }

  /** Feeds the filter the lines that have arrived; ends at end of input or when it is done. */
  private void stream(Task t) {
    Fd.PipeEnd in = (Fd.PipeEnd) t.fd(0);
    while (in.isLineReady()) {
      String line = in.pipe.readRawLine();
      if (line == null || !filter.accept(line)) {
        t.ret(filter.finish());
        return;
      }
    }
    t.block(Wait.on(in::isLineReady));
  }
}
