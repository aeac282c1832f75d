package dev.kc.cli;

import dev.kc.cli.client.ClusterConfig;
import dev.kc.cli.client.Discovery;
import dev.kc.cli.client.Kubeconfig;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.daemon.DaemonLauncher;
import dev.kc.cli.daemon.DaemonState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The per-invocation connection to the API server: resolves kubeconfig and flags, starts kc's
 * daemon when kc's own kubeconfig is in use and the daemon is down, and lazily creates the REST
 * client and discovery. Commands obtain it from {@link KcCommand#session()}.
 */
public final class Session implements AutoCloseable, RestClient.Hooks {

  /** The User-Agent kc sends. */
  public static final String USER_AGENT =
      "kc/"
          + Version.CLIENT
          + " ("
          + System.getProperty("os.name", "unknown").toLowerCase()
          + "/"
          + System.getProperty("os.arch", "unknown")
          + ")";

  private final GlobalOptions options;
  private final Environment env;
  private final PrintWriter err;
  private ClusterConfig config;
  private RestClient client;
  private Discovery discovery;
  private Instant daemonStarted;

  Session(GlobalOptions options, Environment env, PrintWriter err) {
    this.options = options;
    this.env = env;
    this.err = err;
  }

  /**
   * The resolved cluster settings. When kc's own kubeconfig is used and its daemon is not running,
   * the daemon is started first (quietly; a failure is thrown).
   */
  public ClusterConfig config() {
    if (config == null) {
      ClusterConfig cfg = resolve();
      if (cfg.kcOwned()) {
        DaemonState state = DaemonState.running(env.kcHome());
        if (state == null) {
          state = new DaemonLauncher(env).start(DaemonLauncher.Options.defaults());
          cfg = resolve();
        }
        daemonStarted = state.written();
        if (state.socket() != null && java.nio.file.Files.exists(Path.of(state.socket()))) {
          cfg = cfg.withUnixSocket(state.socket());
        }
      }
      config = cfg;
    }
    return config;
  }

  private ClusterConfig resolve() {
    Kubeconfig.Overrides o =
        new Kubeconfig.Overrides(
            options.kubeconfig,
            options.context,
            options.namespace,
            options.server,
            options.token,
            options.insecureSkipTlsVerify);
    Path home = env.kcHome();
    return Kubeconfig.resolve(
        o,
        env.getenv("KUBECONFIG"),
        home.resolve("kubeconfig"),
        home.resolve("cache").resolve("kubeconfig.json"));
  }

  /** The namespace for this command: {@code -n}, else the context's, else {@code default}. */
  public String namespace() {
    return config().namespace();
  }

  /** True when {@code -n/--namespace} was given (then it overrides manifests' namespaces). */
  public boolean namespaceExplicit() {
    return options.namespace != null && !options.namespace.isEmpty();
  }

  /** The REST client, created on first use. */
  public RestClient client() {
    if (client == null) {
      ClusterConfig cfg = config();
      client = new RestClient(cfg, USER_AGENT, this, options.verbosity);
    }
    return client;
  }

  /** Discovery for this cluster, cached under {@code $KC_HOME/cache/discovery}. */
  public Discovery discovery() {
    if (discovery == null) {
      RestClient c = client();
      discovery = new Discovery(c, cacheFile(c.config()), daemonStarted);
    }
    return discovery;
  }

  private Path cacheFile(ClusterConfig cfg) {
    java.net.URI u = cfg.uri();
    int port = u.getPort() > 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
    String host = String.valueOf(u.getHost()).replaceAll("[^A-Za-z0-9.-]", "_");
    return env.kcHome().resolve("cache").resolve("discovery").resolve(host + "_" + port + ".json");
  }

  @Override
  public void warning(String text) {
    err.println("Warning: " + text);
    err.flush();
  }

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS");

  @Override
  public void log(String line) {
    err.println(
        "I"
            + LocalDateTime.now(ZoneId.systemDefault()).format(LOG_TIME)
            + " "
            + String.format("%7d", ProcessHandle.current().pid())
            + " rest_client.go:1] "
            + line);
    err.flush();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
