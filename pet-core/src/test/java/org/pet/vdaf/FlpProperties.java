package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The FLP run as the draft's run_flp does - prove, share measurement and proof additively, query every
 * share, add the verifier shares, decide - accepts every valid Count measurement and rejects invalid ones.
 */
class FlpProperties {

  private static final Field64 F = Field64.FIELD;

  private static <E extends FieldElement<E>> List<E> random(Field<E> field, SplittableRandom random, int length) {
    List<E> values = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      values.add(field.of(random.nextLong(0, Long.MAX_VALUE)));
    }
    return values;
  }

  private static List<Field64.Element> random(SplittableRandom random, int length) {
    return random(F, random, length);
  }

  /** The draft's run_flp: prove, share additively, query every share, add the verifier shares, decide. */
  static <E extends FieldElement<E>> boolean runFlp(FlpBbcggi19<E> flp, List<E> meas, int numShares, long seed) {
    Field<E> field = flp.valid.field;
    SplittableRandom random = new SplittableRandom(seed);
    List<E> jointRand = random(field, random, flp.valid.jointRandLen());
    List<E> proveRand = random(field, random, flp.proveRandLen());
    List<E> queryRand = random(field, random, flp.queryRandLen());
    List<E> proof = flp.prove(meas, proveRand, jointRand);
    assertThat(proof).hasSize(flp.proofLen());
    List<List<E>> measShares = share(field, meas, numShares, random);
    List<List<E>> proofShares = share(field, proof, numShares, random);
    List<E> verifier = field.zeros(flp.verifierLen());
    for (int s = 0; s < numShares; s++) {
      List<E> share = flp.query(measShares.get(s), proofShares.get(s), queryRand, jointRand, numShares);
      for (int i = 0; i < verifier.size(); i++) {
        verifier.set(i, verifier.get(i).add(share.get(i)));
      }
    }
    return flp.decide(verifier);
  }

  /** Additive shares: random vectors for all but the last share, which makes the sum come out right. */
  private static <E extends FieldElement<E>> List<List<E>> share(Field<E> field, List<E> vector, int numShares,
      SplittableRandom random) {
    List<List<E>> shares = new ArrayList<>();
    List<E> last = new ArrayList<>(vector);
    for (int s = 1; s < numShares; s++) {
      List<E> share = random(field, random, vector.size());
      for (int i = 0; i < vector.size(); i++) {
        last.set(i, last.get(i).sub(share.get(i)));
      }
      shares.add(share);
    }
    shares.add(last);
    return shares;
  }

  @Property(tries = 200)
  void count_acceptsZeroAndOne_rejectsAnythingElse(@ForAll @IntRange(min = 0, max = 1000) int measurement,
      @ForAll @IntRange(min = 1, max = 3) int numShares, @ForAll long seed) {
    FlpBbcggi19<Field64.Element> flp = new FlpBbcggi19<>(new Count<>(F));
    boolean accepted = runFlp(flp, List.of(F.of(measurement)), numShares, seed);
    assertThat(accepted).isEqualTo(measurement <= 1);
  }

  @Property(tries = 50)
  void count_aTamperedProofIsRejected(@ForAll @IntRange(min = 0, max = 1) int measurement, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 5) int position) {
    FlpBbcggi19<Field64.Element> flp = new FlpBbcggi19<>(new Count<>(F));
    SplittableRandom random = new SplittableRandom(seed);
    List<Field64.Element> meas = List.of(F.of(measurement));
    List<Field64.Element> proof = new ArrayList<>(flp.prove(meas, random(random, flp.proveRandLen()), List.of()));
    int at = position % proof.size();
    proof.set(at, proof.get(at).add(F.one()));
    List<Field64.Element> verifier = flp.query(meas, proof, random(random, flp.queryRandLen()), List.of(), 1);
    assertThat(flp.decide(verifier)).isFalse();
  }

  /** Sum(255): every encoded value in range is accepted; any entry that is not a bit is rejected. */
  @Property(tries = 100)
  void sum_acceptsEncodedValues_rejectsNonBits(@ForAll @IntRange(min = 0, max = 255) int value,
      @ForAll @IntRange(min = 0, max = 7) int position, @ForAll @IntRange(min = 2, max = 1000) int notABit,
      @ForAll long seed) {
    Sum<Field64.Element> circuit = new Sum<>(F, 255);
    FlpBbcggi19<Field64.Element> flp = new FlpBbcggi19<>(circuit);
    List<Field64.Element> meas = circuit.encode((long) value);
    assertThat(circuit.truncate(meas)).containsExactly(F.of(value));
    assertThat(runFlp(flp, meas, 2, seed)).isTrue();
    List<Field64.Element> forged = new ArrayList<>(meas);
    forged.set(position, F.of(notABit));
    assertThat(runFlp(flp, forged, 2, seed)).isFalse();
  }

  private static final Field128 G = Field128.FIELD;

  /** Histogram(5, chunk 2): a one-hot vector is accepted; two hot buckets, none, or a non-bit are rejected. */
  @Property(tries = 40)
  void histogram_acceptsOneHot_rejectsOtherVectors(@ForAll @IntRange(min = 0, max = 4) int bucket,
      @ForAll @IntRange(min = 0, max = 4) int other, @ForAll @IntRange(min = 2, max = 3) int numShares,
      @ForAll long seed) {
    Histogram<Field128.Element> circuit = new Histogram<>(G, 5, 2);
    FlpBbcggi19<Field128.Element> flp = new FlpBbcggi19<>(circuit);
    List<Field128.Element> oneHot = circuit.encode(bucket);
    assertThat(runFlp(flp, oneHot, numShares, seed)).isTrue();
    List<Field128.Element> forged = new ArrayList<>(oneHot);
    forged.set(other, other == bucket ? G.zero() : G.one()); // none hot, or two hot
    assertThat(runFlp(flp, forged, numShares, seed)).isFalse();
    List<Field128.Element> notBits = new ArrayList<>(G.zeros(5));
    notBits.set(bucket, G.of(2));
    notBits.set(other == bucket ? (bucket + 1) % 5 : other, G.of(-1)); // adds up to 1, but not bits
    assertThat(runFlp(flp, notBits, numShares, seed)).isFalse();
  }

  /** MultihotCountVec(6, max weight 2): weights 0..2 accepted; a misreported weight is rejected. */
  @Property(tries = 40)
  void multihot_acceptsUpToMaxWeight_rejectsAMisreportedWeight(@ForAll @IntRange(min = 0, max = 63) int pattern,
      @ForAll long seed) {
    MultihotCountVec<Field128.Element> circuit = new MultihotCountVec<>(G, 6, 2, 3);
    FlpBbcggi19<Field128.Element> flp = new FlpBbcggi19<>(circuit);
    List<Boolean> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      entries.add((pattern >>> i & 1) == 1);
    }
    int weight = Integer.bitCount(pattern);
    if (weight <= 2) {
      assertThat(runFlp(flp, circuit.encode(entries), 2, seed)).isTrue();
    } else {
      // Report a weight of 2 (the largest that encodes) for more set entries: rejected.
      List<Boolean> lighter = new ArrayList<>(java.util.Collections.nCopies(6, false));
      lighter.set(0, true);
      lighter.set(1, true);
      List<Field128.Element> forged = new ArrayList<>(circuit.encode(lighter));
      for (int i = 0; i < 6; i++) {
        forged.set(i, entries.get(i) ? G.one() : G.zero());
      }
      assertThat(runFlp(flp, forged, 2, seed)).isFalse();
    }
  }
}
