package org.pet.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgencyKeyFileTest {

  @TempDir
  Path directory;

  @Test
  void writtenThenRead_isTheSameIdentity_readableByItsOwnerOnly() throws Exception {
    AgencyKeyFile written = AgencyKeyFile.generate("nhs-trust");
    Path file = directory.resolve("nhs.key");
    written.write(file);
    AgencyKeyFile read = AgencyKeyFile.read(file);
    assertThat(read.agency()).isEqualTo("nhs-trust");
    assertThat(read.key().publicKey()).isEqualTo(written.key().publicKey());
    assertThat(read.publicKeyBase64()).isEqualTo(written.publicKeyBase64());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void anExistingFile_isNeverOverwritten() throws Exception {
    Path file = directory.resolve("taken.key");
    Files.writeString(file, "precious");
    assertThatThrownBy(() -> AgencyKeyFile.generate("police").write(file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void aMismatchedPublicKeyOrAMalformedFile_isRefusedWithTheReason() throws Exception {
    Path file = directory.resolve("a.key");
    AgencyKeyFile.generate("police").write(file);
    String other = AgencyKeyFile.generate("police").publicKeyBase64();
    String text = Files.readString(file).replaceAll("\"publicKey\" : \"[^\"]+\"", "\"publicKey\" : \"" + other + "\"");
    Files.writeString(file, text);
    assertThatThrownBy(() -> AgencyKeyFile.read(file)).hasMessageContaining("publicKey does not match privateKey");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> AgencyKeyFile.read(file)).hasMessageContaining("not a pet agency key file");
    Files.writeString(file, "{\"agency\": \"x\", \"algorithm\": \"Ed25519\", \"privateKey\": \"AAAA\"}");
    assertThatThrownBy(() -> AgencyKeyFile.read(file)).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> AgencyKeyFile.generate(" ")).hasMessageContaining("blank");
  }
}
