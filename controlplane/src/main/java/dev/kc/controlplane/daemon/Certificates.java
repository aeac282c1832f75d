package dev.kc.controlplane.daemon;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The daemon's TLS material: a private CA and a serving certificate for the loopback names, made at
 * first start and kept as PEM files in {@code KC_HOME/pki}. Later starts read the PEM files with
 * the JDK alone, which is much faster than a key store.
 */
public final class Certificates {
  private static final Duration CA_LIFETIME = Duration.ofDays(3650);
  private static final Duration SERVING_LIFETIME = Duration.ofDays(825);

  private final X509Certificate ca;
  private final X509Certificate serving;
  private final PrivateKey servingKey;

  private Certificates(X509Certificate ca, X509Certificate serving, PrivateKey servingKey) {
    this.ca = ca;
    this.serving = serving;
    this.servingKey = servingKey;
  }

  /** Loads the certificates from {@code pki}, creating them when missing or expired. */
  public static Certificates loadOrCreate(Path pki) throws IOException, GeneralSecurityException {
    Path caCert = pki.resolve("ca.crt");
    Path cert = pki.resolve("apiserver.crt");
    Path key = pki.resolve("apiserver.key");
    if (Files.exists(caCert) && Files.exists(cert) && Files.exists(key)) {
      Certificates c =
          new Certificates(readCertificate(caCert), readCertificate(cert), readKey(key));
      if (c.serving.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
        return c;
      }
    }
    return create(pki);
  }

  private static Certificates create(Path pki) throws IOException, GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair caKeys = gen.generateKeyPair();
    KeyPair servingKeys = gen.generateKeyPair();
    Instant now = Instant.now().minus(Duration.ofMinutes(5));
    X500Name caName = new X500Name("CN=kc-ca");
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    try {
      X509v3CertificateBuilder caBuilder =
          new JcaX509v3CertificateBuilder(
              caName,
              serial(),
              Date.from(now),
              Date.from(now.plus(CA_LIFETIME)),
              caName,
              caKeys.getPublic());
      caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      caBuilder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      caBuilder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate ca = sign(caBuilder, caKeys);

      X509v3CertificateBuilder sb =
          new JcaX509v3CertificateBuilder(
              caName,
              serial(),
              Date.from(now),
              Date.from(now.plus(SERVING_LIFETIME)),
              new X500Name("CN=kc-apiserver"),
              servingKeys.getPublic());
      sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      sb.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      sb.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      sb.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      sb.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, "kubernetes"),
                new GeneralName(GeneralName.dNSName, "kubernetes.default"),
                new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
              }));
      X509Certificate serving = sign(sb, caKeys);

      Home.writePrivate(pki.resolve("ca.crt"), pem("CERTIFICATE", ca.getEncoded()));
      Home.writePrivate(
          pki.resolve("ca.key"), pem("PRIVATE KEY", caKeys.getPrivate().getEncoded()));
      Home.writePrivate(pki.resolve("apiserver.crt"), pem("CERTIFICATE", serving.getEncoded()));
      Home.writePrivate(
          pki.resolve("apiserver.key"), pem("PRIVATE KEY", servingKeys.getPrivate().getEncoded()));
      return new Certificates(ca, serving, servingKeys.getPrivate());
    } catch (OperatorCreationException | org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException("cannot create certificates: " + e.getMessage(), e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static byte[] pem(String type, byte[] der) {
    StringWriter w = new StringWriter();
    w.write("-----BEGIN " + type + "-----\n");
    w.write(
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der));
    w.write("\n-----END " + type + "-----\n");
    return w.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] unpem(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    StringBuilder b64 = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.startsWith("-----") && !line.isBlank()) {
        b64.append(line.trim());
      }
    }
    return Base64.getDecoder().decode(b64.toString());
  }

  private static X509Certificate readCertificate(Path file)
      throws IOException, GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    return (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(unpem(file)));
  }

  private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(unpem(file)));
  }

  /** The CA certificate as PEM, for a kubeconfig's {@code certificate-authority-data}. */
  public byte[] caPem() {
    try {
      return pem("CERTIFICATE", ca.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A TLS context serving this certificate. Built straight from the key, without a key store: a
   * PKCS12 store's password-based encryption costs a few hundred milliseconds of every start.
   */
  public javax.net.ssl.SSLContext serverContext() throws GeneralSecurityException {
    X509Certificate[] chain = {serving, ca};
    javax.net.ssl.X509ExtendedKeyManager km =
        new javax.net.ssl.X509ExtendedKeyManager() {
          @Override
          public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return null;
          }

          @Override
          public String chooseClientAlias(
              String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return null;
          }

          @Override
          public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"apiserver"};
          }

          @Override
          public String chooseServerAlias(
              String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return keyType.startsWith("EC") ? "apiserver" : null;
          }

          @Override
          public String chooseEngineServerAlias(
              String keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return keyType.startsWith("EC") ? "apiserver" : null;
          }

          @Override
          public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
          }

          @Override
          public PrivateKey getPrivateKey(String alias) {
            return servingKey;
          }
        };
    javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
    ctx.init(new javax.net.ssl.KeyManager[] {km}, null, null);
    return ctx;
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
