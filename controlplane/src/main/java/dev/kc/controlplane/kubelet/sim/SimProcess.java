package dev.kc.controlplane.kubelet.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated process in a container: a shell script, a built-in utility or a kubelet-provided
 * program, running in simulated time. It never blocks a thread and never reads the wall clock: the
 * driver (the kubelet) calls {@link #run} with the current simulated time, and the process runs
 * until it exits or waits for time to pass, answering when to call it again.
 *
 * <p>Not thread-safe: one driver calls it. Processes of one container may be driven by different
 * threads, since they share only the (thread-safe) {@link InMemoryFs}.
 *
 * <h2>What {@code start} runs</h2>
 *
 * <ul>
 *   <li>{@code argv[0]} naming a shell ({@code sh}, {@code /bin/sh}, {@code bash}, {@code ash},
 *       {@code dash}, with any directory): the shell interpreter, with {@code -c 'script' [arg0
 *       [args...]]}, a script file, or a script on standard input; options such as {@code -e},
 *       {@code -x}, {@code -o pipefail}.
 *   <li>a path to a file in the container's file system: a script, run by the shell its {@code #!}
 *       line names ({@code sh} if none or not a shell).
 *   <li>otherwise the program directly, without a shell: a kubelet program ({@link Programs}), a
 *       shell builtin ({@code true}, {@code test}, {@code kill}...) or a built-in utility ({@code
 *       cat}, {@code touch}, {@code sleep}...), so {@code ["cat", "/tmp/healthy"]} works. An
 *       unknown program exits with 127 and writes the container runtime's message to stderr: {@code
 *       exec: "foo": executable file not found in $PATH}; use {@link #isExecutable} to report a
 *       start error instead.
 * </ul>
 *
 * <p>Inside a script an unknown command gives 127 and dash's {@code sh: 1: foo: not found} (or
 * bash's {@code bash: line 1: foo: command not found} when started as bash).
 *
 * <h2>Time</h2>
 *
 * <p>{@link #run} executes until every part of the process waits: {@code sleep 30} answers {@code
 * Sleep(now + 30s)}; calling again earlier answers the same {@code Sleep} without doing anything. A
 * late call resumes at the time given: missed wake-ups are not replayed one by one (a loop that
 * sleeps 5 s, called after 60 s, runs one iteration), so drive a process at each {@code until} it
 * answers, e.g. with a timer on the clock. {@code sleep infinity} answers {@link #NEVER}. Work per
 * call is capped at {@link #MAX_STEPS_PER_RUN} interpreter steps: a loop without sleep yields
 * {@code Sleep(now)} (call again at once) instead of hanging the caller. Inside the process, the
 * time is the {@code now} last passed in ({@code date} prints it).
 *
 * <h2>Signals</h2>
 *
 * <p>{@link #signal}: SIGKILL ends the process at once with 137. Other signals are acted on at the
 * next {@link #run}: a script that traps the signal ({@code trap 'cleanup' TERM}) runs the handler
 * (once the foreground program, e.g. a {@code sleep}, has finished, as a real shell does; {@code
 * wait} is interrupted at once); otherwise the process ends with 128 + the signal number (143 for
 * SIGTERM). Note that a real shell running as PID 1 ignores untrapped SIGTERM; this simulation does
 * not model that.
 */
public final class SimProcess {
  /** The wake-up time of a process that waits forever ({@code sleep infinity}). */
  public static final Instant NEVER = Instant.MAX;

  /** The interpreter steps one {@link #run} may take before yielding {@code Sleep(now)}. */
  public static final int MAX_STEPS_PER_RUN = 100_000;

  /**
   * How to start a process beyond its argv and context.
   *
   * @param pid the process id ({@code $$}); 1 for a container's main process
   * @param workingDir the initial working directory (a container's {@code workingDir})
   * @param stdin the whole standard input ({@code kc exec -i}); empty for none
   */
  public record Options(int pid, String workingDir, byte[] stdin) {
    /** Checks the values; a null stdin is empty. */
    public Options {
      Objects.requireNonNull(workingDir, "workingDir");
      if (pid < 1) {
        throw new IllegalArgumentException("pid must be positive: " + pid);
      }
      stdin = stdin == null ? new byte[0] : stdin.clone();
    }

    /** PID 1 in {@code /} with no input: a container's main process. */
    public static Options defaults() {
      return new Options(1, "/", new byte[0]);
    }
  }

  /** What {@link #run} answers. */
  public sealed interface Step permits Step.Sleep, Step.Exit {
    /** Call {@link #run} again at or after {@code until}; {@link #NEVER} for never. */
    record Sleep(Instant until) implements Step {}

    /** The process has exited with {@code code}. */
    record Exit(int code) implements Step {}
  }

  private final Machine machine;
  private boolean started;

  private SimProcess(Machine machine) {
    this.machine = machine;
  }

  /**
   * Starts {@code argv} as PID 1 in {@code /} with empty standard input; see {@link #start(List,
   * ProcessContext, Options)}.
   */
  public static SimProcess start(List<String> argv, ProcessContext ctx) {
    return start(argv, ctx, Options.defaults());
  }

  /**
   * Prepares {@code argv} to run; nothing runs until the first {@link #run}. See the class comment
   * for how {@code argv[0]} is resolved. The environment is {@code ctx.env()}, plus {@code
   * HOME=/root}, a standard {@code PATH} and {@code HOSTNAME} where missing, as container runtimes
   * add them.
   *
   * @throws IllegalArgumentException if {@code argv} is empty
   */
  public static SimProcess start(List<String> argv, ProcessContext ctx, Options options) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv is empty");
    }
    Shell sh = new Shell();
    sh.fds =
        new Fds(
            new Fd.Bytes(options.stdin()), new Fd.Sink(ctx.stdout()), new Fd.Sink(ctx.stderr()));
    sh.cwd = InMemoryFs.normalize(options.workingDir());
    environment(ctx).forEach((k, v) -> sh.vars.put(k, new Shell.Var(v, true, false)));
    sh.vars.put("PWD", new Shell.Var(sh.cwd, false, false));
    sh.arg0 = argv.get(0);
    return new SimProcess(new Machine(ctx, options.pid(), sh, rootFrame(argv, sh, ctx)));
  }

  private static Map<String, String> environment(ProcessContext ctx) {
    Map<String, String> env = new java.util.TreeMap<>(ctx.env());
    env.putIfAbsent("HOME", "/root");
    env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.putIfAbsent("HOSTNAME", ctx.hostname());
    return env;
  }

  private static Frame rootFrame(List<String> argv, Shell sh, ProcessContext ctx) {
    String a0 = argv.get(0);
    String base = a0.substring(a0.lastIndexOf('/') + 1);
    String path = a0.contains("/") ? InMemoryFs.resolve(sh.cwd, a0) : null;
    if (path != null && ctx.fs().isFile(path)) {
      List<String> shellArgv = new java.util.ArrayList<>();
      shellArgv.add(ShellLauncher.interpreter(ctx.fs(), path));
      shellArgv.add(a0);
      shellArgv.addAll(argv.subList(1, argv.size()));
      return ShellLauncher.configure(shellArgv, sh, ctx.fs());
    }
    if (ShellLauncher.isShell(base)) {
      return ShellLauncher.configure(argv, sh, ctx.fs());
    }
    return new CommandFrame(List.copyOf(argv), true);
  }

  /**
   * Whether {@code argv0} names something this simulation can run in {@code ctx}: a shell, a file
   * in the file system, a kubelet program, a shell builtin or a built-in utility. Lets the kubelet
   * report a container start error ({@code executable file not found in $PATH}) instead of starting
   * a process that exits with 127.
   */
  public static boolean isExecutable(String argv0, ProcessContext ctx) {
    String base = argv0.substring(argv0.lastIndexOf('/') + 1);
    if (argv0.contains("/") && ctx.fs().isFile(argv0)) {
      return true;
    }
    return ShellLauncher.isShell(base)
        || (ctx.programs() != null && ctx.programs().find(base).isPresent())
        || ShellBuiltins.find(base) != null
        || Utilities.find(base) != null;
  }

  /**
   * Runs the process at simulated time {@code now} until it exits or waits.
   *
   * @param now the current simulated time; an earlier time than before is treated as the latest one
   *     seen (time never goes back inside a process)
   * @return {@link Step.Exit} once exited (again on every later call), or {@link Step.Sleep} with
   *     the time to call again: the earliest wake-up of any of its parts, {@code now} itself if the
   *     step budget ran out, or {@link #NEVER} if nothing will ever wake it
   */
  public Step run(Instant now) {
    Objects.requireNonNull(now, "now");
    started = true;
    return machine.run(now, MAX_STEPS_PER_RUN);
  }

  /**
   * Delivers {@code signal} (a Linux number: 15 SIGTERM, 9 SIGKILL, 2 SIGINT...). SIGKILL ends the
   * process at once with exit code 137; others take effect at the next {@link #run} (see the class
   * comment). Signals to an exited process are ignored.
   */
  public void signal(int signal) {
    machine.main.signal(signal);
  }

  /** Whether the process has exited. */
  public boolean exited() {
    return machine.main.done;
  }

  /**
   * The exit code: 0-255, 128 + n when ended by signal n.
   *
   * @throws IllegalStateException if the process has not exited
   */
  public int exitCode() {
    if (!machine.main.done) {
      throw new IllegalStateException("process has not exited");
    }
    return machine.main.exitCode;
  }

  /** The process id, {@code $$}. */
  public int pid() {
    return machine.main.pid;
  }

  /** Whether {@link #run} has been called at least once. */
  public boolean isStarted() {
    return started;
  }

  @Override
  public String toString() {
    return "SimProcess[pid="
        + pid()
        + (exited() ? ", exited " + exitCode() : started ? ", running" : ", not started")
        + "]";
  }
}
