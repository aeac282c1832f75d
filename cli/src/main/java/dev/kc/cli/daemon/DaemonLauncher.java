package dev.kc.cli.daemon;

import dev.kc.cli.CliException;
import dev.kc.cli.Environment;
import dev.kc.cli.client.ClusterConfig;
import dev.kc.cli.client.Kubeconfig;
import dev.kc.cli.client.RestClient;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and stops the kc daemon as a detached background process (see the life-cycle contract in
 * the CLI brief): the daemon is a separate JVM that writes {@code $KC_HOME/daemon.json} when ready
 * and serves {@code GET /readyz}.
 *
 * <p>System properties read: {@code kc.daemon.classpath} (the daemon's class path, wins), else
 * {@code kc.lib} (the install's lib dir; the daemon's jars are {@code <kc.lib>/daemon/*}); {@code
 * kc.daemon.main} overrides the main class (for tests only).
 */
public final class DaemonLauncher {

  /** How long {@code start} waits for the daemon to become ready. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@code stop} waits for the daemon to exit after SIGTERM. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  /** The daemon's main class. */
  public static final String MAIN_CLASS = "dev.kc.controlplane.daemon.Daemon";

  private static final int LOG_TAIL_LINES = 20;

  /** Options passed through to {@code Daemon run}; each {@code null} when not given. */
  public record Options(Integer port, String clock, Integer nodes) {
    /** No options: the daemon's defaults. */
    public static Options defaults() {
      return new Options(null, null, null);
    }
  }

  private final Environment env;
  private final Path home;

  /** A launcher for the daemon of {@code env}'s {@code KC_HOME}. */
  public DaemonLauncher(Environment env) {
    this.env = env;
    this.home = env.kcHome();
  }

  /** kc's home directory this launcher manages. */
  public Path home() {
    return home;
  }

  /**
   * Spawns the daemon and waits until it is ready.
   *
   * <p>Steps: 1. resolve the class path and create the log directory; 2. spawn the JVM detached
   * (new session when {@code setsid} exists), stdin from /dev/null, output appended to {@code
   * logs/daemon.out}; 3. poll until {@code daemon.json} exists and {@code /readyz} answers 200. If
   * another daemon wins a concurrent start, that one is returned.
   *
   * @return the running daemon's state
   * @throws CliException {@code error: kc daemon failed to start:} plus the tail of the daemon's
   *     output, when the child exits or does not become ready within {@link #START_TIMEOUT}
   */
  public DaemonState start(Options options) {
    Path logDir = home.resolve("logs");
    createPrivateDirs(logDir);
    Path out = logDir.resolve("daemon.out");
    long offset = size(out);
    Process child;
    try {
      ProcessBuilder pb = new ProcessBuilder(command(options));
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
      pb.redirectErrorStream(true);
      child = pb.start();
    } catch (IOException e) {
      throw CliException.error("kc daemon failed to start: " + e.getMessage());
    }
    return awaitReady(child, out, offset);
  }

  /** The command line that starts the daemon. */
  public List<String> command(Options options) {
    List<String> cmd = new ArrayList<>();
    Path setsid = findSetsid();
    if (setsid != null) {
      cmd.add(setsid.toString());
    }
    String javaHome = System.getProperty("java.home");
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    cmd.add("-Xss512k");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(classpath());
    String main = env.property("kc.daemon.main");
    cmd.add(main != null && !main.isEmpty() ? main : MAIN_CLASS);
    cmd.add("run");
    cmd.add("--home");
    cmd.add(home.toString());
    if (options.port() != null) {
      cmd.add("--port");
      cmd.add(options.port().toString());
    }
    if (options.clock() != null) {
      cmd.add("--clock");
      cmd.add(options.clock());
    }
    if (options.nodes() != null) {
      cmd.add("--nodes");
      cmd.add(options.nodes().toString());
    }
    return cmd;
  }

  private String classpath() {
    String cp = env.property("kc.daemon.classpath");
    if (cp != null && !cp.isEmpty()) {
      return cp;
    }
    String lib = env.property("kc.lib");
    if (lib != null && !lib.isEmpty()) {
      return Path.of(lib, "daemon") + File.separator + "*";
    }
    throw CliException.error(
        "kc daemon failed to start: the daemon's class path is unknown;"
            + " run kc through its launcher script (which sets -Dkc.lib) or set"
            + " -Dkc.daemon.classpath");
  }

  private static Path findSetsid() {
    for (String p : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
      Path path = Path.of(p);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    return null;
  }

  private DaemonState awaitReady(Process child, Path out, long offset) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      DaemonState state = DaemonState.read(home);
      if (state != null && state.isAlive() && isReady()) {
        return state;
      }
      if (!child.isAlive()) {
        // A concurrent start may have won the lock; its daemon is just as good.
        DaemonState other = DaemonState.running(home);
        if (other != null && isReady()) {
          return other;
        }
        throw failure("", out, offset);
      }
      if (System.nanoTime() > deadline) {
        child.destroy();
        throw failure(" (not ready after " + START_TIMEOUT.toSeconds() + "s)", out, offset);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CliException.error("interrupted while waiting for the kc daemon to start");
      }
    }
  }

  private CliException failure(String why, Path out, long offset) {
    StringBuilder sb = new StringBuilder("error: kc daemon failed to start:" + why);
    for (String line : tail(out, offset, LOG_TAIL_LINES)) {
      sb.append('\n').append(line);
    }
    return new CliException(sb.toString());
  }

  /** True when {@code GET /readyz} on kc's own kubeconfig answers 200. */
  public boolean isReady() {
    try {
      ClusterConfig cfg =
          Kubeconfig.resolve(
              new Kubeconfig.Overrides(null, null, null, null, null, false),
              null,
              home.resolve("kubeconfig"),
              home.resolve("cache").resolve("kubeconfig.json"));
      try (RestClient client = new RestClient(cfg, "kc", RestClient.SILENT, 0)) {
        return client.send("GET", "/readyz", "*/*", null, null).code() == 200;
      }
    } catch (CliException e) {
      return false;
    }
  }

  /**
   * Sends SIGTERM to a running daemon and waits for it to exit.
   *
   * @return {@code true} when the daemon stopped, {@code false} when none was running
   * @throws CliException when it did not exit within {@link #STOP_TIMEOUT}
   */
  public boolean stop() {
    DaemonState state = DaemonState.running(home);
    if (state == null) {
      return false;
    }
    ProcessHandle handle = ProcessHandle.of(state.pid()).orElse(null);
    if (handle == null || !handle.isAlive()) {
      return false;
    }
    handle.destroy();
    try {
      handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      throw CliException.error(
          "kc daemon (pid "
              + state.pid()
              + ") did not stop within "
              + STOP_TIMEOUT.toSeconds()
              + "s");
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.error("interrupted while waiting for the kc daemon to stop");
    }
  }

  /** Creates directories readable only by the user (0700) where the file system allows. */
  static void createPrivateDirs(Path dir) {
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        for (Path p : ancestorsToCreate(dir)) {
          Files.createDirectory(
              p,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
      } else {
        Files.createDirectories(
            dir,
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw CliException.error("cannot create " + dir + ": " + e.getMessage());
    }
  }

  private static List<Path> ancestorsToCreate(Path dir) {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    return missing;
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The last {@code n} lines written to {@code file} after byte {@code offset}. */
  static List<String> tail(Path file, long offset, int n) {
    List<String> lines = new ArrayList<>();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      if (len <= offset) {
        return lines;
      }
      long from = Math.max(offset, len - 64 * 1024);
      byte[] buf = new byte[(int) (len - from)];
      raf.seek(from);
      raf.readFully(buf);
      String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
      for (int i = Math.max(0, all.length - n); i < all.length; i++) {
        lines.add(all[i]);
      }
    } catch (IOException e) {
      // No output to show.
    }
    return lines;
  }
}
