package org.pet.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void appendAndPage_roundTripEntriesAndRefuseASecondEntryAtAnIndex(String kind) throws Exception {
    try (Database database = open(kind)) {
      TransparencyLogRepository repository = new TransparencyLogRepository(database);
      int existing = repository.page(0, Integer.MAX_VALUE).size();
      for (int i = 0; i < 3; i++) {
        LogEntry entry = new LogEntry(existing + i, "2026-11-28T12:00:00Z", "query", "{\"i\":" + i + "}");
        database.inTransaction(tx -> {
          repository.append(tx, entry);
          return null;
        });
      }
      List<LogEntry> all = repository.page(0, Integer.MAX_VALUE);
      assertThat(all).hasSize(existing + 3);
      assertThat(all.get(existing + 2).payload()).isEqualTo("{\"i\":2}");
      assertThat(repository.page(existing + 1, 1)).containsExactly(all.get(existing + 1));
      LogEntry fork = new LogEntry(existing + 1, "2026-11-28T12:00:01Z", "query", "{}");
      assertThatThrownBy(() -> database.inTransaction(tx -> {
        repository.append(tx, fork);
        return null;
      })).isInstanceOf(SQLException.class);
      assertThat(repository.page(0, Integer.MAX_VALUE)).isEqualTo(all);
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void checkpoint_replacedWithinTheTransactionAndRolledBackWithIt(String kind) throws Exception {
    try (Database database = open(kind)) {
      TransparencyLogRepository repository = new TransparencyLogRepository(database);
      database.inTransaction(tx -> {
        repository.saveCheckpoint(tx, 1, "first");
        return null;
      });
      database.inTransaction(tx -> {
        repository.saveCheckpoint(tx, 2, "second");
        return null;
      });
      assertThat(repository.checkpoint()).contains("second");
      assertThatThrownBy(() -> database.inTransaction(tx -> {
        repository.saveCheckpoint(tx, 3, "third");
        throw new IllegalStateException("the work failed");
      })).isInstanceOf(IllegalStateException.class);
      assertThat(repository.checkpoint()).contains("second");
    }
  }
}
