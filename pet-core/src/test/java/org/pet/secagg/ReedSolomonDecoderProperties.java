package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Gao decoding of Shamir shares over Z_p, p = 2^521 - 1: random polynomials, random wrong values. */
class ReedSolomonDecoderProperties {

  private static final BigInteger P = ShamirInterpolation.PRIME;

  /** Shares of a random polynomial of degree below t at r distinct indices in [1, 300]. */
  private record Codeword(BigInteger[] coefficients, int[] xs, BigInteger[] ys) {}

  private static Codeword codeword(Random random, int r, int t) {
    BigInteger[] f = new BigInteger[t];
    for (int i = 0; i < t; i++) {
      f[i] = ShamirInterpolation.uniformFieldElement(random);
    }
    List<Integer> indices = new ArrayList<>();
    for (int x = 1; x <= 300; x++) {
      indices.add(x);
    }
    Collections.shuffle(indices, random);
    int[] xs = indices.subList(0, r).stream().mapToInt(Integer::intValue).toArray();
    BigInteger[] ys = new BigInteger[r];
    for (int i = 0; i < r; i++) {
      ys[i] = ReedSolomonDecoder.evaluate(f, BigInteger.valueOf(xs[i]));
    }
    return new Codeword(f, xs, ys);
  }

  /** Replaces the values at {@code count} random positions by other random values; returns them sorted. */
  private static List<Integer> corrupt(Random random, BigInteger[] ys, int count) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < ys.length; i++) {
      positions.add(i);
    }
    Collections.shuffle(positions, random);
    List<Integer> chosen = new ArrayList<>(positions.subList(0, count));
    for (int position : chosen) {
      BigInteger wrong;
      do {
        wrong = ShamirInterpolation.uniformFieldElement(random);
      } while (wrong.equals(ys[position]));
      ys[position] = wrong;
    }
    Collections.sort(chosen);
    return chosen;
  }

  @Property(tries = 60)
  void upToHalfTheRedundancyWrong_decodesThePolynomialAndFindsEveryWrongValue(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 30) int t, @ForAll @IntRange(min = 0, max = 30) int redundancy) {
    Random random = new Random(seed);
    int r = t + redundancy;
    Codeword codeword = codeword(random, r, t);
    int errors = random.nextInt(ReedSolomonDecoder.correctable(r, t) + 1);
    List<Integer> wrong = corrupt(random, codeword.ys(), errors);

    ReedSolomonDecoder.Decoded decoded = ReedSolomonDecoder.decode(codeword.xs(), codeword.ys(), t);
    assertThat(decoded.coefficients()).isEqualTo(codeword.coefficients());
    assertThat(decoded.errors()).containsExactly(wrong.stream().mapToInt(Integer::intValue).toArray());
  }

  @Property(tries = 60)
  void moreWrongValuesThanCorrectable_fail(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int t,
      @ForAll @IntRange(min = 1, max = 30) int redundancy) {
    // (Without redundancy every set of values is a codeword: nothing can be detected.)
    Random random = new Random(seed);
    int r = t + redundancy;
    int errors = ReedSolomonDecoder.correctable(r, t) + 1;
    Codeword codeword = codeword(random, r, t);
    corrupt(random, codeword.ys(), errors);
    // Random wrong values land within the decoding radius of another polynomial with probability ~1/p.
    assertThatThrownBy(() -> ReedSolomonDecoder.decode(codeword.xs(), codeword.ys(), t))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be corrected");
  }

  @Property(tries = 30)
  void interpolation_passesThroughEveryPoint(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int r) {
    Random random = new Random(seed);
    Codeword points = codeword(random, r, r);
    BigInteger[] polynomial = ReedSolomonDecoder.interpolate(points.xs(), points.ys());
    for (int i = 0; i < r; i++) {
      assertThat(ReedSolomonDecoder.evaluate(polynomial, BigInteger.valueOf(points.xs()[i]))).isEqualTo(points.ys()[i].mod(P));
    }
  }
}
