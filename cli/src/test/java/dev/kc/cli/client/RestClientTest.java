package dev.kc.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import dev.kc.cli.testing.FakeApiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The socket-level HTTP client, against a scripted raw server. */
class RestClientTest {

  /** Answers each request with the next scripted response; "CLOSE" closes the connection. */
  private static final class RawServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    final BlockingQueue<String> script = new LinkedBlockingQueue<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Integer> connections = new CopyOnWriteArrayList<>();
    private final Thread thread;

    RawServer(String... responses) throws IOException {
      script.addAll(List.of(responses));
      thread = new Thread(this::serve, "raw-http");
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
      int n = 0;
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          connections.add(++n);
          InputStream in = s.getInputStream();
          OutputStream out = s.getOutputStream();
          while (true) {
            String request = readRequest(in);
            if (request == null) {
              break;
            }
            requests.add(request);
            String response = script.poll();
            if (response == null || response.equals("CLOSE")) {
              break;
            }
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (response.contains("Connection: close")) {
              break;
            }
          }
        } catch (IOException e) {
          return;
        }
      }
    }

    private static String readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        String h = head.toString(StandardCharsets.UTF_8);
        if (h.endsWith("\r\n\r\n")) {
          int cl = 0;
          for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
              cl = Integer.parseInt(line.substring(15).trim());
            }
          }
          return h + new String(in.readNBytes(cl), StandardCharsets.UTF_8);
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static String ok(String body, String... headers) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + String.join("", headers)
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private RestClient client(String url, String token) {
    RestClient c =
        new RestClient(
            new ClusterConfig(url, null, false, token, null, null, "default", false),
            "kc/test",
            new RestClient.Hooks() {
              @Override
              public void warning(String text) {
                warnings.add(text);
              }

              @Override
              public void log(String line) {}
            },
            0);
    closeables.add(c);
    return c;
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  @Test
  void reusesOneConnectionForSequentialRequests() throws Exception {
    RawServer s = new RawServer(ok("{\"a\":1}"), ok("{\"a\":2}"));
    closeables.add(s);
    RestClient c = client(s.url(), null);

    Object first = c.getJson("/one", RestClient.JSON, null);
    Object second = c.getJson("/two", RestClient.JSON, null);

    assertEquals(1L, Json.at(first, "a"));
    assertEquals(2L, Json.at(second, "a"));
    assertEquals(List.of(1), s.connections);
    assertTrue(
        s.requests.get(0).startsWith("GET /one HTTP/1.1\r\nHost: 127.0.0.1:"), s.requests.get(0));
    assertTrue(s.requests.get(0).contains("\r\nUser-Agent: kc/test\r\n"));
  }

  @Test
  void retriesOnceWhenAKeptAliveConnectionWasClosed() throws Exception {
    RawServer s = new RawServer(ok("{}"), "CLOSE", ok("{\"again\":true}"));
    closeables.add(s);
    RestClient c = client(s.url(), null);

    c.getJson("/a", RestClient.JSON, null);
    Object retried = c.getJson("/b", RestClient.JSON, null);

    assertEquals(true, Json.at(retried, "again"));
    assertEquals(List.of(1, 2), s.connections);
  }

  @Test
  void decodesChunkedBodiesAndStreamsLines() throws Exception {
    String chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\n{\"a\":1\r\n"
            + "3\r\n}\n{\r\n"
            + "7\r\n\"b\":2}\n\r\n"
            + "0\r\n\r\n";
    RawServer s = new RawServer(chunked);
    closeables.add(s);
    RestClient c = client(s.url(), null);

    try (RestClient.Stream stream = c.stream("GET", "/watch", RestClient.JSON)) {
      assertEquals("{\"a\":1}", stream.readLine());
      assertEquals("{\"b\":2}", stream.readLine());
      assertNull(stream.readLine());
    }
  }

  @Test
  void sendsBodiesWithLengthAndTypeButTokensOnlyOverTls() throws Exception {
    RawServer s = new RawServer(ok("{}"));
    closeables.add(s);

    client(s.url(), "secret")
        .send(
            "PATCH",
            "/x",
            RestClient.JSON,
            "application/merge-patch+json",
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    String req = s.requests.get(0);
    assertTrue(req.startsWith("PATCH /x HTTP/1.1\r\n"), req);
    assertTrue(req.contains("\r\nContent-Type: application/merge-patch+json\r\n"), req);
    assertTrue(req.contains("\r\nContent-Length: 7\r\n"), req);
    assertTrue(req.endsWith("\r\n\r\n{\"a\":1}"), req);
    assertTrue(!req.contains("Authorization"), "no token over plain HTTP");
  }

  @Test
  void reportsWarningHeaders() throws Exception {
    RawServer s = new RawServer(ok("{}", "Warning: 299 - \"spec.foo: unknown field\"\r\n"));
    closeables.add(s);

    client(s.url(), null).getJson("/x", RestClient.JSON, null);

    assertEquals(List.of("spec.foo: unknown field"), warnings);
  }

  @Test
  void statusBodiesBecomeApiExceptions() throws Exception {
    String status =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"pods \\\"x\\\" is forbidden\",\"reason\":\"Forbidden\",\"code\":403}";
    RawServer s =
        new RawServer(
            "HTTP/1.1 403 Forbidden\r\nContent-Length: " + status.length() + "\r\n\r\n" + status,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
    closeables.add(s);
    RestClient c = client(s.url(), null);

    ApiException forbidden =
        assertThrows(ApiException.class, () -> c.getJson("/a", RestClient.JSON, "get pods x"));
    ApiException plain =
        assertThrows(ApiException.class, () -> c.getJson("/b", RestClient.JSON, "get pods x"));

    assertEquals(
        "Error from server (Forbidden): pods \"x\" is forbidden", forbidden.kubectlMessage());
    assertEquals(
        "Error from server (NotFound): the server could not find the requested"
            + " resource (get pods x)",
        plain.kubectlMessage());
  }

  @Test
  void invalidErrorsListTheirCauses() {
    byte[] body =
        ("{\"kind\":\"Status\",\"reason\":\"Invalid\",\"code\":422,\"message\":\"m\","
                + "\"details\":{\"name\":\"web\",\"kind\":\"Deployment\",\"causes\":["
                + "{\"field\":\"spec.replicas\",\"message\":\"Invalid value: -1: must be >= 0\"},"
                + "{\"field\":\"spec.x\",\"message\":\"Required value\"}]}}")
            .getBytes(StandardCharsets.UTF_8);

    ApiException e = ApiException.fromResponse(422, body, null);

    assertEquals(
        "The Deployment \"web\" is invalid: \n"
            + "* spec.replicas: Invalid value: -1: must be >= 0\n"
            + "* spec.x: Required value",
        e.kubectlMessage());
    assertEquals("Error from server (Invalid): m", e.standardMessage());
  }

  @Test
  void trustsTheKubeconfigCaAndSendsTheTokenOverTls() throws Exception {
    try (FakeApiServer server = FakeApiServer.https()) {
      RestClient c =
          new RestClient(
              new ClusterConfig(
                  server.url(), FakeApiServer.caPem(), false, "tok", null, null, "default", false),
              "kc/test",
              RestClient.SILENT,
              0);
      closeables.add(c);

      Object v = c.getJson("/version", RestClient.JSON, null);

      assertEquals("32", Json.str(v, "minor"));
      assertEquals("Bearer tok", server.requests().get(0).authorization());
    }
  }

  @Test
  void rejectsAServerTheCaDoesNotVouchFor() throws Exception {
    try (FakeApiServer server = FakeApiServer.https()) {
      RestClient c = client(server.url(), null);

      CliException e =
          assertThrows(CliException.class, () -> c.getJson("/version", RestClient.JSON, null));

      assertEquals(
          "Unable to connect to the server: tls: failed to verify certificate: x509:"
              + " certificate signed by unknown authority",
          e.getMessage());
    }
  }

  @Test
  void insecureSkipsVerification() throws Exception {
    try (FakeApiServer server = FakeApiServer.https()) {
      RestClient c =
          new RestClient(
              new ClusterConfig(server.url(), null, true, null, null, null, "default", false),
              "kc/test",
              RestClient.SILENT,
              0);
      closeables.add(c);

      assertEquals("v1.32.0", Json.str(c.getJson("/version", RestClient.JSON, null), "gitVersion"));
    }
  }

  @Test
  void readsPkcs8Pkcs1AndSec1PrivateKeys() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    byte[] pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
    java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    byte[] ecPkcs8 = ec.generateKeyPair().getPrivate().getEncoded();

    assertEquals("RSA", Tls.privateKey(pem("PRIVATE KEY", pkcs8)).getAlgorithm());
    assertEquals("EC", Tls.privateKey(pem("PRIVATE KEY", ecPkcs8)).getAlgorithm());
    // PKCS#1 and SEC1 are the inner structures of those PKCS#8 encodings (last OCTET STRING).
    assertEquals("RSA", Tls.privateKey(pem("RSA PRIVATE KEY", innerKey(pkcs8))).getAlgorithm());
    assertEquals(
        "EC", Tls.privateKey(pem("EC PRIVATE KEY", withCurve(innerKey(ecPkcs8)))).getAlgorithm());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The OCTET STRING that ends a PKCS#8 PrivateKeyInfo. */
  private static byte[] innerKey(byte[] pkcs8) {
    int i = 0;
    i += 1;
    i += lengthBytes(pkcs8, i);
    for (int skip = 0; skip < 2; skip++) {
      i += 1;
      int len = length(pkcs8, i);
      i += lengthBytes(pkcs8, i) + len;
    }
    i += 1;
    int len = length(pkcs8, i);
    i += lengthBytes(pkcs8, i);
    return java.util.Arrays.copyOfRange(pkcs8, i, i + len);
  }

  /** Java's SEC1 keys omit the curve; add [0] prime256v1 as OpenSSL writes it. */
  private static byte[] withCurve(byte[] sec1) {
    byte[] curve = {(byte) 0xa0, 10, 6, 8, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 3, 1, 7};
    int start = 1 + lengthBytes(sec1, 1);
    byte[] body = new byte[sec1.length - start + curve.length];
    System.arraycopy(sec1, start, body, 0, sec1.length - start);
    System.arraycopy(curve, 0, body, sec1.length - start, curve.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    if (body.length < 128) {
      out.write(body.length);
    } else {
      out.write(0x81);
      out.write(body.length);
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static int length(byte[] der, int i) {
    int b = der[i] & 0xff;
    if (b < 0x80) {
      return b;
    }
    int n = b & 0x7f;
    int len = 0;
    for (int k = 1; k <= n; k++) {
      len = (len << 8) | (der[i + k] & 0xff);
    }
    return len;
  }

  private static int lengthBytes(byte[] der, int i) {
    int b = der[i] & 0xff;
    return b < 0x80 ? 1 : 1 + (b & 0x7f);
  }
}
