package org.pet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PetServerConfigTest {

  @TempDir
  Path directory;

  @Test
  void environment_defaultsAndRequiredToken() {
    PetServerConfig config = PetServerConfig.fromEnvironment(Map.of("PET_ADMIN_TOKEN", "0123456789abcdef"));
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.databaseUrl()).isNull();
    assertThat(config.dataDirectory()).isEqualTo(Path.of("pet-data"));
    assertThat(config.maxBodyBytes()).isEqualTo(PetServerConfig.DEFAULT_MAX_BODY_BYTES);
    assertThat(config.sparkMaster()).isNull();
    assertThatThrownBy(() -> PetServerConfig.fromEnvironment(Map.of())).hasMessageContaining("PET_ADMIN_TOKEN");
    assertThatThrownBy(() -> PetServerConfig.fromEnvironment(Map.of("PET_ADMIN_TOKEN", "0123456789abcdef",
        "PET_PORT", "http"))).hasMessage("PET_PORT (port) must be an integer, was http");
  }

  @Test
  void file_isReadAndTheEnvironmentOverridesIt() throws Exception {
    Path file = directory.resolve("pet.properties");
    Files.writeString(file, "port = 9090\nadmin.token = file-token-0123456789\ndata.dir = /srv/pet\n"
        + "db.url = jdbc:postgresql://db/pet\nspark.master = spark://cluster:7077\n");
    PetServerConfig fromFile = PetServerConfig.fromFile(file, Map.of());
    assertThat(fromFile.port()).isEqualTo(9090);
    assertThat(fromFile.adminToken()).isEqualTo("file-token-0123456789");
    assertThat(fromFile.dataDirectory()).isEqualTo(Path.of("/srv/pet"));
    assertThat(fromFile.databaseUrl()).isEqualTo("jdbc:postgresql://db/pet");
    assertThat(fromFile.sparkMaster()).isEqualTo("spark://cluster:7077");
    assertThat(PetServerConfig.fromFile(file, Map.of("PET_SPARK_MASTER", "local[2]")).sparkMaster())
        .isEqualTo("local[2]");
    PetServerConfig overridden = PetServerConfig.fromFile(file, Map.of("PET_PORT", "7070"));
    assertThat(overridden.port()).isEqualTo(7070);
    assertThat(overridden.adminToken()).isEqualTo("file-token-0123456789");
    assertThat(overridden.toString()).doesNotContain("file-token").doesNotContain("postgresql");
  }

  @Test
  void invalidValues_areNamed() {
    assertThatThrownBy(() -> new PetServerConfig(70_000, null, "0123456789abcdef", directory, 4096))
        .hasMessageContaining("`port`");
    assertThatThrownBy(() -> new PetServerConfig(0, null, "short", directory, 4096))
        .hasMessageContaining("`adminToken`");
    assertThatThrownBy(() -> new PetServerConfig(0, null, "0123456789abcdef", directory, 10))
        .hasMessageContaining("`maxBodyBytes`");
    assertThatThrownBy(() -> new PetServerConfig(0, null, "0123456789abcdef", directory, 4096, null, "observer"))
        .hasMessageContaining("`role`").hasMessageContaining("[leader, helper]");
  }

  @Test
  void theShippedExampleConfigurationLoadsWithTheDefaults() throws Exception {
    java.nio.file.Path example = java.nio.file.Path.of("..", "docs", "examples", "pet-server.properties");
    PetServerConfig config = PetServerConfig.fromFile(example, Map.of("PET_ADMIN_TOKEN", "0123456789abcdef"));
    PetServerConfig defaults = PetServerConfig.fromEnvironment(Map.of("PET_ADMIN_TOKEN", "0123456789abcdef"));
    assertThat(config).isEqualTo(defaults);
    String text = java.nio.file.Files.readString(example);
    for (String key : new String[] {"port", "db.url", "admin.token", "data.dir", "max.body.bytes", "spark.master",
        "role", "tls.cert", "tls.key", "peer.ca"}) {
      assertThat(text).as("the example documents %s", key).containsPattern("(?m)^#?" + java.util.regex.Pattern.quote(key)
          + "=");
    }
  }

  @Test
  void theRoleComesFromTheEnvironmentOrTheFile() {
    assertThat(PetServerConfig.fromEnvironment(Map.of("PET_ADMIN_TOKEN", "0123456789abcdef")).role()).isNull();
    PetServerConfig helper = PetServerConfig.fromEnvironment(Map.of("PET_ADMIN_TOKEN", "0123456789abcdef",
        "PET_ROLE", "helper"));
    assertThat(helper.role()).isEqualTo("helper");
    assertThat(helper.toString()).contains("role=helper");
    assertThatThrownBy(() -> PetServerConfig.fromEnvironment(Map.of("PET_ADMIN_TOKEN", "0123456789abcdef",
        "PET_ROLE", "Leader"))).hasMessageContaining("`role`");
  }
}
