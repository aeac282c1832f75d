package dev.kc.cli.client;

import dev.kc.cli.CliException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} for one cluster from kubeconfig material: trust exactly the
 * configured CA (or nothing is checked with insecure-skip-tls-verify) and present the client
 * certificate if one is configured.
 *
 * <p>The JDK's default SSL context (and its CA store) is never built: that alone costs a cold CLI
 * 100-250 ms (notes/cli-startup.md).
 */
final class Tls {

  private Tls() {}

  /**
   * Creates the context.
   *
   * @throws CliException when the PEM material cannot be read
   */
  static SSLContext context(ClusterConfig cfg) {
    try {
      TrustManager[] trust = cfg.insecure() ? new TrustManager[] {new TrustAll()} : trust(cfg);
      KeyManager[] keys =
          cfg.clientCertPem() != null && cfg.clientKeyPem() != null
              ? keys(cfg.clientCertPem(), cfg.clientKeyPem())
              : null;
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return ctx;
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof CliException) {
        throw (CliException) e;
      }
      throw CliException.error("unable to set up TLS for " + cfg.server() + ": " + e.getMessage());
    }
  }

  private static TrustManager[] trust(ClusterConfig cfg) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    if (cfg.caPem() == null) {
      // Like kubectl, a cluster without a configured CA is checked against the system roots.
      // Loading them is slow, but kc's own kubeconfig always names its CA.
      tmf.init((KeyStore) null);
      return tmf.getTrustManagers();
    }
    KeyStore ks = emptyStore();
    int i = 0;
    for (Certificate c : certificates(cfg.caPem())) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  private static KeyManager[] keys(String certPem, String keyPem) throws GeneralSecurityException {
    Collection<? extends Certificate> chain = certificates(certPem);
    PrivateKey key = privateKey(keyPem);
    KeyStore ks = emptyStore();
    ks.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    return kmf.getKeyManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    return ks;
  }

  private static Collection<? extends Certificate> certificates(String pem)
      throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    return cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
  }

  /** Reads a PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM private key. */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    String type;
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      type = "RSA PRIVATE KEY";
    } else if (pem.contains("BEGIN EC PRIVATE KEY")) {
      type = "EC PRIVATE KEY";
    } else {
      type = "PRIVATE KEY";
    }
    byte[] der = pemBody(pem, type);
    if (type.equals("RSA PRIVATE KEY")) {
      // PKCS#1 -> PKCS#8: wrap with the rsaEncryption algorithm identifier.
      byte[] alg = seq(concat(oid("2a864886f70d010101"), new byte[] {0x05, 0x00}));
      der = seq(concat(new byte[] {0x02, 0x01, 0x00}, alg, tlv(0x04, der)));
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
    if (type.equals("EC PRIVATE KEY")) {
      byte[] curve = ecCurveOid(der);
      byte[] alg = seq(concat(oid("2a8648ce3d0201"), curve));
      der = seq(concat(new byte[] {0x02, 0x01, 0x00}, alg, tlv(0x04, der)));
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException tryNext) {
        // Not this algorithm.
      }
    }
    throw new GeneralSecurityException("unsupported private key format");
  }

  private static byte[] pemBody(String pem, String type) throws GeneralSecurityException {
    String begin = "-----BEGIN " + type + "-----";
    int start = pem.indexOf(begin);
    int end = pem.indexOf("-----END " + type + "-----");
    if (start < 0 || end < 0) {
      throw new GeneralSecurityException("no " + type + " block found");
    }
    return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
  }

  /** Finds the curve OID (the [0] parameters) inside a SEC1 ECPrivateKey structure. */
  private static byte[] ecCurveOid(byte[] sec1) throws GeneralSecurityException {
    int[] pos = {0};
    int seqLen = readHeader(sec1, pos, 0x30);
    int end = pos[0] + seqLen;
    while (pos[0] < end) {
      int tag = sec1[pos[0]] & 0xff;
      int start = pos[0];
      int len = readHeader(sec1, pos, tag);
      if (tag == 0xa0) {
        return Arrays.copyOfRange(sec1, pos[0], pos[0] + len);
      }
      pos[0] += len;
      if (pos[0] <= start) {
        break;
      }
    }
    throw new GeneralSecurityException("EC private key without curve parameters");
  }

  private static int readHeader(byte[] der, int[] pos, int expectedTag)
      throws GeneralSecurityException {
    if ((der[pos[0]] & 0xff) != expectedTag) {
      throw new GeneralSecurityException("malformed DER");
    }
    pos[0]++;
    int len = der[pos[0]++] & 0xff;
    if (len >= 0x80) {
      int n = len & 0x7f;
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[pos[0]++] & 0xff);
      }
    }
    return len;
  }

  private static byte[] oid(String hex) {
    byte[] body = new byte[hex.length() / 2];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return tlv(0x06, body);
  }

  private static byte[] seq(byte[] body) {
    return tlv(0x30, body);
  }

  private static byte[] tlv(int tag, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = body.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len & 0xff);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write((len >> 8) & 0xff);
      out.write(len & 0xff);
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Accepts any server certificate: insecure-skip-tls-verify. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
