package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Prio3 instances with joint randomness, end to end over 2-3 aggregators: valid measurements always verify
 * and unshard to the true aggregate; a tampered public share, helper seed or leader share is rejected.
 */
class Prio3Properties {

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  /** Runs one report through verification; returns the output shares, or throws where verification fails. */
  private static <E extends FieldElement<E>, M, R> List<List<E>> verify(Prio3<E, M, R> prio3, byte[] key, byte[] nonce,
      Prio3.Sharded sharded) {
    List<Prio3.Verification<E>> states = new ArrayList<>();
    List<byte[]> verifierShares = new ArrayList<>();
    for (int id = 0; id < prio3.shares(); id++) {
      Prio3.Verification<E> state = prio3.verifyInit(key, new byte[] {1, 2}, id, nonce, sharded.publicShare(),
          sharded.inputShares().get(id));
      states.add(state);
      verifierShares.add(state.verifierShare());
    }
    byte[] message = prio3.verifierSharesToMessage(new byte[] {1, 2}, verifierShares);
    List<List<E>> outShares = new ArrayList<>();
    for (Prio3.Verification<E> state : states) {
      outShares.add(prio3.verifyNext(state, message));
    }
    return outShares;
  }

  private static <E extends FieldElement<E>, M, R> R run(Prio3<E, M, R> prio3, List<M> measurements, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] key = bytes(random, prio3.verifyKeySize());
    List<List<List<E>>> perAggregator = new ArrayList<>();
    for (int s = 0; s < prio3.shares(); s++) {
      perAggregator.add(new ArrayList<>());
    }
    for (M measurement : measurements) {
      byte[] nonce = bytes(random, Prio3.NONCE_SIZE);
      List<List<E>> outShares = verify(prio3, key, nonce,
          prio3.shard(new byte[] {1, 2}, measurement, nonce, bytes(random, prio3.randSize())));
      for (int s = 0; s < prio3.shares(); s++) {
        perAggregator.get(s).add(outShares.get(s));
      }
    }
    return prio3.unshard(perAggregator.stream().map(prio3::aggregate).toList(), measurements.size());
  }

  @Property(tries = 15)
  void histogram_validBucketsUnshardToTheirCounts(@ForAll @IntRange(min = 2, max = 3) int shares, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> buckets = new ArrayList<>();
    long[] counts = new long[7];
    for (int i = 0; i < 6; i++) {
      int bucket = random.nextInt(7);
      buckets.add(bucket);
      counts[bucket]++;
    }
    List<Long> expected = java.util.Arrays.stream(counts).boxed().toList();
    assertThat(run(Prio3.histogram(shares, 7, 3), buckets, seed)).isEqualTo(expected);
  }

  @Property(tries = 10)
  void sumVec_validVectorsUnshardToTheirSum(@ForAll @IntRange(min = 2, max = 3) int shares, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Long>> vectors = new ArrayList<>();
    long[] sum = new long[4];
    for (int i = 0; i < 4; i++) {
      List<Long> vector = new ArrayList<>();
      for (int j = 0; j < 4; j++) {
        long value = random.nextLong(0, 16);
        vector.add(value);
        sum[j] += value;
      }
      vectors.add(vector);
    }
    assertThat(run(Prio3.sumVec(shares, 4, 15, 3), vectors, seed))
        .isEqualTo(java.util.Arrays.stream(sum).boxed().toList());
  }

  @Property(tries = 10)
  void multihot_validVectorsUnshardToTheirCounts(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Boolean>> vectors = new ArrayList<>();
    long[] counts = new long[5];
    for (int i = 0; i < 5; i++) {
      List<Boolean> vector = new ArrayList<>(java.util.Collections.nCopies(5, false));
      for (int k = 0; k < 2; k++) {
        int at = random.nextInt(5);
        vector.set(at, true);
      }
      for (int j = 0; j < 5; j++) {
        counts[j] += vector.get(j) ? 1 : 0;
      }
      vectors.add(vector);
    }
    assertThat(run(Prio3.multihotCountVec(2, 5, 2, 2), vectors, seed))
        .isEqualTo(java.util.Arrays.stream(counts).boxed().toList());
  }

  /** Any byte of the public share, the helper's input share or the leader's share changed: rejected. */
  @Property(tries = 40)
  void histogram_anyTamperedMessage_isRejected(@ForAll @IntRange(min = 0, max = 2) int target,
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 1, max = 255) int flip,
      @ForAll long seed) {
    Prio3<Field128.Element, Integer, List<Long>> prio3 = Prio3.histogram(2, 5, 2);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] key = bytes(random, prio3.verifyKeySize());
    byte[] nonce = bytes(random, Prio3.NONCE_SIZE);
    Prio3.Sharded honest = prio3.shard(new byte[] {1, 2}, random.nextInt(5), nonce, bytes(random, prio3.randSize()));
    byte[] publicShare = honest.publicShare().clone();
    byte[] leader = honest.inputShares().get(0).clone();
    byte[] helper = honest.inputShares().get(1).clone();
    byte[] tampered = target == 0 ? publicShare : target == 1 ? helper : leader;
    // Flip bits of one byte; in the leader's field elements only the low byte of an element, so the
    // value stays a field element (below p) and the change reaches verification.
    int at = position % tampered.length;
    if (target == 2 && at < leader.length - 32) {
      at -= at % 16;
    }
    tampered[at] ^= (byte) flip;
    Prio3.Sharded sharded = new Prio3.Sharded(publicShare, List.of(leader, helper));
    assertThatThrownBy(() -> verify(prio3, key, nonce, sharded)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("proof verifier check failed|joint randomness check failed");
  }
}
