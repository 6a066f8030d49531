package org.pet.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.Ed25519Sign;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pet.transparency.LogEntry;
import org.pet.transparency.TransparencyLog;

/** The repository against embedded H2 and a real PostgreSQL started in-process. */
class TransparencyLogRepositoryTest {

  private static EmbeddedPostgres postgres;

  @TempDir
  static Path directory;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  static Stream<String> databases() {
    return Stream.of("h2", "postgresql");
  }

  private static Database open(String kind) {
    return kind.equals("h2")
        ? Database.open("jdbc:h2:file:" + directory.resolve(UUID.randomUUID().toString()), null, null)
        : Database.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void appendPageAndLast_roundTripEntriesAndRefuseForks(String kind) throws Exception {
    try (Database database = open(kind)) {
      TransparencyLogRepository repository = new TransparencyLogRepository(database);
      int existing = repository.page(0, Integer.MAX_VALUE).size();
      Ed25519Sign.KeyPair keys = Ed25519Sign.KeyPair.newKeyPair();
      LogEntry previous = repository.last().orElse(null);
      for (int i = 0; i < 3; i++) {
        previous = TransparencyLog.append(previous, "2026-11-28T12:00:00Z", "query", "{\"i\":" + i + "}",
            keys.getPrivateKey());
        repository.append(previous);
      }
      List<LogEntry> all = repository.page(0, Integer.MAX_VALUE);
      assertThat(all).hasSize(existing + 3);
      assertThat(repository.last()).contains(previous);
      assertThat(repository.page(existing + 1, 1)).containsExactly(all.get(existing + 1));
      LogEntry fork = TransparencyLog.append(all.get(existing), "2026-11-28T12:00:01Z", "query", "{}",
          keys.getPrivateKey());
      assertThatThrownBy(() -> repository.append(fork)).isInstanceOf(SQLException.class);
      if (existing == 0) {
        assertThat(TransparencyLog.verify(all, keys.getPublicKey()).valid()).isTrue();
      }
    }
  }
}
