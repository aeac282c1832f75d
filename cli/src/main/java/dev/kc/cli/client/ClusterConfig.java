package dev.kc.cli.client;

import java.net.URI;

/**
 * Everything needed to talk to one API server, resolved from kubeconfig and flags.
 *
 * @param server the server URL, e.g. {@code https://127.0.0.1:6443} (may carry a path prefix)
 * @param caPem PEM text of the CA bundle to trust, or {@code null} for none
 * @param insecure skip server certificate verification
 * @param token bearer token, or {@code null}
 * @param clientCertPem PEM client certificate chain, or {@code null}
 * @param clientKeyPem PEM client private key, or {@code null}
 * @param namespace the namespace to use when none is given on the command line or object
 * @param kcOwned true when this is kc's own kubeconfig (the daemon may be auto-started)
 * @param unixSocket path of a Unix domain socket serving the same API over plain HTTP (kc's daemon
 *     may offer one next to its HTTPS port), or {@code null} to use {@code server}
 */
public record ClusterConfig(
    String server,
    String caPem,
    boolean insecure,
    String token,
    String clientCertPem,
    String clientKeyPem,
    String namespace,
    boolean kcOwned,
    String unixSocket) {

  /** Settings that reach the server through {@code server} (no Unix socket). */
  public ClusterConfig(
      String server,
      String caPem,
      boolean insecure,
      String token,
      String clientCertPem,
      String clientKeyPem,
      String namespace,
      boolean kcOwned) {
    this(server, caPem, insecure, token, clientCertPem, clientKeyPem, namespace, kcOwned, null);
  }

  /** A copy that connects through the Unix domain socket at {@code path}. */
  public ClusterConfig withUnixSocket(String path) {
    return new ClusterConfig(
        server, caPem, insecure, token, clientCertPem, clientKeyPem, namespace, kcOwned, path);
  }

  /** The server URL parsed. */
  public URI uri() {
    return URI.create(server);
  }

  /** {@code host:port} as kubectl shows it in connection errors (port only if in the URL). */
  public String hostPort() {
    URI u = uri();
    return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
  }
}
