package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.examples.client.AgencyKeyFile;

class AgencyKeygenCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  @Test
  void keygen_writesAnOwnerOnlyKeyFile_andPrintsTheRegistrationBodyTheServerAccepts() throws Exception {
    Path key = directory.resolve("nhs.key");
    Cli.Result result = Cli.run("agency", "keygen", "--agency", "nhs-trust", "--out", key.toString()).succeeded();

    AgencyKeyFile stored = AgencyKeyFile.read(key);
    assertThat(stored.agency()).isEqualTo("nhs-trust");
    assertThat(result.out()).contains("public key: " + stored.publicKeyBase64());
    if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
    String bodyLine = result.out().lines().filter(line -> line.startsWith("{")).findFirst().orElseThrow();
    JsonNode body = JSON.readTree(bodyLine);
    assertThat(body.path("id").asText()).isEqualTo("nhs-trust");
    assertThat(body.path("publicKey").asText()).isEqualTo(stored.publicKeyBase64());
    try (EmbeddedServer server = EmbeddedServer.start()) {
      assertThat(server.admin().post("/v1/agencies", body).path("id").asText()).isEqualTo("nhs-trust");
    }
  }

  @Test
  void keygen_existingFile_isNeverOverwritten() throws Exception {
    Path key = directory.resolve("council.key");
    Files.writeString(key, "precious");
    Cli.run("agency", "keygen", "--agency", "council", "--out", key.toString())
        .failed(2, "pet agency keygen", "already exists; a key file is never overwritten");
    assertThat(Files.readString(key)).isEqualTo("precious");
  }

  @Test
  void keygen_missingDirectory_exitsTwo() {
    Path key = directory.resolve("no/such/dir/a.key");
    Cli.run("agency", "keygen", "--agency", "council", "--out", key.toString())
        .failed(2, "pet agency keygen", "no such directory");
  }

  @Test
  void keygen_blankAgency_exitsTwo() {
    Cli.run("agency", "keygen", "--agency", " ", "--out", directory.resolve("a.key").toString())
        .failed(2, "pet agency keygen", "--agency must not be blank");
    assertThat(directory.resolve("a.key")).doesNotExist();
  }

  @Test
  void agency_withoutSubcommand_exitsTwo() {
    Cli.run("agency").failed(2, "pet agency", "Missing required subcommand");
  }
}
