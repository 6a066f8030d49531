package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransparencyLogTest {

  private Ed25519Sign.KeyPair keys;
  private List<LogEntry> log;

  @BeforeEach
  void setUp() throws Exception {
    keys = Ed25519Sign.KeyPair.newKeyPair();
    log = new ArrayList<>();
    LogEntry previous = null;
    for (int i = 0; i < 5; i++) {
      previous = TransparencyLog.append(previous, "2026-11-28T12:00:0" + i + "Z", "query",
          "{\"epsilon\":0." + i + "}", keys.getPrivateKey());
      log.add(previous);
    }
  }

  @Test
  void verify_untouchedLog_isValid() {
    assertThat(TransparencyLog.verify(log, keys.getPublicKey()).valid()).isTrue();
  }

  @Test
  void verify_alteredPayload_reportsItsIndex() {
    LogEntry e = log.get(2);
    log.set(2, new LogEntry(e.index(), e.timestamp(), e.type(), "{\"epsilon\":0.0}", e.previousHash(), e.hash(),
        e.signature()));
    TransparencyLog.Verification result = TransparencyLog.verify(log, keys.getPublicKey());
    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidIndex()).isEqualTo(2);
    assertThat(result.reason()).contains("hash");
  }

  @Test
  void verify_removedOrReorderedEntry_detected() {
    List<LogEntry> removed = new ArrayList<>(log);
    removed.remove(1);
    assertThat(TransparencyLog.verify(removed, keys.getPublicKey()).firstInvalidIndex()).isEqualTo(1);
    List<LogEntry> swapped = new ArrayList<>(log);
    swapped.set(3, log.get(4));
    swapped.set(4, log.get(3));
    assertThat(TransparencyLog.verify(swapped, keys.getPublicKey()).firstInvalidIndex()).isEqualTo(3);
  }

  @Test
  void verify_reHashedButNotReSigned_detected() {
    LogEntry e = log.get(4);
    byte[] hash = LogEntry.computeHash(4, e.timestamp(), e.type(), "{\"epsilon\":9}", e.previousHash());
    log.set(4, new LogEntry(4, e.timestamp(), e.type(), "{\"epsilon\":9}", e.previousHash(), hash, e.signature()));
    TransparencyLog.Verification result = TransparencyLog.verify(log, keys.getPublicKey());
    assertThat(result.firstInvalidIndex()).isEqualTo(4);
    assertThat(result.reason()).isEqualTo("invalid server signature");
  }

  @Test
  void verify_otherServersKey_rejectsTheFirstEntry() throws Exception {
    assertThat(TransparencyLog.verify(log, Ed25519Sign.KeyPair.newKeyPair().getPublicKey()).firstInvalidIndex())
        .isZero();
  }
}
