package org.pet.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for a private certificate authority: an SSLContext that trusts the certificates of a PEM file
 * (one or more CA certificates) as well as the JDK's default authorities. Used by the command line's
 * {@code --ca FILE} and by a leader talking to a helper whose certificate a private CA issued.
 */
public final class PemTrust {

  private PemTrust() {}

  /**
   * An SSLContext trusting the default authorities and every certificate in {@code caPem}.
   *
   * @throws IllegalArgumentException if the file holds no certificate or is not PEM
   * @throws IOException if it cannot be read
   */
  public static SSLContext sslContext(Path caPem) throws IOException {
    try (InputStream in = Files.newInputStream(caPem)) {
      Collection<? extends Certificate> authorities = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (authorities.isEmpty()) {
        throw new IllegalArgumentException(caPem + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int alias = 0;
      for (X509Certificate trusted : defaultAuthorities()) {
        store.setCertificateEntry("default-" + alias++, trusted);
      }
      for (Certificate authority : authorities) {
        store.setCertificateEntry("ca-" + alias++, authority);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(caPem + " is not a PEM file of CA certificates: " + e.getMessage(), e);
    }
  }

  private static X509Certificate[] defaultAuthorities() throws GeneralSecurityException {
    TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    for (var manager : defaults.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509.getAcceptedIssuers();
      }
    }
    return new X509Certificate[0];
  }
}
