package dev.kc.controlplane.daemon;

import dev.kc.controlplane.admission.Admission;
import dev.kc.controlplane.apiserver.ApiServer;
import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.clock.RealClock;
import dev.kc.controlplane.clock.VirtualClock;
import dev.kc.controlplane.kubelet.Kubelet;
import dev.kc.controlplane.kubelet.KubeletConfig;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.SqliteStore;
import dev.kc.store.StoreException;
import java.io.IOException;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kc daemon: owns one {@code KC_HOME}, its store and the API server, and wires everything else.
 * This is the only class that knows all the parts.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final List<String> INITIAL_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  /**
   * How to run.
   *
   * @param home the state directory
   * @param host the address to listen on
   * @param port the port, or 0 for the previous run's port (or any free one)
   * @param clock {@code real} or {@code virtual}
   * @param nodes how many worker nodes the cluster starts with
   * @param watchHeartbeat how often idle watch streams are written to
   * @param kubelet the simulated kubelet's delays
   * @param controllers whether controllers, scheduler and kubelets run (tests of the API alone turn
   *     them off so that nothing else writes)
   */
  public record Config(
      Home home,
      String host,
      int port,
      String clock,
      int nodes,
      Duration watchHeartbeat,
      KubeletConfig kubelet,
      boolean controllers) {
    public Config(
        Home home,
        String host,
        int port,
        String clock,
        int nodes,
        Duration watchHeartbeat,
        KubeletConfig kubelet) {
      this(home, host, port, clock, nodes, watchHeartbeat, kubelet, true);
    }

    public static Config defaults(Home home) {
      return new Config(
          home, "127.0.0.1", 0, "real", 3, Duration.ofSeconds(30), KubeletConfig.defaults());
    }

    public Config withoutControllers() {
      return new Config(home, host, port, clock, nodes, watchHeartbeat, kubelet, false);
    }
  }

  private final Config config;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final SqliteStore store;
  private final ObjectService objects;
  private final ControlPlane cluster;
  private final ApiServer server;
  private final String token;
  private final Instant started = Instant.now();

  private Daemon(
      Config config,
      FileChannel lockChannel,
      FileLock lock,
      SqliteStore store,
      ObjectService objects,
      ControlPlane cluster,
      ApiServer server,
      String token) {
    this.config = config;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.store = store;
    this.objects = objects;
    this.cluster = cluster;
    this.server = server;
    this.token = token;
  }

  /**
   * The clock the configuration asks for. A virtual clock resumes where the last run left it (kept
   * in {@code KC_HOME/clock}), so restarting a virtual cluster does not move time.
   */
  private static Clock clockFor(Config config) {
    if (!config.clock().equals("virtual")) {
      return new RealClock();
    }
    Path file = config.home().dir().resolve("clock");
    Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try {
      if (Files.exists(file)) {
        start = Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException | java.time.format.DateTimeParseException e) {
      log.warn("cannot read the virtual time from {}; starting from now", file, e);
    }
    return new VirtualClock(
        start,
        t -> {
          try {
            Home.writePrivate(file, (t + "\n").getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            log.warn("cannot record the virtual time in {}", file, e);
          }
        });
  }

  /**
   * Starts a daemon for {@code config.home()} and returns once it answers requests.
   *
   * @throws DaemonException with a user-facing message when it cannot start
   */
  public static Daemon start(Config config) {
    Home home = config.home();
    try {
      home.create();
    } catch (IOException e) {
      throw new DaemonException("cannot create KC_HOME " + home.dir() + ": " + e.getMessage(), e);
    }
    FileChannel channel = null;
    FileLock lock;
    try {
      channel = FileChannel.open(home.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = channel.tryLock();
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DaemonException("cannot lock " + home.lock() + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new DaemonException("another kc daemon is already running with KC_HOME=" + home.dir());
    }
    SqliteStore store = null;
    try {
      store = SqliteStore.open(home.database(), SqliteStore.Options.defaults());
      Clock clock = clockFor(config);
      ObjectService objects = new ObjectService(store, Registry.builtin(), new Admission(), clock);
      bootstrap(objects);
      ControlPlane cluster =
          new ControlPlane(objects, home.dir().resolve("images.json"), config.kubelet());
      if (config.controllers()) {
        cluster.start(config.nodes());
      }
      Certificates certs = Certificates.loadOrCreate(home.pki());
      String token = loadOrCreateToken(home.pki().resolve("token"));
      ApiServer server = listen(config, home, objects, cluster, certs, token);
      String url = "https://" + urlHost(config.host()) + ":" + server.port();
      Kubeconfig.write(home.kubeconfig(), url, certs.caPem(), token);
      home.secure();
      Daemon d = new Daemon(config, channel, lock, store, objects, cluster, server, token);
      d.writeInfo(url);
      log.info("kc daemon listening on {} (KC_HOME={})", url, home.dir());
      return d;
    } catch (StoreException e) {
      closeAll(store, channel);
      throw new DaemonException(e.getMessage(), e);
    } catch (IOException | GeneralSecurityException e) {
      closeAll(store, channel);
      throw new DaemonException("cannot start: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeAll(store, channel);
      throw e;
    }
  }

  private static ApiServer listen(
      Config config,
      Home home,
      ObjectService objects,
      ControlPlane cluster,
      Certificates certs,
      String token)
      throws GeneralSecurityException, IOException {
    int port = config.port() != 0 ? config.port() : Kubeconfig.previousPort(home.kubeconfig());
    ApiServer server = tryListen(config, objects, cluster, certs, token, port);
    if (server == null && config.port() == 0 && port != 0) {
      // The previous port is taken (another KC_HOME, perhaps): take any free one.
      server = tryListen(config, objects, cluster, certs, token, 0);
    }
    if (server == null) {
      throw new DaemonException(
          "cannot listen on " + config.host() + ":" + port + ": address already in use");
    }
    return server;
  }

  private static ApiServer tryListen(
      Config config,
      ObjectService objects,
      ControlPlane cluster,
      Certificates certs,
      String token,
      int port)
      throws GeneralSecurityException, IOException {
    ApiServer server =
        new ApiServer(
            new ApiServer.Config(
                config.host(),
                port,
                certs.serverContext(),
                token,
                config.watchHeartbeat(),
                config.home().socket()),
            objects,
            cluster);
    try {
      server.start();
      return server;
    } catch (Exception e) {
      server.close();
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        return null;
      }
      throw new IOException("cannot start the API server: " + e.getMessage(), e);
    }
  }

  private static String urlHost(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Creates the namespaces every cluster has, once. */
  private static void bootstrap(ObjectService objects) {
    ResourceType ns = objects.registry().byResource("", "v1", "namespaces").orElseThrow();
    for (String name : INITIAL_NAMESPACES) {
      ObjectNode obj = Json.object();
      obj.put("apiVersion", "v1");
      obj.put("kind", "Namespace");
      obj.putObject("metadata").put("name", name);
      try {
        objects.create(ns, "v1", "", obj, WriteOptions.internal("kc-daemon"));
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  private static String loadOrCreateToken(Path file) throws IOException {
    if (Files.exists(file)) {
      String t = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!t.isEmpty()) {
        return t;
      }
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Home.writePrivate(file, token.getBytes(StandardCharsets.UTF_8));
    return token;
  }

  private void writeInfo(String url) throws IOException {
    ObjectNode info = Json.object();
    info.put("pid", ProcessHandle.current().pid());
    info.put("port", server.port());
    info.put("url", url);
    info.put("startedAt", Json.timestamp(started));
    info.put("version", "v1.32.0-kc");
    info.put("clock", config.clock());
    info.put("socket", config.home().socket().toString());
    Home.writePrivate(
        config.home().info(), (info.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public int port() {
    return server.port();
  }

  public Path kubeconfig() {
    return config.home().kubeconfig();
  }

  public String token() {
    return token;
  }

  public ObjectService objects() {
    return objects;
  }

  /** The virtual clock, or {@code null} on a real one. */
  public VirtualClock virtualClock() {
    return objects.clock() instanceof VirtualClock v ? v : null;
  }

  public Kubelet kubelet() {
    return cluster.kubelet();
  }

  /** Stops serving and releases KC_HOME. Idempotent. */
  @Override
  public synchronized void close() {
    if (!lock.isValid()) {
      return;
    }
    log.info("kc daemon stopping");
    try {
      Files.deleteIfExists(config.home().info());
    } catch (IOException e) {
      log.warn("cannot remove {}", config.home().info(), e);
    }
    server.close();
    try {
      Files.deleteIfExists(config.home().socket());
    } catch (IOException e) {
      log.debug("cannot remove {}", config.home().socket(), e);
    }
    cluster.close();
    store.close();
    try {
      lock.release();
    } catch (IOException e) {
      log.debug("releasing the lock failed", e);
    }
    closeQuietly(lockChannel);
  }

  private static void closeAll(SqliteStore store, FileChannel channel) {
    if (store != null) {
      store.close();
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing to do: we are failing already.
      }
    }
  }

  // ---- command line -----------------------------------------------------------------------

  /**
   * {@code Daemon run --home DIR [--port P] [--bind ADDR] [--clock real|virtual] [--nodes N]}: runs
   * in the foreground until SIGTERM.
   */
  public static void main(String[] args) {
    // Jetty otherwise starts the JMX platform server just to size a cache: slow and unneeded.
    System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    Config config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      config.home().create();
      LogSetup.toFile(config.home().log(), Level.INFO);
    } catch (IOException e) {
      System.err.println(
          "error: cannot write logs in " + config.home().logs() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    Daemon daemon;
    try {
      daemon = start(config);
    } catch (DaemonException e) {
      log.error("cannot start: {}", e.getMessage(), e);
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  stopped.countDown();
                },
                "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Config parse(String[] args) {
    if (args.length == 0 || !args[0].equals("run")) {
      throw new IllegalArgumentException(
          "usage: Daemon run --home DIR [--port P] [--bind ADDR] [--clock real|virtual] [--nodes N]");
    }
    Home home = Home.fromEnvironment();
    String host = "127.0.0.1";
    int port = 0;
    String clock = null;
    int nodes = 3;
    KubeletConfig kubelet = KubeletConfig.defaults();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--home" -> home = new Home(Path.of(require(a, v)).toAbsolutePath());
        case "--port" -> port = parseInt(a, require(a, v));
        case "--bind" -> host = require(a, v);
        case "--clock" -> {
          clock = require(a, v);
          if (!clock.equals("real") && !clock.equals("virtual")) {
            throw new IllegalArgumentException("--clock must be real or virtual, not " + clock);
          }
        }
        case "--nodes" -> nodes = parseInt(a, require(a, v));
        case "--instant" -> {
          // Benchmarks: no simulated pull or start delays, no kubelet events.
          kubelet = KubeletConfig.instant();
          i--;
        }
        default -> throw new IllegalArgumentException("unknown flag " + a);
      }
      i++;
    }
    if (clock == null) {
      // A cluster that ran on a virtual clock stays on it: switching silently to the wall clock
      // would move time backwards.
      clock = Files.exists(home.dir().resolve("clock")) ? "virtual" : "real";
    }
    return new Config(home, host, port, clock, nodes, Duration.ofSeconds(30), kubelet);
  }

  private static String require(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  private static int parseInt(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, not " + value);
    }
  }
}
