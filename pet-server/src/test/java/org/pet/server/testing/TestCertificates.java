package org.pet.server.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority made in a test, and a server certificate it issues for 127.0.0.1 and
 * localhost (EC P-256, valid for a day), written as PEM files: {@link #caPem()} (what a client trusts with
 * {@code --ca}), {@link #certPem()} (the server's chain) and {@link #keyPem()} (its PKCS#8 key).
 */
public final class TestCertificates {

  private final Path caPem;
  private final Path certPem;
  private final Path keyPem;

  private TestCertificates(Path caPem, Path certPem, Path keyPem) {
    this.caPem = caPem;
    this.certPem = certPem;
    this.keyPem = keyPem;
  }

  /** Makes a CA and a server certificate and writes the three PEM files into {@code directory}. */
  public static TestCertificates create(Path directory, String name) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair caKeys = generator.generateKeyPair();
      KeyPair serverKeys = generator.generateKeyPair();
      Instant now = Instant.now();
      X500Name caName = new X500Name("CN=pet test CA " + name);
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      X509Certificate caCert = sign(ca, caKeys);
      X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
          new X500Name("CN=localhost"), serverKeys.getPublic())
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      X509Certificate serverCert = sign(server, caKeys);
      Files.createDirectories(directory);
      Path caPem = directory.resolve(name + "-ca.pem");
      Path certPem = directory.resolve(name + "-cert.pem");
      Path keyPem = directory.resolve(name + "-key.pem");
      Files.writeString(caPem, pem("CERTIFICATE", caCert.getEncoded()));
      Files.writeString(certPem, pem("CERTIFICATE", serverCert.getEncoded()) + pem("CERTIFICATE", caCert.getEncoded()));
      Files.writeString(keyPem, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
      return new TestCertificates(caPem, certPem, keyPem);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  public Path caPem() {
    return caPem;
  }

  public Path certPem() {
    return certPem;
  }

  public Path keyPem() {
    return keyPem;
  }
}
