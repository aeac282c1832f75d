package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.openapi.OpenApiDocuments;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The HTTPS listener serving the Kubernetes API. */
public final class ApiServer implements AutoCloseable {
  /**
   * How to listen.
   *
   * @param host address to bind ({@code 127.0.0.1} unless the user asks otherwise)
   * @param port port, or 0 for an ephemeral one
   * @param tls the TLS context with the serving certificate and key
   * @param token the bearer token clients must present
   * @param watchHeartbeat how often idle watch streams are written to
   * @param socket a Unix domain socket serving the same API over plain HTTP (the token is still
   *     required), or {@code null}; kc's own fast path, which skips the TLS handshake
   */
  public record Config(
      String host, int port, SSLContext tls, String token, Duration watchHeartbeat, Path socket) {}

  private final Server server;
  private final ServerConnector connector;
  private final ApiHandler handler;
  private final ScheduledExecutorService timers;
  private final Path socket;

  public ApiServer(Config config, ObjectService objects, ClusterOps cluster) {
    QueuedThreadPool pool = new QueuedThreadPool(200, 4);
    pool.setName("api");
    pool.setDaemon(true);
    server = new Server(pool);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(config.tls());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // The certificate names 127.0.0.1 and localhost; clients may use either.
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setIdleTimeout(Duration.ofMinutes(5).toMillis());
    connector.setAcceptedTcpNoDelay(true);
    server.addConnector(connector);
    this.socket = config.socket();
    if (socket != null) {
      UnixDomainServerConnector local =
          new UnixDomainServerConnector(server, new HttpConnectionFactory(http));
      local.setUnixDomainPath(socket);
      local.setIdleTimeout(Duration.ofMinutes(5).toMillis());
      server.addConnector(local);
    }
    timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "api-timers");
              t.setDaemon(true);
              return t;
            });
    String address = config.host() + ":" + config.port();
    handler =
        new ApiHandler(
            objects,
            new Discovery(objects.registry(), address),
            new OpenApiDocuments(objects.registry()),
            new Authenticator(config.token()),
            new WatchStreams(timers, pool, config.watchHeartbeat()),
            cluster,
            "v1.32.0-kc");
    server.setHandler(handler);
  }

  /** Starts listening; returns once requests are accepted. */
  public void start() throws Exception {
    if (socket != null) {
      Files.deleteIfExists(socket);
    }
    server.start();
    if (socket != null) {
      // Whoever can open the socket still needs the token; owner-only keeps others out anyway.
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** The port actually bound. */
  public int port() {
    return connector.getLocalPort();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost(), port());
  }

  /** Stops accepting work: readiness fails, then connections close. */
  @Override
  public void close() {
    handler.setReady(false);
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("failed to stop the API server", e);
    } finally {
      timers.shutdownNow();
    }
  }
}
