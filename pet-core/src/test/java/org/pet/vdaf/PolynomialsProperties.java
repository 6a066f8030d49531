package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The NTT and the Lagrange-basis operations agree with the monomial basis: values at the roots of unity
 * interpolate back, evaluate anywhere, double, multiply and extend as the polynomial itself does.
 */
class PolynomialsProperties {

  private static final Field64 F = Field64.FIELD;

  private static List<Field64.Element> random(SplittableRandom random, int length) {
    List<Field64.Element> p = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      p.add(F.of(random.nextLong(0, Long.MAX_VALUE)));
    }
    return p;
  }

  @Property(tries = 100)
  void nttAndInverse_roundTrip_andAreEvaluationsAtTheRoots(@ForAll @IntRange(min = 0, max = 5) int logN,
      @ForAll long seed) {
    int n = 1 << logN;
    SplittableRandom random = new SplittableRandom(seed);
    List<Field64.Element> p = random(random, n);
    List<Field64.Element> values = F.ntt(p, n, false);
    assertThat(F.invNtt(values, n)).isEqualTo(p);
    List<Field64.Element> roots = F.nthRootPowers(n);
    for (int i = 0; i < n; i++) {
      assertThat(values.get(i)).isEqualTo(Polynomials.evalMonomial(F, p, roots.get(i)));
    }
    assertThat(F.nthRoot(n).pow(java.math.BigInteger.valueOf(n))).isEqualTo(F.one());
  }

  @Property(tries = 100)
  void lagrangeEval_isTheMonomialValue_andDoublingAndProductsAgree(@ForAll @IntRange(min = 0, max = 5) int logN,
      @ForAll long seed) {
    int n = 1 << logN;
    SplittableRandom random = new SplittableRandom(seed);
    List<Field64.Element> p = random(random, n);
    List<Field64.Element> q = random(random, n);
    Field64.Element x = F.of(random.nextLong(0, Long.MAX_VALUE));
    List<Field64.Element> pValues = F.ntt(p, n, false);
    List<Field64.Element> qValues = F.ntt(q, n, false);
    assertThat(Polynomials.lagrangeEval(F, pValues, x)).isEqualTo(Polynomials.evalMonomial(F, p, x));
    assertThat(Polynomials.lagrangeEvalBatched(F, List.of(pValues, qValues), x))
        .containsExactly(Polynomials.evalMonomial(F, p, x), Polynomials.evalMonomial(F, q, x));
    assertThat(Polynomials.doubleEvaluations(F, pValues)).isEqualTo(F.ntt(p, 2 * n, false));
    List<Field64.Element> product = new ArrayList<>(F.zeros(2 * n));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        product.set(i + j, product.get(i + j).add(p.get(i).mul(q.get(j))));
      }
    }
    assertThat(Polynomials.lagrangeMul(F, pValues, qValues)).isEqualTo(F.ntt(product, 2 * n, false));
  }

  @Property(tries = 100)
  void extendValues_givesThePolynomialsValuesAtTheRemainingRoots(@ForAll @IntRange(min = 1, max = 5) int logN,
      @ForAll @IntRange(min = 1, max = 32) int degreeBound, @ForAll long seed) {
    int n = 1 << logN;
    int k = Math.min(degreeBound, n);
    List<Field64.Element> p = random(new SplittableRandom(seed), k); // degree below k
    List<Field64.Element> all = F.ntt(p, n, false);
    List<Field64.Element> extended = new ArrayList<>(all.subList(0, k));
    Polynomials.extendValuesToPowerOfTwo(F, extended, n);
    assertThat(extended).isEqualTo(all);
  }

  @Property(tries = 20)
  void field128_nttRoundTrips(@ForAll @IntRange(min = 0, max = 4) int logN, @ForAll long seed) {
    int n = 1 << logN;
    SplittableRandom random = new SplittableRandom(seed);
    List<Field128.Element> p = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      p.add(Field128.FIELD.of(random.nextLong(0, Long.MAX_VALUE)).mul(Field128.FIELD.of(random.nextLong(1, Long.MAX_VALUE))));
    }
    List<Field128.Element> values = Field128.FIELD.ntt(p, n, false);
    assertThat(Field128.FIELD.invNtt(values, n)).isEqualTo(p);
    assertThat(Polynomials.doubleEvaluations(Field128.FIELD, values)).isEqualTo(Field128.FIELD.ntt(p, 2 * n, false));
  }
}
