package org.pet.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pet.server.store.Database;
import org.pet.server.store.TransparencyLogRepository;
import org.pet.transparency.LogEntry;
import org.pet.transparency.LogVerification;

/** Appends inside transactions: a rolled-back append leaves no trace; concurrent appends stay in order. */
class TransparencyServiceTest {

  @TempDir
  Path directory;

  private TransparencyService open(Database database) throws Exception {
    return new TransparencyService(new TransparencyLogRepository(database), directory, Clock.systemUTC());
  }

  @Test
  void append_inATransactionThatRollsBack_leavesNeitherEntryNorCheckpoint() throws Exception {
    try (Database database = Database.open("jdbc:h2:file:" + directory.resolve("db"), null, null)) {
      TransparencyService log = open(database);
      log.append("agreement", "{\"n\":0}");
      assertThatThrownBy(() -> database.inTransaction(tx -> {
        log.append(tx, "agreement", "{\"n\":\"lost\"}");
        throw new IllegalStateException("the change failed after its entry was appended");
      })).isInstanceOf(IllegalStateException.class);
      assertThat(log.checkpoint().checkpoint().treeSize()).isEqualTo(1);
      LogEntry next = log.append("agreement", "{\"n\":1}");
      assertThat(next.index()).isEqualTo(1);
      List<LogEntry> stored = log.page(0, 10);
      assertThat(stored).extracting(LogEntry::payload).containsExactly("{\"n\":0}", "{\"n\":1}");
      assertThat(LogVerification.verify(stored, log.checkpoint(), log.publicKey()).valid()).isTrue();
      assertThat(log.verifyEntries()).isEmpty();
    }
  }

  @Test
  void append_concurrently_givesConsecutiveIndicesCoveredByTheCheckpoint_andSurvivesReopening() throws Exception {
    String url = "jdbc:h2:file:" + directory.resolve("db");
    try (Database database = Database.open(url, null, null)) {
      TransparencyService log = open(database);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<LogEntry>> appends = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String payload = "{\"n\":" + i + "}";
        appends.add(threads.submit(() -> log.append("agreement", payload)));
      }
      for (Future<LogEntry> append : appends) {
        append.get();
      }
      threads.shutdown();
      assertThat(log.checkpoint().checkpoint().treeSize()).isEqualTo(200);
      assertThat(LogVerification.verify(log.page(0, 1000), log.checkpoint(), log.publicKey()).valid()).isTrue();
    }
    try (Database database = Database.open(url, null, null)) {
      TransparencyService reopened = open(database);
      assertThat(reopened.checkpoint().checkpoint().treeSize()).isEqualTo(200);
      assertThat(reopened.verifyEntries()).isEmpty();
    }
  }
}
