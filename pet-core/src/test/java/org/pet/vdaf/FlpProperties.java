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

  private static List<Field64.Element> random(SplittableRandom random, int length) {
    List<Field64.Element> values = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      values.add(F.of(random.nextLong(0, Long.MAX_VALUE)));
    }
    return values;
  }

  static boolean runFlp(FlpBbcggi19<Field64.Element> flp, List<Field64.Element> meas, int numShares, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Field64.Element> jointRand = random(random, flp.valid.jointRandLen());
    List<Field64.Element> proveRand = random(random, flp.proveRandLen());
    List<Field64.Element> queryRand = random(random, flp.queryRandLen());
    List<Field64.Element> proof = flp.prove(meas, proveRand, jointRand);
    assertThat(proof).hasSize(flp.proofLen());
    List<List<Field64.Element>> measShares = share(meas, numShares, random);
    List<List<Field64.Element>> proofShares = share(proof, numShares, random);
    List<Field64.Element> verifier = F.zeros(flp.verifierLen());
    for (int s = 0; s < numShares; s++) {
      List<Field64.Element> share = flp.query(measShares.get(s), proofShares.get(s), queryRand, jointRand, numShares);
      for (int i = 0; i < verifier.size(); i++) {
        verifier.set(i, verifier.get(i).add(share.get(i)));
      }
    }
    return flp.decide(verifier);
  }

  /** Additive shares: random vectors for all but the last share, which makes the sum come out right. */
  private static List<List<Field64.Element>> share(List<Field64.Element> vector, int numShares, SplittableRandom random) {
    List<List<Field64.Element>> shares = new ArrayList<>();
    List<Field64.Element> last = new ArrayList<>(vector);
    for (int s = 1; s < numShares; s++) {
      List<Field64.Element> share = random(random, vector.size());
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
}
