package dev.kc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.testing.FakeApiServer;
import dev.kc.cli.testing.Kc;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root command behaviour: flags, usage errors, exit codes, connection errors. */
class MainTest {

  @TempDir Path dir;

  @Test
  void noArgumentsPrintsHelp() {
    Kc.Result r = new Kc(dir).run();

    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("Usage: kc "), r.out());
    assertTrue(r.out().contains("  get "), r.out());
  }

  @Test
  void unknownFlagsUseCobrasWordingAndExitOne() {
    Kc kc = new Kc(dir);

    Kc.Result longFlag = kc.run("get", "pods", "--foo=1");
    Kc.Result shortFlag = kc.run("get", "pods", "-x");

    assertEquals(1, longFlag.code());
    assertEquals("Error: unknown flag: --foo\nSee 'kc get --help' for usage.\n", longFlag.err());
    assertEquals(
        "Error: unknown shorthand flag: 'x' in -x\nSee 'kc get --help' for usage.\n",
        shortFlag.err());
  }

  @Test
  void missingFlagValuesNameTheFlagAsTyped() {
    Kc kc = new Kc(dir);

    assertEquals(
        "Error: flag needs an argument: 'n' in -n\nSee 'kc get --help' for usage.\n",
        kc.run("get", "pods", "-n").err());
    assertEquals(
        "Error: flag needs an argument: --namespace\nSee 'kc get --help' for usage.\n",
        kc.run("get", "pods", "--namespace").err());
  }

  @Test
  void badFlagValuesLookLikeGoParseErrors() {
    Kc.Result r = new Kc(dir).run("delete", "pods", "x", "--grace-period=abc");

    assertEquals(1, r.code());
    assertEquals(
        "Error: invalid argument \"abc\" for \"--grace-period\" flag: strconv.ParseInt:"
            + " parsing \"abc\": invalid syntax\nSee 'kc delete --help' for usage.\n",
        r.err());
  }

  @Test
  void unknownCommandExitsOne() {
    Kc.Result r = new Kc(dir).run("frobnicate");

    assertEquals(1, r.code());
    assertEquals("Error: unknown command \"frobnicate\" for \"kc\"\n", r.err());
  }

  @Test
  void refusedConnectionsUseKubectlsMessage() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path cfg = dir.resolve("config");
    Files.writeString(cfg, Kc.kubeconfig("https://127.0.0.1:" + port, "default", "t"));

    Kc.Result r = new Kc(dir).env("KUBECONFIG", cfg.toString()).run("get", "pods");

    assertEquals(1, r.code());
    assertEquals(
        "The connection to the server 127.0.0.1:"
            + port
            + " was refused - did you specify the right host or port?\n",
        r.err());
  }

  @Test
  void globalFlagsWorkBeforeAndAfterTheCommandAndBooleansDoNotEatArguments() throws Exception {
    try (FakeApiServer server = FakeApiServer.http()) {
      server.put(FakeApiServer.object("v1", "Pod", "p", "a", "b"), Duration.ZERO);
      Kc kc = Kc.against(server, dir);

      Kc.Result before = kc.run("-n", "default", "get", "-A", "pods", "-o", "name");
      Kc.Result after = kc.run("get", "-w=false", "pods", "--namespace=default", "-o", "name");

      assertEquals("pod/p\n", before.out(), before.err());
      assertEquals("pod/p\n", after.out(), after.err());
    }
  }

  @Test
  void serverFlagOverridesTheKubeconfig() throws Exception {
    try (FakeApiServer server = FakeApiServer.http()) {
      Kc.Result r = new Kc(dir).run("--server", server.url(), "version");

      assertEquals(0, r.code(), r.err());
      assertEquals("Client Version: " + Version.CLIENT + "\nServer Version: v1.32.0\n", r.out());
    }
  }

  @Test
  void verbosityLogsRequestsToStderr() throws Exception {
    try (FakeApiServer server = FakeApiServer.http()) {
      Kc.Result r = Kc.against(server, dir).run("version", "-v=6");

      assertTrue(
          r.err()
              .matches(
                  "(?s)I\\d{4} [0-9:.]+ +\\d+ rest_client\\.go:1\\] GET"
                      + " http://127\\.0\\.0\\.1:\\d+/version\\?timeout=32s 200 OK in \\d+"
                      + " milliseconds\n"),
          r.err());
    }
  }

  @Test
  void versionClientNeedsNoServer() {
    Kc.Result r = new Kc(dir).run("version", "--client");

    assertEquals("Client Version: " + Version.CLIENT + "\n", r.out());
  }

  @Test
  void clusterInfoNamesTheControlPlaneAndClusterServices() throws Exception {
    try (FakeApiServer server = FakeApiServer.http()) {
      java.util.Map<String, Object> dns =
          FakeApiServer.object(
              "v1",
              "Service",
              "kube-dns",
              "kubernetes.io/cluster-service",
              "true",
              "kubernetes.io/name",
              "CoreDNS");
      dev.kc.cli.json.Json.child(dns, "metadata").put("namespace", "kube-system");
      dns.put("spec", dev.kc.cli.json.Json.parse("{\"ports\":[{\"name\":\"dns\",\"port\":53}]}"));
      server.put(dns, Duration.ZERO);

      Kc.Result r = Kc.against(server, dir).run("cluster-info");

      assertEquals(
          "Kubernetes control plane is running at "
              + server.url()
              + "\n"
              + "CoreDNS is running at "
              + server.url()
              + "/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n"
              + "\nTo further debug and diagnose cluster problems, use 'kc cluster-info dump'.\n",
          r.out());
    }
  }

  @Test
  void clusterInfoIsColouredOnlyOnATerminal() throws Exception {
    try (FakeApiServer server = FakeApiServer.http()) {
      Path cfg = dir.resolve("config");
      Files.writeString(cfg, Kc.kubeconfig(server.url(), "default", "t"));
      Environment tty =
          new Environment(
              java.util.Map.of("KUBECONFIG", cfg.toString(), "KC_HOME", dir.toString()),
              java.util.Map.of(),
              java.io.InputStream.nullInputStream(),
              true,
              java.time.Clock.systemUTC());
      java.io.StringWriter out = new java.io.StringWriter();
      picocli.CommandLine cl = Main.newCommandLine(tty);
      cl.setOut(new java.io.PrintWriter(out));

      cl.execute("cluster-info");

      assertTrue(
          out.toString()
              .startsWith(
                  "\u001b[0;32mKubernetes control plane\u001b[0m is running at \u001b[0;33m"
                      + server.url()
                      + "\u001b[0m\n"),
          out.toString());
    }
  }

  @Test
  void versionAsJsonHasClientAndServerVersions() throws Exception {
    try (FakeApiServer server = FakeApiServer.http()) {
      Kc.Result r = Kc.against(server, dir).run("version", "-o", "json");

      Object doc = dev.kc.cli.json.Json.parse(r.out());
      assertEquals(Version.CLIENT, dev.kc.cli.json.Json.str(doc, "clientVersion", "gitVersion"));
      assertEquals("32", dev.kc.cli.json.Json.str(doc, "serverVersion", "minor"));
    }
  }

  @Test
  void stackTracesAppearOnlyWhenDebugging() throws Exception {
    Path cfg = dir.resolve("config");
    Files.writeString(cfg, Kc.kubeconfig("http://127.0.0.1:1", "default", "t"));
    Kc kc = new Kc(dir).env("KUBECONFIG", cfg.toString());

    Kc.Result quiet = kc.run("get", "pods");
    Kc.Result debug = kc.env("KC_DEBUG", "1").run("get", "pods");

    assertTrue(!quiet.err().contains("\tat "), quiet.err());
    assertTrue(debug.err().contains("\tat dev.kc.cli."), debug.err());
  }

  @Test
  void commandNameSkipsRootFlagsAndTheirValues() {
    assertEquals("get", Main.commandName(new String[] {"-n", "x", "--context=c", "get", "po"}));
    assertEquals("delete", Main.commandName(new String[] {"-v", "6", "delete"}));
    assertNull(Main.commandName(new String[] {"--help"}));
  }
}
