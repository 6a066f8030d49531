package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.server.PetServer;
import org.pet.server.PetServerConfig;
import org.pet.server.testing.TestCertificates;

/**
 * The command line against a pet server on HTTPS whose certificate a private CA (made in the test) issued:
 * with {@code --ca} the CA is trusted and commands work; without it the TLS handshake fails with a clear
 * message (exit 1); {@code pet server} refuses half a TLS configuration (exit 2).
 */
class TlsCliTest {

  private static final String TOKEN = "admin-token-for-tls-cli-tests-012";

  @TempDir
  Path directory;

  @Test
  void commandsTrustAPrivateCaWithCa() throws Exception {
    TestCertificates certificates = TestCertificates.create(directory.resolve("tls"), "server");
    try (PetServer server = new PetServer()) {
      int port = server.start(new PetServerConfig(0, null, TOKEN, directory.resolve("data"), 1 << 20, null, null,
          certificates.certPem(), certificates.keyPem(), null));
      String url = "https://127.0.0.1:" + port;
      Map<String, String> env = Map.of(AdminOptions.TOKEN_VARIABLE, TOKEN);
      String publicKey = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
      Cli.run(env, "agency", "register", "--server", url, "--agency", "council", "--public-key", publicKey)
          .failed(1, "pet agency register", "TLS handshake");
      Cli.run(env, "agency", "register", "--server", url, "--ca", certificates.caPem().toString(), "--agency",
          "council", "--public-key", publicKey).succeeded();
      assertThat(Cli.run("log", "verify", "--server", url, "--ca", certificates.caPem().toString()).succeeded().out())
          .contains("valid");
      Cli.run(env, "agency", "register", "--server", url, "--ca", certificates.keyPem().toString(), "--agency",
          "council2", "--public-key", publicKey).failed(2, "pet agency register", "--ca");
    }
  }

  @Test
  void theServerCommandRefusesHalfATlsConfiguration() throws Exception {
    TestCertificates certificates = TestCertificates.create(directory.resolve("tls"), "server");
    Cli.run(Map.of(AdminOptions.TOKEN_VARIABLE, TOKEN), "server", "--port", "0", "--data-dir",
        directory.resolve("data").toString(), "--tls-cert", certificates.certPem().toString())
        .failed(2, "pet server", "tlsKey");
  }
}
