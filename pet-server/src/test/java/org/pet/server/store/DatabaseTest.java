package org.pet.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void h2Url_withoutAStatementCache_getsOneForAQuerysStatements() {
    assertThat(Database.h2Url("jdbc:h2:file:/data/pet;DB_CLOSE_DELAY=-1"))
        .isEqualTo("jdbc:h2:file:/data/pet;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
  }

  @Test
  void h2Url_withItsOwnStatementCache_unchanged() {
    assertThat(Database.h2Url("jdbc:h2:file:/data/pet;query_cache_size=8"))
        .isEqualTo("jdbc:h2:file:/data/pet;query_cache_size=8");
  }
}
