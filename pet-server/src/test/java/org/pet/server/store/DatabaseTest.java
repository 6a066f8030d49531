package org.pet.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void durableH2_fileUrlWithoutWriteDelay_getsWriteDelayZero() {
    assertThat(Database.durableH2("jdbc:h2:file:/data/pet;DB_CLOSE_DELAY=-1"))
        .isEqualTo("jdbc:h2:file:/data/pet;DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
  }

  @Test
  void durableH2_writeDelayZeroOrInMemory_unchanged() {
    assertThat(Database.durableH2("jdbc:h2:file:/data/pet;write_delay=0")).isEqualTo("jdbc:h2:file:/data/pet;write_delay=0");
    assertThat(Database.durableH2("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
  }

  @Test
  void durableH2_otherWriteDelay_refused() {
    assertThatThrownBy(() -> Database.durableH2("jdbc:h2:file:/data/pet;WRITE_DELAY=500"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WRITE_DELAY");
  }
}
