package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Reconstruction from exactly t shares plus a parity check agrees with the textbook reference: Lagrange
 * interpolation at 0 from the first t shares and at every further share's index, as combine did before.
 */
class ShamirInterpolationProperties {

  private static final BigInteger P = ShamirInterpolation.PRIME;

  /** sum_j y_j prod_{m != j} (at - x_m) / (x_j - x_m) mod p over the given points. */
  private static BigInteger lagrange(List<Integer> xs, List<BigInteger> ys, int at) {
    BigInteger sum = BigInteger.ZERO;
    for (int j = 0; j < xs.size(); j++) {
      BigInteger term = ys.get(j);
      for (int m = 0; m < xs.size(); m++) {
        if (m != j) {
          term = term.multiply(BigInteger.valueOf(at - xs.get(m)))
              .multiply(BigInteger.valueOf(xs.get(j) - xs.get(m)).modInverse(P)).mod(P);
        }
      }
      sum = sum.add(term);
    }
    return sum.mod(P);
  }

  /** The reference combine: f(0) from the first t shares, every further share checked to lie on f. */
  private static byte[] referenceCombine(List<ShamirSecretSharing.Share> shares, int t) {
    List<Integer> xs = shares.stream().map(ShamirSecretSharing.Share::index).toList();
    List<BigInteger> ys = shares.stream().map(ShamirSecretSharing.Share::value).toList();
    for (int e = t; e < shares.size(); e++) {
      if (!lagrange(xs.subList(0, t), ys.subList(0, t), xs.get(e)).equals(ys.get(e))) {
        throw new IllegalArgumentException("inconsistent");
      }
    }
    BigInteger embedded = lagrange(xs.subList(0, t), ys.subList(0, t), 0);
    int length = shares.get(0).secretLength();
    if (embedded.bitLength() != 8 * length + 1) {
      throw new IllegalArgumentException("no valid secret");
    }
    byte[] withMarker = embedded.toByteArray();
    return Arrays.copyOfRange(withMarker, withMarker.length - length, withMarker.length);
  }

  /**
   * Any subset of at least t shares in any order, with or without one corrupted share anywhere: the
   * same secret as the reference, or a failure exactly where the reference fails.
   */
  @Property(tries = 300)
  void combine_anySharesWithOrWithoutCorruption_agreesWithFullInterpolation(
      @ForAll @Size(min = 1, max = 64) byte[] secret, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int threshold = 2 + random.nextInt(8);
    int extra = random.nextInt(8);
    ShamirSecretSharing shamir = new ShamirSecretSharing(threshold, threshold + extra);
    List<ShamirSecretSharing.Share> shares = new ArrayList<>(shamir.split(secret));
    Collections.shuffle(shares, new Random(seed));
    List<ShamirSecretSharing.Share> used = new ArrayList<>(shares.subList(0, threshold + random.nextInt(extra + 1)));
    if (random.nextBoolean()) {
      int victim = random.nextInt(used.size());
      ShamirSecretSharing.Share good = used.get(victim);
      BigInteger shift = BigInteger.valueOf(1 + random.nextInt(1 << 20));
      used.set(victim, new ShamirSecretSharing.Share(good.index(), good.secretLength(), good.value().add(shift).mod(P)));
    }
    byte[] expected;
    try {
      expected = referenceCombine(used, threshold);
    } catch (IllegalArgumentException referenceRejects) {
      assertThatThrownBy(() -> shamir.combine(used)).isInstanceOf(IllegalArgumentException.class);
      return;
    }
    assertThat(shamir.combine(used)).isEqualTo(expected);
  }

  /** Distinct share indices anywhere in [1, 2^16]. */
  private static int[] scatteredIndices(int count, SplittableRandom random) {
    return random.ints(1, ShamirSecretSharing.MAX_SHARES + 1).distinct().limit(count).toArray();
  }

  /** Large, scattered indices (up to 2^16): the coefficients at 0 equal the textbook ones. */
  @Property(tries = 100)
  void atZero_scatteredIndices_matchesLagrangeAtZero(
      @ForAll @IntRange(min = 2, max = 40) int threshold, @ForAll @IntRange(min = 0, max = 10) int extra,
      @ForAll long seed) {
    int[] indices = scatteredIndices(threshold + extra, new SplittableRandom(seed));
    List<BigInteger> values = new ArrayList<>();
    for (int i = 0; i < indices.length; i++) {
      values.add(new BigInteger(520, new Random(seed + i)));
    }
    ShamirInterpolation interpolation = new ShamirInterpolation(indices, threshold, new Random(seed));
    List<Integer> nodes = Arrays.stream(indices).limit(threshold).boxed().toList();
    assertThat(interpolation.atZero(values)).isEqualTo(lagrange(nodes, values.subList(0, threshold), 0));
  }

  /** Values of one polynomial of degree below t pass the parity check; changing any one value fails it. */
  @Property(tries = 150)
  void consistent_exactlyForValuesOfOnePolynomial(
      @ForAll @IntRange(min = 2, max = 30) int threshold, @ForAll @IntRange(min = 1, max = 20) int extra,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] indices = scatteredIndices(threshold + extra, random);
    BigInteger[] coefficients = new BigInteger[threshold];
    for (int k = 0; k < threshold; k++) {
      coefficients[k] = new BigInteger(521, new Random(seed + k)).mod(P);
    }
    List<BigInteger> values = new ArrayList<>();
    for (int x : indices) {
      BigInteger value = BigInteger.ZERO;
      for (int k = threshold - 1; k >= 0; k--) {
        value = value.multiply(BigInteger.valueOf(x)).add(coefficients[k]).mod(P);
      }
      values.add(value);
    }
    ShamirInterpolation interpolation = new ShamirInterpolation(indices, threshold, new Random(~seed));
    assertThat(interpolation.consistent(values)).isTrue();
    assertThat(interpolation.atZero(values)).isEqualTo(coefficients[0]);
    int victim = random.nextInt(indices.length);
    values.set(victim, values.get(victim).add(BigInteger.ONE).mod(P));
    assertThat(interpolation.consistent(values)).isFalse();
  }
}
