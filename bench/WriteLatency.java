import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sequential single-object creates against a running daemon, one HTTPS connection reused:
 * prints p50 and p99 latency in milliseconds as {@code p50=X p99=Y}.
 *
 * <p>Usage: {@code java WriteLatency.java KUBECONFIG COUNT}
 */
public final class WriteLatency {
  public static void main(String[] args) throws Exception {
    String cfg = Files.readString(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    String server = find(cfg, "server: (\\S+)");
    String ca = find(cfg, "certificate-authority-data: (\\S+)");
    String token = find(cfg, "token: (\\S+)");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(ca))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    String ns = "bench-" + System.nanoTime();
    send(http, server + "/api/v1/namespaces", token,
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
    // Warm the connection and the server's code paths first.
    for (int i = 0; i < 200; i++) {
      send(http, server + "/api/v1/namespaces/" + ns + "/configmaps", token, configMap("warm-" + i));
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      send(http, server + "/api/v1/namespaces/" + ns + "/configmaps", token, configMap("cm-" + i));
      millis.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(millis);
    System.out.printf("p50=%.2f p99=%.2f%n", millis.get(count / 2), millis.get((int) Math.ceil(count * 0.99) - 1));
  }

  private static String configMap(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\"},\"data\":{\"key\":\"value\"}}";
  }

  private static void send(HttpClient http, String url, String token, String body) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("kubeconfig lacks " + regex);
    }
    return m.group(1).replace("\"", "").replace("'", "");
  }
}
