package dev.kc.controlplane.apiserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.eclipse.jetty.server.Request;

/**
 * Decides who may call the API: a request must carry the daemon's bearer token, except for the
 * public health and version endpoints, which Kubernetes also serves to anonymous clients.
 */
final class Authenticator {
  private static final Set<String> PUBLIC = Set.of("/version", "/healthz", "/livez", "/readyz");

  private final byte[] token;

  Authenticator(String token) {
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  boolean allows(Request request) {
    String path = request.getHttpURI().getPath();
    if (PUBLIC.contains(path)) {
      return true;
    }
    String header = request.getHeaders().get("Authorization");
    if (header == null) {
      return false;
    }
    // Constant time, so the comparison leaks nothing about the token.
    return MessageDigest.isEqual(token, header.trim().getBytes(StandardCharsets.UTF_8));
  }
}
