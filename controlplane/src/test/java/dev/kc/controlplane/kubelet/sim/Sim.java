package dev.kc.controlplane.kubelet.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test fixture: one container (file system, environment, DNS, captured output) and a fake clock
 * that drives processes the way the kubelet will.
 */
final class Sim {
  static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  final InMemoryFs fs;
  final Map<String, String> env = new HashMap<>();
  final Map<String, List<String>> dns = new HashMap<>();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  String hostname = "web-0";
  Programs programs;
  Instant now = T0;

  Sim() {
    this(new InMemoryFs());
  }

  Sim(InMemoryFs fs) {
    this.fs = fs;
  }

  /** What a process did. */
  record Result(int code, String out, String err) {}

  ProcessContext context() {
    return new ProcessContext(
        fs,
        env,
        hostname,
        name -> dns.getOrDefault(name, List.of()),
        out::writeBytes,
        err::writeBytes,
        programs);
  }

  SimProcess start(String... argv) {
    return SimProcess.start(List.of(argv), context());
  }

  /** Runs {@code sh -c script} to the end, advancing the fake clock over every sleep. */
  Result sh(String script) {
    return runToEnd(start("sh", "-c", script));
  }

  /** Runs {@code bash -c script} to the end. */
  Result bash(String script) {
    return runToEnd(start("bash", "-c", script));
  }

  /** Runs argv to the end. */
  Result exec(String... argv) {
    return runToEnd(start(argv));
  }

  /** Drives {@code p} until it exits, jumping the clock to each wake-up; fails if it never does. */
  Result runToEnd(SimProcess p) {
    out.reset();
    err.reset();
    for (int i = 0; i < 10_000; i++) {
      SimProcess.Step s = p.run(now);
      if (s instanceof SimProcess.Step.Exit e) {
        return new Result(e.code(), text(out), text(err));
      }
      Instant until = ((SimProcess.Step.Sleep) s).until();
      if (until.equals(SimProcess.NEVER)) {
        throw new AssertionError("process sleeps forever; out=" + text(out) + " err=" + text(err));
      }
      if (until.isAfter(now)) {
        now = until;
      }
    }
    throw new AssertionError("process did not exit; out=" + text(out) + " err=" + text(err));
  }

  /**
   * Runs {@code p} at each time until {@code t}, as a ticking clock would; returns the last step.
   */
  SimProcess.Step advanceTo(SimProcess p, Instant t) {
    SimProcess.Step s = p.run(now);
    while (s instanceof SimProcess.Step.Sleep sleep && !sleep.until().isAfter(t)) {
      if (sleep.until().isAfter(now)) {
        now = sleep.until();
      }
      s = p.run(now);
    }
    now = t;
    return p.run(now);
  }

  SimProcess.Step advance(SimProcess p, Duration d) {
    return advanceTo(p, now.plus(d));
  }

  static String text(ByteArrayOutputStream b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  /** Every line of {@code text}. */
  static List<String> lines(String text) {
    return new ArrayList<>(List.of(text.split("\n")));
  }
}
