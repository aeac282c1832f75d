package dev.kc.cli.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A stand-in for {@code dev.kc.controlplane.daemon.Daemon} honouring the CLI's life-cycle contract:
 * {@code run --home H [--port P] [--clock C] [--nodes N]} serves HTTPS (the {@link FakeApiServer}),
 * writes {@code H/kubeconfig} and then {@code H/daemon.json}, removes daemon.json on SIGTERM and
 * exits.
 *
 * <p>For failure tests, {@code --nodes 0} makes it print an error and exit with status 3 before
 * becoming ready.
 */
public final class FakeDaemon {

  private FakeDaemon() {}

  /** Entry point, see the class comment. */
  public static void main(String[] args) throws Exception {
    Path home = null;
    int nodes = 1;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--home")) {
        home = Path.of(args[++i]);
      } else if (args[i].equals("--nodes")) {
        nodes = Integer.parseInt(args[++i]);
      }
    }
    System.out.println("fake daemon starting: " + String.join(" ", args));
    if (home == null || nodes == 0) {
      System.out.println("error: cannot run with 0 nodes");
      System.exit(3);
    }
    FakeApiServer server = FakeApiServer.https();
    server.put(FakeApiServer.object("v1", "Pod", "daemon-pod"), Duration.ofMinutes(1));
    Files.writeString(
        home.resolve("kubeconfig"), Kc.kubeconfig(server.url(), "default", "daemon-token"));
    Path state = home.resolve("daemon.json");
    long pid = ProcessHandle.current().pid();
    Path tmp = home.resolve("daemon.json.tmp");
    Files.writeString(
        tmp,
        "{\"pid\": "
            + pid
            + ", \"port\": "
            + server.port()
            + ", \"url\": \""
            + server.url()
            + "\", \"startedAt\": \""
            + Instant.now()
            + "\", \"version\": \"fake\"}",
        StandardCharsets.UTF_8);
    Files.move(tmp, state);
    final Path home0 = home;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(home0.resolve("daemon.json"));
                  } catch (Exception ignored) {
                    // Best effort on the way out.
                  }
                  server.close();
                }));
    System.out.println("fake daemon ready at " + server.url());
    Thread.currentThread().join();
  }
}
