package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Prio3Count: valid counts always verify and unshard to their sum; a tampered input share is rejected. */
class Prio3CountProperties {

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private static List<byte[]> verifierShares(Prio3<Field64.Element, Long, Long> prio3, byte[] key, byte[] nonce,
      Prio3.Sharded sharded, List<Prio3.Verification<Field64.Element>> states) {
    List<byte[]> verifierShares = new ArrayList<>();
    for (int id = 0; id < prio3.shares(); id++) {
      Prio3.Verification<Field64.Element> state = prio3.verifyInit(key, new byte[] {7}, id, nonce, sharded.publicShare(),
          sharded.inputShares().get(id));
      states.add(state);
      verifierShares.add(state.verifierShare());
    }
    return verifierShares;
  }

  @Property(tries = 30)
  void validCounts_verifyAndUnshardToTheirSum(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 1) Integer> counts,
      @ForAll @IntRange(min = 2, max = 4) int shares, @ForAll long seed) {
    Prio3<Field64.Element, Long, Long> prio3 = Prio3.count(shares);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] key = bytes(random, prio3.verifyKeySize());
    List<List<List<Field64.Element>>> outShares = new ArrayList<>();
    for (int s = 0; s < shares; s++) {
      outShares.add(new ArrayList<>());
    }
    for (int count : counts) {
      byte[] nonce = bytes(random, Prio3.NONCE_SIZE);
      Prio3.Sharded sharded = prio3.shard(new byte[] {7}, (long) count, nonce, bytes(random, prio3.randSize()));
      List<Prio3.Verification<Field64.Element>> states = new ArrayList<>();
      byte[] message = prio3.verifierSharesToMessage(new byte[] {7}, verifierShares(prio3, key, nonce, sharded, states));
      for (int s = 0; s < shares; s++) {
        outShares.get(s).add(prio3.verifyNext(states.get(s), message));
      }
    }
    List<List<Field64.Element>> aggShares = outShares.stream().map(prio3::aggregate).toList();
    assertThat(prio3.unshard(aggShares, counts.size())).isEqualTo(counts.stream().mapToLong(Integer::longValue).sum());
  }

  @Property(tries = 30)
  void aTamperedLeaderShare_isRejected(@ForAll @IntRange(min = 0, max = 1) int count, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 47) int position) {
    Prio3<Field64.Element, Long, Long> prio3 = Prio3.count(2);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] key = bytes(random, prio3.verifyKeySize());
    byte[] nonce = bytes(random, Prio3.NONCE_SIZE);
    Prio3.Sharded honest = prio3.shard(new byte[] {7}, (long) count, nonce, bytes(random, prio3.randSize()));
    byte[] leader = honest.inputShares().get(0).clone();
    // Change one element by adding 1 to its lowest byte's element value (staying below p: the value's low byte
    // is incremented only when it is not 0xff, else decremented).
    int at = position - position % 8;
    leader[at] = (byte) ((leader[at] & 0xFF) == 0xFF ? 0xFE : (leader[at] & 0xFF) + 1);
    Prio3.Sharded tampered = new Prio3.Sharded(honest.publicShare(), List.of(leader, honest.inputShares().get(1)));
    List<Prio3.Verification<Field64.Element>> states = new ArrayList<>();
    List<byte[]> shares = verifierShares(prio3, key, nonce, tampered, states);
    assertThatThrownBy(() -> prio3.verifierSharesToMessage(new byte[] {7}, shares))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proof verifier check failed");
  }

  @org.junit.jupiter.api.Test
  void anOutOfRangeCount_isRejectedAtVerification() {
    Prio3<Field64.Element, Long, Long> prio3 = Prio3.count(2);
    byte[] nonce = new byte[16];
    byte[] key = new byte[32];
    Prio3.Sharded sharded = prio3.shard(new byte[] {7}, 1_000_000_000L, nonce, new byte[prio3.randSize()]);
    List<Prio3.Verification<Field64.Element>> states = new ArrayList<>();
    List<byte[]> shares = verifierShares(prio3, key, nonce, sharded, states);
    assertThatThrownBy(() -> prio3.verifierSharesToMessage(new byte[] {7}, shares))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proof verifier check failed");
  }
}
