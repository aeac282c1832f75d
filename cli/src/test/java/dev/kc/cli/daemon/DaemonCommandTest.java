package dev.kc.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.Environment;
import dev.kc.cli.testing.FakeDaemon;
import dev.kc.cli.testing.Kc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon life cycle, with {@link FakeDaemon} as the daemon (a real child JVM). kc waits for
 * readiness itself, so the tests never sleep.
 */
class DaemonCommandTest {

  @TempDir Path dir;
  private Kc kc;

  @BeforeEach
  void setUp() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    kc =
        new Kc(dir)
            .property("kc.daemon.classpath", cp)
            .property("kc.daemon.main", FakeDaemon.class.getName());
  }

  @AfterEach
  void stopDaemon() {
    new DaemonLauncher(Environment.of(Map.of("KC_HOME", kc.home().toString()))).stop();
  }

  @Test
  void statusOfAStoppedDaemonExitsOne() {
    Kc.Result r = kc.run("daemon", "status");

    assertEquals(1, r.code());
    assertEquals("kc daemon is not running\n", r.out());
  }

  @Test
  void startStatusStopRoundTrip() {
    Kc.Result start = kc.run("daemon", "start");
    DaemonState state = DaemonState.running(kc.home());

    assertEquals(0, start.code(), start.err());
    assertEquals(
        "kc daemon started (pid "
            + state.pid()
            + ", "
            + state.url()
            + ", KC_HOME="
            + kc.home()
            + ")\n",
        start.out());
    assertTrue(state.url().startsWith("https://127.0.0.1:"), state.url());

    Kc.Result again = kc.run("daemon", "start");
    assertEquals(
        "kc daemon is already running (pid " + state.pid() + ", " + state.url() + ")\n",
        again.out());

    Kc.Result status = kc.run("daemon", "status");
    assertEquals(0, status.code());
    assertTrue(
        status
            .out()
            .matches(
                "kc daemon is running \\(pid "
                    + state.pid()
                    + ", "
                    + state.url().replace(".", "\\.")
                    + ", up \\d+s\\)\n"),
        status.out());

    Kc.Result stop = kc.run("daemon", "stop");
    assertEquals("kc daemon stopped\n", stop.out());
    assertFalse(Files.exists(kc.home().resolve("daemon.json")));
    assertEquals("kc daemon is not running\n", kc.run("daemon", "stop").out());
    assertEquals(0, kc.run("daemon", "stop").code());
  }

  @Test
  void commandsStartTheDaemonWhenKcsOwnKubeconfigIsUsed() {
    Kc.Result r = kc.run("get", "pods");

    assertEquals(0, r.code(), r.err());
    assertEquals(
        "NAME         READY   STATUS    RESTARTS   AGE\n"
            + "daemon-pod   1/1     Pending   0          60s\n",
        r.out());
    assertTrue(DaemonState.running(kc.home()) != null);
  }

  @Test
  void aFailedStartShowsWhatTheDaemonPrinted() throws Exception {
    Kc.Result r = kc.run("daemon", "start", "--nodes", "0");

    assertEquals(1, r.code());
    assertEquals(
        "error: kc daemon failed to start:\n"
            + "fake daemon starting: run --home "
            + kc.home()
            + " --nodes 0\n"
            + "error: cannot run with 0 nodes\n",
        r.err());
    assertTrue(Files.exists(kc.home().resolve("logs").resolve("daemon.out")));
  }

  @Test
  void aStaleStateFileMeansNotRunning() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Files.createDirectories(kc.home());
    Files.writeString(
        kc.home().resolve("daemon.json"),
        "{\"pid\": " + p.pid() + ", \"port\": 1, \"url\": \"https://127.0.0.1:1\"}");

    assertEquals("kc daemon is not running\n", kc.run("daemon", "status").out());
  }

  @Test
  void withoutAClassPathStartExplainsTheProblem() {
    Kc.Result r = new Kc(dir).run("daemon", "start");

    assertEquals(1, r.code());
    assertTrue(
        r.err()
            .startsWith(
                "error: kc daemon failed to start: the daemon's class path is" + " unknown"),
        r.err());
  }

  @Test
  void theDaemonCommandLineFollowsTheContract() {
    Environment env =
        new Environment(
            Map.of("KC_HOME", "/h"),
            Map.of("kc.lib", "/opt/kc/lib"),
            java.io.InputStream.nullInputStream(),
            false,
            java.time.Clock.systemUTC());

    List<String> cmd =
        new DaemonLauncher(env).command(new DaemonLauncher.Options(7443, "virtual", 3));

    int java = cmd.indexOf(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertEquals(
        List.of(
            "-Xss512k",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            "/opt/kc/lib/daemon/*",
            "dev.kc.controlplane.daemon.Daemon",
            "run",
            "--home",
            "/h",
            "--port",
            "7443",
            "--clock",
            "virtual",
            "--nodes",
            "3"),
        cmd.subList(java + 1, cmd.size()));
  }

  @Test
  void logsPrintsRotatedFilesFirstAndHonoursTail() throws Exception {
    Path logs = Files.createDirectories(kc.home().resolve("logs"));
    Files.writeString(logs.resolve("kc-daemon.log.2"), "one\n");
    Files.writeString(logs.resolve("kc-daemon.log.1"), "two\nthree\n");
    Files.writeString(logs.resolve("kc-daemon.log"), "four\nfive\n");

    assertEquals("one\ntwo\nthree\nfour\nfive\n", kc.run("daemon", "logs").out());
    assertEquals("three\nfour\nfive\n", kc.run("daemon", "logs", "--tail", "3").out());
  }

  @Test
  void logsWithoutALogFileIsAnError() {
    Kc.Result r = kc.run("daemon", "logs");

    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: open "), r.err());
  }
}
