package dev.kc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.testing.FakeApiServer;
import dev.kc.cli.testing.Kc;
import dev.kc.cli.testing.UnixSocketProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a command reaches kc's own daemon: through kc's kubeconfig, and through the daemon's Unix
 * socket when daemon.json advertises one. The "daemon" is this test JVM (its pid is alive).
 */
class SessionTest {

  @TempDir Path dir;
  private FakeApiServer server;
  private Kc kc;

  @BeforeEach
  void start() throws Exception {
    server = FakeApiServer.http();
    server.put(FakeApiServer.object("v1", "Pod", "p1"), Duration.ofMinutes(2));
    kc = new Kc(dir);
    Files.createDirectories(kc.home());
    Files.writeString(
        kc.home().resolve("kubeconfig"), Kc.kubeconfig(server.url(), "default", "own-token"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void writeState(String socket) throws Exception {
    Files.writeString(
        kc.home().resolve("daemon.json"),
        "{\"pid\": "
            + ProcessHandle.current().pid()
            + ", \"port\": "
            + server.port()
            + ", \"url\": \""
            + server.url()
            + "\""
            + (socket == null ? "" : ", \"socket\": \"" + socket + "\"")
            + "}");
  }

  @Test
  void usesKcsOwnKubeconfigWhenTheDaemonRuns() throws Exception {
    writeState(null);

    Kc.Result r = kc.run("get", "pods", "-o", "name");

    assertEquals("pod/p1\n", r.out(), r.err());
  }

  @Test
  void prefersTheDaemonsUnixSocketAndSendsTheTokenOverIt() throws Exception {
    Path sock = dir.resolve("kc.sock");
    try (UnixSocketProxy proxy = new UnixSocketProxy(sock, server.port())) {
      writeState(sock.toString());

      Kc.Result r = kc.run("get", "pods", "-o", "name");

      assertEquals("pod/p1\n", r.out(), r.err());
      assertTrue(proxy.accepted() > 0, "the request went through the socket");
      assertEquals("Bearer own-token", server.apiRequests().get(0).authorization());
    }
  }

  @Test
  void fallsBackToTcpWhenTheSocketIsDead() throws Exception {
    Path sock = dir.resolve("dead.sock");
    Files.writeString(sock, "not a socket");
    writeState(sock.toString());

    Kc.Result r = kc.run("get", "pods", "-o", "name");

    assertEquals("pod/p1\n", r.out(), r.err());
    assertEquals(null, server.apiRequests().get(0).authorization(), "plain TCP: no token");
  }

  @Test
  void discoveryIsCachedUnderKcHome() throws Exception {
    writeState(null);

    kc.run("get", "pods");
    kc.run("get", "pods");

    long discoveryRequests =
        server.requests().stream()
            .filter(r -> r.path().equals("/api") || r.path().equals("/apis"))
            .count();
    assertEquals(2, discoveryRequests);
    assertTrue(Files.list(kc.home().resolve("cache").resolve("discovery")).findAny().isPresent());
  }
}
