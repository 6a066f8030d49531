package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pet.transparency.LogVerification.Result;

class LogVerificationTest {

  private static final String ORIGIN = "pet.example/log";
  private static final Instant TIME = Instant.parse("2026-11-28T12:00:10Z");

  private Ed25519Sign.KeyPair keys;
  private List<LogEntry> entries;
  private MerkleLog tree;

  @BeforeEach
  void setUp() throws Exception {
    keys = Ed25519Sign.KeyPair.newKeyPair();
    entries = new ArrayList<>();
    tree = new MerkleLog();
    for (int i = 0; i < 6; i++) {
      LogEntry entry = new LogEntry(i, "2026-11-28T12:00:0" + i + "Z", "query", "{\"epsilon\":0." + i + "}");
      entries.add(entry);
      tree.append(entry.leafHash());
    }
  }

  private SignedCheckpoint checkpointOf(long size) {
    return new Checkpoint(ORIGIN, size, tree.root(size), TIME).sign(keys.getPrivateKey());
  }

  @Test
  void verify_untouchedLog_ok() {
    assertThat(LogVerification.verify(entries, checkpointOf(6), keys.getPublicKey())).isEqualTo(Result.ok());
  }

  @Test
  void verify_emptyLogAndEmptyCheckpoint_ok() {
    assertThat(LogVerification.verify(List.of(), checkpointOf(0), keys.getPublicKey()).valid()).isTrue();
  }

  @Test
  void verify_otherKey_namesTheSignature() throws Exception {
    Result result = LogVerification.verify(entries, checkpointOf(6), Ed25519Sign.KeyPair.newKeyPair().getPublicKey());

    assertThat(result).isEqualTo(Result.failed("checkpoint signature does not verify with the pinned key"));
  }

  @Test
  void verify_alteredPayload_rootMismatch() {
    LogEntry e = entries.get(2);
    entries.set(2, new LogEntry(2, e.timestamp(), e.type(), "{\"epsilon\":0.0}"));

    assertThat(LogVerification.verify(entries, checkpointOf(6), keys.getPublicKey()))
        .isEqualTo(Result.failed("root of the 6 entries does not match the checkpoint"));
  }

  @Test
  void verify_removedEntry_namesTheIndex() {
    entries.remove(3);

    assertThat(LogVerification.verify(entries, checkpointOf(6), keys.getPublicKey()))
        .isEqualTo(Result.failed("entry 3 has index 4"));
  }

  @Test
  void verify_swappedEntries_namesTheFirst() {
    LogEntry third = entries.get(3);
    entries.set(3, entries.get(4));
    entries.set(4, third);

    assertThat(LogVerification.verify(entries, checkpointOf(6), keys.getPublicKey()).problem())
        .isEqualTo("entry 3 has index 4");
  }

  @Test
  void verify_entryRemovedAndRestRenumbered_rootMismatch() {
    List<LogEntry> rewritten = new ArrayList<>(entries.subList(0, 3));
    for (LogEntry e : entries.subList(4, 6)) {
      rewritten.add(new LogEntry(e.index() - 1, e.timestamp(), e.type(), e.payload()));
    }
    rewritten.add(new LogEntry(5, "2026-11-28T12:00:09Z", "query", "{}"));

    assertThat(LogVerification.verify(rewritten, checkpointOf(6), keys.getPublicKey()).problem())
        .isEqualTo("root of the 6 entries does not match the checkpoint");
  }

  @Test
  void verify_truncatedLog_namesBothSizes() {
    assertThat(LogVerification.verify(entries.subList(0, 5), checkpointOf(6), keys.getPublicKey()).problem())
        .isEqualTo("the log has 5 entries but the checkpoint covers 6");
  }

  @Test
  void verify_extraEntries_namesBothSizes() {
    assertThat(LogVerification.verify(entries, checkpointOf(4), keys.getPublicKey()).problem())
        .isEqualTo("the log has 6 entries but the checkpoint covers 4");
  }

  @Test
  void verify_prefixAgainstItsOwnCheckpoint_ok() {
    assertThat(LogVerification.verify(entries.subList(0, 4), checkpointOf(4), keys.getPublicKey()).valid()).isTrue();
  }

  @Test
  void verify_nullEntry_rejected() {
    entries.set(1, null);

    assertThatThrownBy(() -> LogVerification.verify(entries, checkpointOf(6), keys.getPublicKey()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`entries[1]` must not be null");
  }

  @Test
  void verifyExtends_honestGrowth_ok() {
    for (int from = 0; from <= 6; from++) {
      for (int to = from; to <= 6; to++) {
        assertThat(LogVerification.verifyExtends(checkpointOf(from), checkpointOf(to),
            tree.consistencyProof(from, to), keys.getPublicKey())).as("%d to %d", from, to).isEqualTo(Result.ok());
      }
    }
  }

  @Test
  void verifyExtends_forkedLog_notConsistent() {
    SignedCheckpoint older = checkpointOf(4);
    MerkleLog fork = new MerkleLog();
    for (int i = 0; i < 6; i++) {
      fork.append(i == 2 ? new LogEntry(2, "t", "query", "{}").leafHash() : tree.leafHash(i));
    }
    SignedCheckpoint forked = new Checkpoint(ORIGIN, 6, fork.root(), TIME).sign(keys.getPrivateKey());

    assertThat(LogVerification.verifyExtends(older, forked, fork.consistencyProof(4, 6), keys.getPublicKey()).problem())
        .isEqualTo("the tree of 6 entries is not consistent with the older one of 4 entries");
  }

  @Test
  void verifyExtends_shrunkLog_named() {
    assertThat(LogVerification.verifyExtends(checkpointOf(5), checkpointOf(3), List.of(), keys.getPublicKey())
        .problem()).isEqualTo("the log shrank from 5 to 3 entries");
  }

  @Test
  void verifyExtends_otherOrigin_named() {
    SignedCheckpoint other = new Checkpoint("other.example/log", 6, tree.root(), TIME).sign(keys.getPrivateKey());

    assertThat(LogVerification.verifyExtends(checkpointOf(6), other, List.of(), keys.getPublicKey()).problem())
        .isEqualTo("the checkpoints are of different logs: \"pet.example/log\" and \"other.example/log\"");
  }

  @Test
  void verifyExtends_unsignedNewer_named() throws Exception {
    SignedCheckpoint forged = new Checkpoint(ORIGIN, 6, tree.root(), TIME)
        .sign(Ed25519Sign.KeyPair.newKeyPair().getPrivateKey());

    assertThat(LogVerification.verifyExtends(checkpointOf(4), forged, tree.consistencyProof(4, 6),
        keys.getPublicKey()).problem()).isEqualTo("checkpoint signature does not verify with the pinned key");
    assertThat(LogVerification.verifyExtends(forged, checkpointOf(6), List.of(), keys.getPublicKey()).problem())
        .isEqualTo("the older checkpoint's signature does not verify with the pinned key");
  }

  @Test
  void verify_publicKeyNot32Bytes_rejected() {
    assertThatThrownBy(() -> LogVerification.verify(entries, checkpointOf(6), new byte[33]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`publicKey` must be 32 bytes, was 33 bytes");
    assertThatThrownBy(() -> LogVerification.verify(entries, checkpointOf(6), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`publicKey` must not be null");
  }

  @Test
  void result_inconsistentFields_rejected() {
    assertThatThrownBy(() -> new Result(true, "broken")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`problem` must be \"ok\" for a valid result, was \"broken\"");
    assertThatThrownBy(() -> Result.failed("ok")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Result.failed(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
