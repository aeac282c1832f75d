package dev.kc.cli.client;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/1.1 client for the Kubernetes REST API, speaking directly over a (TLS) socket.
 *
 * <p>Why not {@code HttpsURLConnection}: it refuses the {@code PATCH} method that apply needs, and
 * on Java 17 the known workaround (reflection into its private fields) is blocked by module
 * encapsulation. Why not {@code java.net.http.HttpClient}: its start-up cost (see
 * notes/cli-startup.md). A socket client also loads far fewer classes, and lets us send each
 * request in one write with {@code TCP_NODELAY} (no Nagle stalls).
 *
 * <p>One connection is kept alive and reused for sequential requests of one command. Instances are
 * not thread-safe.
 */
public final class RestClient implements AutoCloseable {

  /** Accept header for server-side Tables (kubectl's exact value). */
  public static final String ACCEPT_TABLE =
      "application/json;as=Table;v=v1;g=meta.k8s.io,"
          + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  /** Accept header for aggregated discovery (kubectl's exact value). */
  public static final String ACCEPT_DISCOVERY =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
          + "application/json";

  /** Plain JSON. */
  public static final String JSON = "application/json";

  private static final int CONNECT_TIMEOUT_MS = 30_000;

  private final ClusterConfig cfg;
  private final URI base;
  private final boolean https;
  private final String userAgent;
  private final Hooks hooks;
  private final int verbosity;
  private SSLContext ssl;
  private boolean unixSocketFailed;
  private Closeable connection;
  private BufferedInputStream in;
  private OutputStream out;

  /** Receives what the client reports besides responses. */
  public interface Hooks {
    /** The text of a {@code Warning} response header (kubectl prints {@code Warning: text}). */
    void warning(String text);

    /** A request log line, sent when verbosity is 6 or more. */
    void log(String line);
  }

  /** Hooks that drop everything. */
  public static final Hooks SILENT =
      new Hooks() {
        @Override
        public void warning(String text) {}

        @Override
        public void log(String line) {}
      };

  /**
   * Creates a client; no connection is made until the first request.
   *
   * @param cfg the cluster to talk to
   * @param userAgent the User-Agent header value
   * @param hooks receives warnings and (with {@code verbosity >= 6}) request logs
   * @param verbosity kubectl's {@code -v} level
   */
  public RestClient(ClusterConfig cfg, String userAgent, Hooks hooks, int verbosity) {
    this.cfg = cfg;
    this.base = cfg.uri();
    this.https = "https".equalsIgnoreCase(base.getScheme());
    this.userAgent = userAgent;
    this.hooks = hooks;
    this.verbosity = verbosity;
  }

  /** The cluster this client talks to. */
  public ClusterConfig config() {
    return cfg;
  }

  /** A response with its body fully read. */
  public record Response(int code, Map<String, List<String>> headers, byte[] body) {
    /** The first value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  /** A response whose body is still being streamed (watch); close it when done. */
  public static final class Stream implements AutoCloseable {
    private final int code;
    private final InputStream body;
    private final Closeable connection;

    Stream(int code, InputStream body, Closeable connection) {
      this.code = code;
      this.body = body;
      this.connection = connection;
    }

    /** The HTTP status code. */
    public int code() {
      return code;
    }

    /**
     * Reads the next line of the body (without its terminator).
     *
     * @return the line, or {@code null} when the server has ended the stream
     */
    public String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = body.read()) >= 0) {
        if (b == '\n') {
          return line.toString(StandardCharsets.UTF_8);
        }
        line.write(b);
      }
      return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
    }

    /** Reads the rest of the body. */
    public byte[] readAll() throws IOException {
      return body.readAllBytes();
    }

    @Override
    public void close() {
      closeQuietly(connection);
    }
  }

  /**
   * Sends a request and reads the whole response. Non-2xx answers are returned, not thrown.
   *
   * @param method HTTP method
   * @param pathAndQuery path below the server URL, with an encoded query if any
   * @param accept the Accept header, or {@code null}
   * @param contentType the Content-Type of {@code body}, or {@code null}
   * @param body the request body, or {@code null}
   * @throws CliException when the server cannot be reached (kubectl's connection messages)
   */
  public Response send(
      String method, String pathAndQuery, String accept, String contentType, byte[] body) {
    long start = System.nanoTime();
    Exchange ex = exchange(method, pathAndQuery, accept, contentType, body);
    try {
      byte[] data = ex.body.readAllBytes();
      if (!ex.reusable) {
        closeSocket();
      }
      Response r = new Response(ex.code, ex.headers, data);
      logRequest(method, pathAndQuery, ex, start, data);
      return r;
    } catch (IOException e) {
      closeSocket();
      throw connectionError(e);
    }
  }

  /**
   * Sends a request and returns the body as a stream (for watches). The connection is not reused
   * afterwards.
   */
  public Stream stream(String method, String pathAndQuery, String accept) {
    long start = System.nanoTime();
    Exchange ex = exchange(method, pathAndQuery, accept, null, null);
    logRequest(method, pathAndQuery, ex, start, null);
    Closeable c = connection;
    connection = null;
    in = null;
    out = null;
    return new Stream(ex.code, ex.body, c);
  }

  // ---- JSON conveniences ----

  /**
   * GETs JSON.
   *
   * @throws ApiException for error responses
   */
  public Object getJson(String pathAndQuery, String accept, String verbAndTarget) {
    return checked(send("GET", pathAndQuery, accept, null, null), verbAndTarget);
  }

  /**
   * Sends a JSON body and parses the JSON answer.
   *
   * @throws ApiException for error responses
   */
  public Object sendJson(
      String method, String pathAndQuery, String contentType, Object body, String verbAndTarget) {
    byte[] bytes = body == null ? null : Json.compact(body).getBytes(StandardCharsets.UTF_8);
    return checked(send(method, pathAndQuery, JSON, contentType, bytes), verbAndTarget);
  }

  /**
   * Parses a response as JSON, throwing {@link ApiException} for non-2xx codes.
   *
   * @param verbAndTarget used in the message when the error body is not a Status
   */
  public static Object checked(Response r, String verbAndTarget) {
    if (r.code() >= 400) {
      throw ApiException.fromResponse(r.code(), r.body(), verbAndTarget);
    }
    if (r.body().length == 0) {
      return null;
    }
    try {
      return Json.parse(r.body());
    } catch (Json.JsonException e) {
      throw new CliException("error: unable to decode server response: " + e.getMessage());
    }
  }

  // ---- HTTP/1.1 ----

  private static final class Exchange {
    int code;
    String reasonPhrase;
    Map<String, List<String>> headers;
    InputStream body;
    boolean reusable;
  }

  private Exchange exchange(
      String method, String pathAndQuery, String accept, String contentType, byte[] body) {
    byte[] request = encodeRequest(method, pathAndQuery, accept, contentType, body);
    for (int attempt = 0; ; attempt++) {
      boolean reused = connection != null;
      try {
        if (connection == null) {
          connect();
        }
        out.write(request);
        out.flush();
        return readResponse(method);
      } catch (EarlyEofException | java.net.SocketException e) {
        // A kept-alive connection the server has closed meanwhile: retry once on a new one.
        closeSocket();
        if (!reused || attempt > 0) {
          throw connectionError(e);
        }
      } catch (IOException e) {
        closeSocket();
        throw connectionError(e);
      }
    }
  }

  private byte[] encodeRequest(
      String method, String pathAndQuery, String accept, String contentType, byte[] body) {
    String prefix = base.getRawPath() == null ? "" : base.getRawPath();
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    StringBuilder h = new StringBuilder(256);
    h.append(method).append(' ').append(prefix).append(pathAndQuery).append(" HTTP/1.1\r\n");
    h.append("Host: ").append(base.getRawAuthority()).append("\r\n");
    h.append("User-Agent: ").append(userAgent).append("\r\n");
    if (accept != null) {
      h.append("Accept: ").append(accept).append("\r\n");
    }
    // Like kubectl, a bearer token only travels over TLS (or the local, permission-protected
    // Unix socket of kc's daemon).
    boolean privateChannel = https || (cfg.unixSocket() != null && !unixSocketFailed);
    if (privateChannel && cfg.token() != null && !cfg.token().isEmpty()) {
      h.append("Authorization: Bearer ").append(cfg.token()).append("\r\n");
    }
    if (body != null) {
      if (contentType != null) {
        h.append("Content-Type: ").append(contentType).append("\r\n");
      }
      h.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      h.append("Content-Length: 0\r\n");
    }
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
    if (body == null) {
      return head;
    }
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private void connect() throws IOException {
    if (cfg.unixSocket() != null && !unixSocketFailed) {
      try {
        connectUnix(Path.of(cfg.unixSocket()));
        return;
      } catch (IOException e) {
        // A stale socket file: the TCP endpoint is the authoritative one.
        unixSocketFailed = true;
      }
    }
    String host = base.getHost();
    int port = base.getPort() > 0 ? base.getPort() : (https ? 443 : 80);
    Socket raw = new Socket();
    raw.setTcpNoDelay(true);
    try {
      raw.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      Socket s = raw;
      if (https) {
        if (ssl == null) {
          ssl = Tls.context(cfg);
        }
        SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(raw, host, port, true);
        if (!cfg.insecure()) {
          SSLParameters params = tls.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          tls.setSSLParameters(params);
        }
        tls.startHandshake();
        s = tls;
      }
      connection = s;
      in = new BufferedInputStream(s.getInputStream(), 32 * 1024);
      out = s.getOutputStream();
    } catch (IOException | RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  /**
   * Connects through a Unix domain socket: plain HTTP, protected by the socket file's permissions,
   * and without the TLS start-up cost (a few hundred milliseconds per cold CLI).
   */
  private void connectUnix(Path path) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(path));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    connection = ch;
    in = new BufferedInputStream(Channels.newInputStream(ch), 32 * 1024);
    out = new BufferedOutputStream(Channels.newOutputStream(ch), 16 * 1024);
  }

  private Exchange readResponse(String method) throws IOException {
    Exchange ex = new Exchange();
    String status;
    do {
      status = readHeaderLine(true);
      ex.headers = readHeaders();
      ex.code = parseStatus(status);
      String[] parts = status.split(" ", 3);
      ex.reasonPhrase = parts.length > 2 ? parts[2] : "";
    } while (ex.code >= 100 && ex.code < 200);
    boolean http10 = status.startsWith("HTTP/1.0");
    String connection = first(ex.headers, "connection");
    boolean close = http10 || (connection != null && connection.equalsIgnoreCase("close"));
    String te = first(ex.headers, "transfer-encoding");
    String cl = first(ex.headers, "content-length");
    if (method.equals("HEAD") || ex.code == 204 || ex.code == 304) {
      ex.body = InputStream.nullInputStream();
      ex.reusable = !close;
    } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      ex.body = new ChunkedInputStream(in);
      ex.reusable = !close;
    } else if (cl != null) {
      ex.body = new BoundedInputStream(in, Long.parseLong(cl.trim()));
      ex.reusable = !close;
    } else {
      ex.body = in;
      ex.reusable = false;
    }
    for (String w : ex.headers.getOrDefault("warning", List.of())) {
      hooks.warning(warningText(w));
    }
    return ex;
  }

  /** Extracts the text of an RFC 7234 warning ({@code 299 - "text"}). */
  static String warningText(String header) {
    int q = header.indexOf('"');
    int last = header.lastIndexOf('"');
    if (q >= 0 && last > q) {
      return header.substring(q + 1, last).replace("\\\"", "\"");
    }
    return header;
  }

  private static int parseStatus(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("malformed HTTP response \"" + line + "\"");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP status \"" + line + "\"");
    }
  }

  private Map<String, List<String>> readHeaders() throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String line;
    while (!(line = readHeaderLine(false)).isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        List<String> values = headers.get(name);
        if (values == null) {
          values = new ArrayList<>(1);
          headers.put(name, values);
        }
        values.add(line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private String readHeaderLine(boolean firstOfResponse) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      sb.append((char) b);
    }
    if (firstOfResponse && sb.length() == 0) {
      throw new EarlyEofException();
    }
    throw new EOFException("unexpected end of HTTP response headers");
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private CliException connectionError(IOException e) {
    if (e instanceof ConnectException) {
      return new CliException(
          "The connection to the server "
              + cfg.hostPort()
              + " was refused - did you specify the right host or port?");
    }
    String detail;
    if (e instanceof UnknownHostException) {
      detail = "dial tcp: lookup " + base.getHost() + ": no such host";
    } else if (e instanceof SocketTimeoutException) {
      detail = "dial tcp " + cfg.hostPort() + ": i/o timeout";
    } else if (e instanceof SSLException && String.valueOf(e.getMessage()).contains("PKIX")) {
      detail = "tls: failed to verify certificate: x509: certificate signed by unknown authority";
    } else if (e instanceof EarlyEofException) {
      detail = "EOF";
    } else {
      detail = e.getMessage();
    }
    CliException ce = new CliException("Unable to connect to the server: " + detail);
    ce.initCause(e);
    return ce;
  }

  private void logRequest(
      String method, String pathAndQuery, Exchange ex, long startNanos, byte[] body) {
    if (verbosity < 6) {
      return;
    }
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    String via = cfg.unixSocket() != null && !unixSocketFailed ? " via " + cfg.unixSocket() : "";
    hooks.log(
        method
            + " "
            + base.getScheme()
            + "://"
            + base.getRawAuthority()
            + pathAndQuery
            + via
            + " "
            + ex.code
            + " "
            + ex.reasonPhrase
            + " in "
            + ms
            + " milliseconds");
    if (verbosity >= 8 && body != null) {
      String text = new String(body, StandardCharsets.UTF_8);
      hooks.log(
          "Response Body: "
              + (text.length() > 10240 ? text.substring(0, 10240) + " [truncated]" : text));
    }
  }

  private void closeSocket() {
    closeQuietly(connection);
    connection = null;
    in = null;
    out = null;
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Nothing useful to do when closing fails.
      }
    }
  }

  @Override
  public void close() {
    closeSocket();
  }

  /** The server closed a kept-alive connection before answering. */
  private static final class EarlyEofException extends IOException {
    EarlyEofException() {
      super("EOF");
    }
  }

  /** Reads exactly {@code remaining} bytes, then reports end of stream. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed before the response body was complete");
      }
      remaining--;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buf, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("connection closed before the response body was complete");
      }
      remaining -= n;
      return n;
    }
  }

  /** Decodes HTTP/1.1 chunked transfer encoding. */
  private static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long chunkLeft;
    private boolean done;

    /**
     * The CRLF that ends a chunk's data is consumed before the next chunk, not right after the
     * data: servers (Jetty among them) send it together with the next chunk, and waiting for it
     * would hold back the last byte of a watch event until the next event arrives.
     */
    private boolean pendingCrlf;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    private boolean nextChunk() throws IOException {
      if (done) {
        return false;
      }
      if (pendingCrlf) {
        readLine();
        pendingCrlf = false;
      }
      String line = readLine();
      int semi = line.indexOf(';');
      String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size \"" + line + "\"");
      }
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // Skip trailers.
        }
        done = true;
        return false;
      }
      chunkLeft = size;
      return true;
    }

    private String readLine() throws IOException {
      StringBuilder sb = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          sb.append((char) b);
        }
      }
      if (b < 0) {
        throw new EOFException("connection closed inside a chunked response");
      }
      return sb.toString();
    }

    @Override
    public int read() throws IOException {
      if (chunkLeft == 0 && !nextChunk()) {
        return -1;
      }
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside a chunk");
      }
      if (--chunkLeft == 0) {
        pendingCrlf = true;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (chunkLeft == 0 && !nextChunk()) {
        return -1;
      }
      int n = in.read(buf, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("connection closed inside a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        pendingCrlf = true;
      }
      return n;
    }
  }
}
