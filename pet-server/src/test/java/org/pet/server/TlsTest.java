package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.server.http.PemTrust;
import org.pet.server.testing.TestCertificates;

/**
 * HTTPS with a certificate made in the test by a private CA: a client trusting the CA (PemTrust, as
 * {@code --ca} does) gets answers; one trusting only the JDK's authorities is refused in the handshake; plain
 * HTTP to the TLS port gets no answer; half a TLS configuration or an unreadable file is refused at start.
 */
class TlsTest {

  private static final String TOKEN = "admin-token-for-tls-tests-0123456";

  @TempDir
  Path directory;

  @Test
  void httpsWithAPrivateCa() throws Exception {
    TestCertificates certificates = TestCertificates.create(directory.resolve("tls"), "server");
    try (PetServer server = new PetServer()) {
      int port = server.start(new PetServerConfig(0, null, TOKEN, directory.resolve("data"), 1 << 20, null, null,
          certificates.certPem(), certificates.keyPem(), null));
      URI health = URI.create("https://127.0.0.1:" + port + "/health");
      HttpClient trusting = HttpClient.newBuilder().sslContext(PemTrust.sslContext(certificates.caPem())).build();
      HttpResponse<String> answer = trusting.send(HttpRequest.newBuilder(health).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(answer.body()).getString("status")).isEqualTo("UP");

      HttpClient defaults = HttpClient.newHttpClient();
      assertThatThrownBy(() -> defaults.send(HttpRequest.newBuilder(health).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class)
          .hasMessageContaining("PKIX");
      assertThatThrownBy(() -> defaults.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
  }

  @Test
  void halfATlsConfigurationOrAnUnreadableFileIsRefused() throws Exception {
    TestCertificates certificates = TestCertificates.create(directory.resolve("tls"), "server");
    assertThatThrownBy(() -> new PetServerConfig(0, null, TOKEN, directory, 1 << 20, null, null,
        certificates.certPem(), null, null)).hasMessageContaining("`tlsCert` and `tlsKey` go together");
    try (PetServer server = new PetServer()) {
      assertThatThrownBy(() -> server.start(new PetServerConfig(0, null, TOKEN, directory.resolve("data"), 1 << 20, null,
          null, certificates.certPem(), directory.resolve("missing.pem"), null)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.pem");
    }
    assertThatThrownBy(() -> PemTrust.sslContext(certificates.keyPem())).isInstanceOf(IllegalArgumentException.class);
  }
}
