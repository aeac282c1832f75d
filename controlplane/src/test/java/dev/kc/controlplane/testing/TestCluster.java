package dev.kc.controlplane.testing;

import dev.kc.controlplane.daemon.Daemon;
import dev.kc.controlplane.daemon.Home;
import dev.kc.controlplane.kubelet.KubeletConfig;
import dev.kc.controlplane.objects.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.JsonNode;

/** A daemon on an ephemeral port with a temporary KC_HOME, and a small HTTPS client for it. */
public final class TestCluster implements AutoCloseable {
  private final Daemon daemon;
  private final HttpClient http;
  private final Path home;

  private TestCluster(Path home, Daemon daemon) throws Exception {
    this.home = home;
    this.daemon = daemon;
    JsonNode cfg = Json.YAML.readTree(Files.readAllBytes(daemon.kubeconfig()));
    String ca =
        cfg.path("clusters").get(0).path("cluster").path("certificate-authority-data").asString();
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(ca)));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    http =
        HttpClient.newBuilder()
            .sslContext(ssl)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Starts a daemon in {@code dir} on the real clock. */
  public static TestCluster start(Path dir) throws Exception {
    return start(dir, "real");
  }

  /** Starts only the API server on the store: no controllers, scheduler or kubelets write. */
  public static TestCluster startApiOnly(Path dir) throws Exception {
    System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    Daemon.Config config =
        new Daemon.Config(
                new Home(dir),
                "127.0.0.1",
                0,
                "real",
                3,
                Duration.ofMillis(500),
                KubeletConfig.defaults())
            .withoutControllers();
    return new TestCluster(dir, Daemon.start(config));
  }

  /** Starts a daemon in {@code dir} on a virtual clock, with three workers. */
  public static TestCluster startVirtual(Path dir) throws Exception {
    return start(dir, "virtual");
  }

  private static TestCluster start(Path dir, String clock) throws Exception {
    System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    Daemon.Config config =
        new Daemon.Config(
            new Home(dir),
            "127.0.0.1",
            0,
            clock,
            3,
            Duration.ofMillis(500),
            KubeletConfig.defaults());
    return new TestCluster(dir, Daemon.start(config));
  }

  /** Moves the virtual clock and waits until the cluster has settled. */
  public void advance(Duration d) throws InterruptedException {
    daemon.virtualClock().advance(d);
  }

  public Daemon daemon() {
    return daemon;
  }

  public Path home() {
    return home;
  }

  public String url() {
    return "https://127.0.0.1:" + daemon.port();
  }

  /** A response: status, headers, body. */
  public record Response(int code, Map<String, String> headers, byte[] body) {
    public JsonNode json() {
      return Json.MAPPER.readTree(body);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public Response get(String path) throws IOException {
    return call("GET", path, null, null, "application/json");
  }

  public Response call(String method, String path, String contentType, String body, String accept)
      throws IOException {
    return call(method, path, contentType, body, accept, true);
  }

  public Response call(
      String method, String path, String contentType, String body, String accept, boolean auth)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
    if (auth) {
      b.header("Authorization", "Bearer " + daemon.token());
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
      return new Response(r.statusCode(), headers, r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Opens a streaming GET (a watch); the caller reads lines from the stream. */
  public InputStream stream(String path, String accept) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path));
    b.header("Authorization", "Bearer " + daemon.token());
    if (accept != null) {
      b.header("Accept", accept);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    daemon.close();
  }
}
