package dev.kc.cli.daemon;

import dev.kc.cli.CliException;
import dev.kc.cli.ExitCodes;
import dev.kc.cli.KcCommand;
import dev.kc.cli.output.HumanDuration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kc daemon start|stop|status|logs}: the life cycle of kc's local control plane. Without a
 * subcommand it prints help.
 */
@Command(
    name = "daemon",
    description = DaemonCommand.DESCRIPTION,
    subcommands = {
      DaemonCommand.Start.class,
      DaemonCommand.Stop.class,
      DaemonCommand.Status.class,
      DaemonCommand.Logs.class
    })
public final class DaemonCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Manage the local kc control plane daemon.";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code kc daemon start}: starts the daemon unless it already runs. */
  @Command(name = "start", description = "Start the daemon in the background.")
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        description = "HTTPS port (default: the daemon's choice).")
    Integer port;

    @Option(names = "--clock", paramLabel = "real|virtual", description = "Clock mode.")
    String clock;

    @Option(names = "--nodes", paramLabel = "N", description = "Number of simulated nodes.")
    Integer nodes;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DaemonLauncher launcher = new DaemonLauncher(KcCommand.of(spec).env());
      DaemonState running = DaemonState.running(launcher.home());
      if (running != null) {
        out.println(
            "kc daemon is already running (pid "
                + running.pid()
                + ", "
                + running.displayUrl()
                + ")");
        return ExitCodes.OK;
      }
      if (clock != null && !clock.equals("real") && !clock.equals("virtual")) {
        throw CliException.error("invalid --clock \"" + clock + "\": must be real or virtual");
      }
      DaemonState s = launcher.start(new DaemonLauncher.Options(port, clock, nodes));
      out.println(
          "kc daemon started (pid "
              + s.pid()
              + ", "
              + s.displayUrl()
              + ", KC_HOME="
              + launcher.home()
              + ")");
      return ExitCodes.OK;
    }
  }

  /** {@code kc daemon stop}: SIGTERM and wait. */
  @Command(name = "stop", description = "Stop the daemon.")
  static final class Stop implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      boolean stopped = new DaemonLauncher(KcCommand.of(spec).env()).stop();
      out.println(stopped ? "kc daemon stopped" : "kc daemon is not running");
      return ExitCodes.OK;
    }
  }

  /** {@code kc daemon status}: exit 0 when running, 1 when not (like systemctl status). */
  @Command(name = "status", description = "Show whether the daemon is running.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      KcCommand root = KcCommand.of(spec);
      DaemonState s = DaemonState.running(root.env().kcHome());
      if (s == null) {
        out.println("kc daemon is not running");
        return ExitCodes.ERROR;
      }
      Instant now = root.env().clock().instant();
      out.println(
          "kc daemon is running (pid "
              + s.pid()
              + ", "
              + s.displayUrl()
              + ", up "
              + HumanDuration.format(Duration.between(s.started(), now))
              + ")");
      return ExitCodes.OK;
    }
  }

  /** {@code kc daemon logs [-f] [--tail N]}: the daemon's log, rotated files first. */
  @Command(name = "logs", description = "Print the daemon's log.")
  static final class Logs implements Callable<Integer> {
    /** The log file's name under {@code $KC_HOME/logs}. */
    static final String LOG_FILE = "kc-daemon.log";

    @Spec CommandSpec spec;

    @Option(
        names = {"-f", "--follow"},
        description = "Keep printing new log lines.")
    boolean follow;

    @Option(
        names = "--tail",
        defaultValue = "-1",
        paramLabel = "N",
        description = "Lines of recent log to show; -1 shows everything.")
    int tail;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = KcCommand.of(spec).env().kcHome().resolve("logs");
      Path current = dir.resolve(LOG_FILE);
      List<Path> files = logFiles(dir);
      if (files.isEmpty() && !follow) {
        throw CliException.error("open " + current + ": no such file or directory");
      }
      for (String line : lines(files, tail)) {
        out.println(line);
      }
      out.flush();
      if (follow) {
        follow(current, out);
      }
      return ExitCodes.OK;
    }

    /** Rotated logs oldest first ({@code .N} ... {@code .1}), then the current one. */
    static List<Path> logFiles(Path dir) {
      List<Path> files = new ArrayList<>();
      for (int i = 1; Files.exists(dir.resolve(LOG_FILE + "." + i)); i++) {
        files.add(0, dir.resolve(LOG_FILE + "." + i));
      }
      Path current = dir.resolve(LOG_FILE);
      if (Files.exists(current)) {
        files.add(current);
      }
      return files;
    }

    /** All lines of {@code files} in order, or only the last {@code tail} when non-negative. */
    static List<String> lines(List<Path> files, int tail) {
      Deque<String> kept = new ArrayDeque<>();
      for (Path p : files) {
        try {
          for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            kept.addLast(line);
            if (tail >= 0 && kept.size() > tail) {
              kept.removeFirst();
            }
          }
        } catch (IOException e) {
          throw CliException.error("read " + p + ": " + e.getMessage());
        }
      }
      return new ArrayList<>(kept);
    }

    /** Prints bytes appended to {@code file} until interrupted; starts over when truncated. */
    private static void follow(Path file, PrintWriter out) {
      long pos = size(file);
      while (!Thread.currentThread().isInterrupted()) {
        long len = size(file);
        if (len < pos) {
          pos = 0;
        }
        if (len > pos) {
          try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(pos);
            byte[] buf = new byte[(int) Math.min(len - pos, 1 << 20)];
            raf.readFully(buf);
            pos += buf.length;
            out.print(new String(buf, StandardCharsets.UTF_8));
            out.flush();
          } catch (IOException e) {
            // The file may be mid-rotation; try again on the next round.
          }
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private static long size(Path p) {
      try {
        return Files.size(p);
      } catch (IOException e) {
        return 0;
      }
    }
  }
}
