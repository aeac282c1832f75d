package dev.kc.cli.testing;

import dev.kc.cli.Environment;
import dev.kc.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs kc in-process against a fake server, the way the tests use it: an isolated KC_HOME, a
 * kubeconfig pointing at the server, captured stdout and stderr.
 */
public final class Kc {

  /** What one run produced. */
  public record Result(int code, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();
  private final Map<String, String> props = new HashMap<>();
  private final Path home;
  private String stdin = "";
  private Clock clock;

  /** A runner with KC_HOME under {@code dir} and no kubeconfig yet. */
  public Kc(Path dir) {
    this.home = dir.resolve("kchome");
    env.put("KC_HOME", home.toString());
    env.put("HOME", dir.toString());
  }

  /** A runner whose KUBECONFIG points at {@code server} (HTTPS: trusts its CA, sends a token). */
  public static Kc against(FakeApiServer server, Path dir) throws IOException {
    Kc kc = new Kc(dir);
    Path cfg = dir.resolve("kubeconfig.yaml");
    Files.writeString(cfg, kubeconfig(server.url(), "default", "secret-token"));
    kc.env.put("KUBECONFIG", cfg.toString());
    kc.clock = Clock.fixed(server.now, ZoneOffset.UTC);
    return kc;
  }

  /** A kubeconfig YAML for one cluster with the fake server's CA and a token. */
  public static String kubeconfig(String url, String namespace, String token) throws IOException {
    String ca =
        java.util.Base64.getEncoder()
            .encodeToString(FakeApiServer.caPem().getBytes(StandardCharsets.UTF_8));
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n"
        + "    server: "
        + url
        + "\n    certificate-authority-data: "
        + ca
        + "\n"
        + "contexts:\n- name: fake\n  context:\n    cluster: fake\n    user: u\n"
        + "    namespace: "
        + namespace
        + "\ncurrent-context: fake\nusers:\n- name: u\n"
        + "  user:\n    token: "
        + token
        + "\n";
  }

  /** Sets an environment variable for later runs. */
  public Kc env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Sets a system property (as seen by kc) for later runs. */
  public Kc property(String name, String value) {
    props.put(name, value);
    return this;
  }

  /** Sets what the next runs read from stdin. */
  public Kc stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** kc's home directory. */
  public Path home() {
    return home;
  }

  /** Runs kc with {@code args}. */
  public Result run(String... args) {
    Environment e =
        new Environment(
            new HashMap<>(env),
            new HashMap<>(props),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            false,
            clock == null ? Clock.systemUTC() : clock);
    CommandLine cl = Main.newCommandLine(e);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
