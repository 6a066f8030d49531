package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.dp.DiscreteGaussianNoise;
import org.pet.dp.DiscreteGaussianSampler;
import org.pet.dp.accounting.ZeroConcentratedDp;
import org.pet.secagg.DistributedNoise.Mechanism;
import org.pet.secagg.DistributedNoise.PrivacyGuarantee;

class DistributedNoiseTest {

  private static final int ROUNDS = 20_000;
  /** Standard errors allowed: a two-sided false alarm of about 6.8e-6 per check. */
  private static final double STANDARD_ERRORS = 4.5;
  private static final double EPSILON = 1;
  private static final double DELTA = 1e-6;

  private static DistributedNoise gaussian(int minimumSurvivors) {
    return DistributedNoise.discreteGaussian(EPSILON, DELTA, 1, 1, minimumSurvivors);
  }

  /** The summed noise of {@code clients} shares on a zero vector of length 1, over many rounds. */
  private record RoundMoments(double mean, double variance, int rounds) {

    static RoundMoments simulate(DistributedNoise noise, int clients) {
      double sum = 0;
      double sumOfSquares = 0;
      for (int round = 0; round < ROUNDS; round++) {
        long[] vector = new long[1];
        for (int client = 0; client < clients; client++) {
          noise.addShareTo(vector);
        }
        sum += vector[0];
        sumOfSquares += (double) vector[0] * vector[0];
      }
      double mean = sum / ROUNDS;
      return new RoundMoments(mean, (sumOfSquares - ROUNDS * mean * mean) / (ROUNDS - 1), ROUNDS);
    }

    /** Mean within 4.5 standard errors of 0, variance within 4.5 of its own standard error. */
    void assertMatches(double trueVariance, double kurtosisBound) {
      double meanError = Math.sqrt(trueVariance / rounds);
      double varianceError = Math.sqrt((kurtosisBound - 1) / rounds) * trueVariance;
      assertThat(mean).as("mean").isCloseTo(0, within(STANDARD_ERRORS * meanError));
      assertThat(variance).as("variance").isCloseTo(trueVariance, within(STANDARD_ERRORS * varianceError));
    }
  }

  // ---- statistics of the shares ----

  @ParameterizedTest
  @CsvSource({"3, 3, 41", "10, 10, 42", "3, 7, 43"})
  void addShareTo_gaussianSurvivorsSum_meanZeroAndExactVariance(int threshold, int survivors, long seed) {
    DistributedNoise noise = gaussian(threshold).withRandom(new SplittableRandom(seed));
    double perClient = DiscreteGaussianSampler.withSigma(noise.perClientSigma()).variance();
    assertThat(noise.totalVariance(survivors)).isCloseTo(survivors * perClient, within(1e-12 * perClient));
    // A sum of discrete Gaussians with sigma >= 1 has kurtosis 3 up to e^-(2 pi^2 sigma^2); 3.1 bounds it.
    RoundMoments.simulate(noise, survivors).assertMatches(noise.totalVariance(survivors), 3.1);
  }

  @Test
  void addShareTo_laplaceThresholdSum_isDiscreteLaplace() {
    int threshold = 4;
    DistributedNoise noise = DistributedNoise.discreteLaplace(0.5, 1, 1, threshold)
        .withRandom(new SplittableRandom(44));
    double p = Math.exp(-0.5);
    int radius = 8;
    int[] counts = new int[2 * radius + 1];
    for (int round = 0; round < ROUNDS; round++) {
      long[] vector = new long[1];
      for (int client = 0; client < threshold; client++) {
        noise.addShareTo(vector);
      }
      if (Math.abs(vector[0]) <= radius) {
        counts[(int) vector[0] + radius]++;
      }
    }
    for (int z = -radius; z <= radius; z++) {
      double expected = ROUNDS * (1 - p) / (1 + p) * Math.pow(p, Math.abs(z));
      // 5 binomial standard deviations (+1): a false alarm below 6e-7 per value.
      assertThat((double) counts[z + radius]).as("count of %d", z)
          .isCloseTo(expected, within(5 * Math.sqrt(expected) + 1));
    }
  }

  @Test
  void addShareTo_laplaceThresholdSum_meanZeroAndDiscreteLaplaceVariance() {
    DistributedNoise noise = DistributedNoise.discreteLaplace(0.5, 1, 1, 5)
        .withRandom(new SplittableRandom(45));
    double p = Math.exp(-0.5);
    assertThat(noise.totalVariance(5)).isCloseTo(2 * p / ((1 - p) * (1 - p)), within(1e-12));
    // Kurtosis of the discrete Laplace: (1 + 10 p + p^2) / (2 p) = 6.13 here.
    RoundMoments.simulate(noise, 5).assertMatches(noise.totalVariance(5), (1 + 10 * p + p * p) / (2 * p));
  }

  @Test
  void polyaSampler_frequenciesMatchNegativeBinomial() {
    int shares = 3;
    double scale = 2.5;
    PolyaSampler sampler = new PolyaSampler(scale, shares, new SplittableRandom(46));
    double p = Math.exp(-1 / scale);
    double r = 1.0 / shares;
    int n = 100_000;
    int radius = 12;
    int[] counts = new int[radius + 1];
    for (int i = 0; i < n; i++) {
      long k = sampler.sample();
      assertThat(k).isNotNegative();
      if (k <= radius) {
        counts[(int) k]++;
      }
    }
    // P(X = k) = C(r + k - 1, k) p^k (1 - p)^r, by the recursion P(k + 1) = P(k) p (r + k) / (k + 1).
    double probability = Math.pow(1 - p, r);
    for (int k = 0; k <= radius; k++) {
      double expected = n * probability;
      // 5 binomial standard deviations (+1): a false alarm below 6e-7 per value.
      assertThat((double) counts[k]).as("count of %d", k)
          .isCloseTo(expected, within(5 * Math.sqrt(expected) + 1));
      probability *= p * (r + k) / (k + 1);
    }
  }

  @Test
  void addShareTo_wrapsModuloTwoToThe64() {
    DistributedNoise noise = DistributedNoise.discreteGaussian(1, 1e-6, 1, 3, 3);
    long[] fromZero = new long[3];
    long[] fromTop = {Long.MAX_VALUE, Long.MIN_VALUE, -1};
    noise.withRandom(new SplittableRandom(47)).addShareTo(fromZero);
    noise.withRandom(new SplittableRandom(47)).addShareTo(fromTop);
    assertThat(fromTop).containsExactly(
        Long.MAX_VALUE + fromZero[0], Long.MIN_VALUE + fromZero[1], -1 + fromZero[2]);
    assertThat(fromZero).isNotEqualTo(new long[3]);
  }

  // ---- privacy of the discrete Gaussian sum ----

  @ParameterizedTest
  @CsvSource({"1, 1e-6, 1, 1, 1", "1, 1e-6, 1, 1, 3", "1, 1e-6, 1, 1, 10", "0.5, 1e-8, 3, 100, 5",
      "2, 1e-6, 10, 1000, 20", "0.1, 1e-10, 1, 1, 1000", "8, 1e-3, 1, 50, 200"})
  void achievedFor_minimumSurvivors_meetsTargetAndSigmaIsTight(
      double epsilon, double delta, double l2, int dimension, int threshold) {
    DistributedNoise noise = DistributedNoise.discreteGaussian(epsilon, delta, l2, dimension, threshold);
    PrivacyGuarantee achieved = noise.achievedFor(threshold);
    assertThat(achieved.epsilon()).isLessThanOrEqualTo(epsilon * (1 + 1e-9));
    assertThat(achieved.delta()).isLessThanOrEqualTo(delta);
    double sigma = noise.perClientSigma();
    if (sigma * 0.99 >= DiscreteGaussianSum.MIN_SIGMA) {
      assertThat(DiscreteGaussianSum.epsilon(sigma * 0.99, delta, l2, dimension, threshold))
          .as("epsilon at 0.99 sigma").isGreaterThan(epsilon);
    }
  }

  @Test
  void achievedFor_moreSurvivors_neverWeakerAndBelowThresholdWeaker() {
    DistributedNoise noise = gaussian(10);
    double previous = Double.POSITIVE_INFINITY;
    for (int survivors = 1; survivors <= 300; survivors++) {
      double epsilon = noise.achievedFor(survivors).epsilon();
      assertThat(epsilon).as("epsilon for %d survivors", survivors).isLessThanOrEqualTo(previous);
      assertThat(epsilon > EPSILON).as("above target for %d survivors", survivors).isEqualTo(survivors < 10);
      previous = epsilon;
    }
  }

  @Test
  void achievedFor_manySurvivorsOfSmallSigma_staysWithinTarget() {
    // With t = 100,000 the per-client sigma is below 1, tau grows with every share, and the theorem's
    // bound for all m shares alone would exceed the target; the prefix minimum keeps the guarantee.
    DistributedNoise noise = gaussian(100_000);
    assertThat(noise.perClientSigma()).isLessThan(1);
    assertThat(noise.achievedFor(Integer.MAX_VALUE).epsilon()).isLessThanOrEqualTo(EPSILON);
  }

  @ParameterizedTest
  @CsvSource({"1, 4.530877117036444", "3, 2.615903123186106", "10, 1.432789251993586"})
  void perClientSigma_pinnedExamples(int threshold, double expectedSigma) {
    // Expected values from an independent 40-digit evaluation of the same formulas (mpmath).
    assertThat(gaussian(threshold).perClientSigma()).isCloseTo(expectedSigma, within(1e-9 * expectedSigma));
  }

  @Test
  void concentratedRho_singleSurvivor_isCentralDiscreteGaussian() {
    DistributedNoise noise = gaussian(1);
    double sigma = noise.perClientSigma();
    // m = 1: tau = 0, epsHat = D2 / sigma, the discrete Gaussian's (D2^2 / (2 sigma^2))-zCDP.
    assertThat(noise.concentratedRho(1)).isCloseTo(1 / (2 * sigma * sigma), within(1e-15));
    assertThat(noise.achievedFor(1).epsilon())
        .isEqualTo(ZeroConcentratedDp.epsilon(1 / (2 * sigma * sigma), DELTA));
    // The zCDP route is a little looser than the exact central discrete Gaussian calibration.
    double exactCentral = new DiscreteGaussianNoise().sampler(1, EPSILON, DELTA).sigma();
    assertThat(sigma).isBetween(exactCentral, 1.25 * exactCentral);
  }

  @Test
  void rho_matchesIndependentEvaluationOfTheTheorem() {
    // sigma = 0.6, D2 = 1.3, d = 5: tau is large enough that 2 shares bound worse than 1 share.
    double sigma = 0.6;
    double l2 = 1.3;
    int dimension = 5;
    double[] bare = new double[5];
    for (int m = 1; m <= 4; m++) {
      double tau = 0;
      for (int k = 1; k < m; k++) {
        tau += 10 * Math.exp(-2 * Math.PI * Math.PI * sigma * sigma * k / (k + 1));
      }
      double a = l2 / (Math.sqrt(m) * sigma);
      double epsHat = Math.min(Math.sqrt(a * a + 2 * tau * dimension), a + tau * Math.sqrt(dimension));
      bare[m] = epsHat * epsHat / 2;
    }
    assertThat(bare[2]).isGreaterThan(bare[1]);
    assertThat(DiscreteGaussianSum.rho(sigma, l2, dimension, 1)).isCloseTo(bare[1], within(1e-12));
    assertThat(DiscreteGaussianSum.rho(sigma, l2, dimension, 2)).isCloseTo(bare[1], within(1e-12));
    assertThat(DiscreteGaussianSum.rho(sigma, l2, dimension, 4)).isCloseTo(bare[4], within(1e-12));
    // Pinned from a 40-digit evaluation: 1.69 / 0.72 and the m = 4 bound.
    assertThat(bare[1]).isCloseTo(2.347222222222222, within(1e-12));
    assertThat(bare[4]).isCloseTo(2.056280891129043, within(1e-12));
  }

  // ---- the zCDP to (epsilon, delta) conversion ----

  @Test
  void zcdpEpsilon_pinnedAndTighterThanClassical() {
    double rho = 0.025;
    double epsilon = ZeroConcentratedDp.epsilon(rho, 1e-6);
    // 40-digit evaluation of the Canonne-Kamath-Steinke infimum.
    assertThat(epsilon).isCloseTo(1.0140742547261279, within(1e-12));
    assertThat(epsilon).isLessThan(rho + 2 * Math.sqrt(rho * Math.log(1e6)));
  }

  @Test
  void zcdpEpsilon_deltaFormAgrees() {
    double rho = 0.3;
    double delta = 1e-9;
    double epsilon = ZeroConcentratedDp.epsilon(rho, delta);
    assertThat(cksDelta(rho, epsilon)).isLessThanOrEqualTo(delta * (1 + 1e-9));
    assertThat(cksDelta(rho, epsilon * (1 - 1e-6))).isGreaterThan(delta);
  }

  /**
   * The delta form of the same conversion, computed independently of the production code:
   * min over alpha &gt; 1 of exp((alpha - 1)(alpha rho - epsilon)) (1 - 1/alpha)^alpha / (alpha - 1), by
   * ternary search on its logarithm (convex in alpha) up to (epsilon + 1) / (2 rho) + 2, beyond which it
   * increases.
   */
  static double cksDelta(double rho, double epsilon) {
    DoubleUnaryOperator logDelta = alpha -> (alpha - 1) * (alpha * rho - epsilon)
        + alpha * Math.log(1 - 1 / alpha) - Math.log(alpha - 1);
    double lo = 1;
    double hi = (epsilon + 1) / (2 * rho) + 2;
    for (int i = 0; i < 400; i++) {
      double left = lo + (hi - lo) / 3;
      double right = hi - (hi - lo) / 3;
      if (logDelta.applyAsDouble(left) < logDelta.applyAsDouble(right)) {
        hi = right;
      } else {
        lo = left;
      }
    }
    return Math.exp(logDelta.applyAsDouble(0.5 * (lo + hi)));
  }

  // ---- the pure discrete Laplace mechanism ----

  @Test
  void discreteLaplace_achievedFor_pureAndMonotone() {
    DistributedNoise noise = DistributedNoise.discreteLaplace(0.7, 3, 2, 6);
    assertThat(noise.mechanism()).isEqualTo(Mechanism.DISCRETE_LAPLACE);
    assertThat(noise.target()).isEqualTo(new PrivacyGuarantee(0.7, 0));
    double previous = Double.POSITIVE_INFINITY;
    for (int survivors = 1; survivors <= 20; survivors++) {
      PrivacyGuarantee achieved = noise.achievedFor(survivors);
      assertThat(achieved.delta()).isZero();
      assertThat(achieved.epsilon()).isLessThanOrEqualTo(previous);
      double expected = survivors >= 6 ? 0.7 : 0.7 + 3 * Math.log(6.0 / survivors);
      assertThat(achieved.epsilon()).isCloseTo(expected, within(1e-12));
      assertThat(noise.concentratedRho(survivors)).isCloseTo(expected * expected / 2, within(1e-12));
      previous = achieved.epsilon();
    }
  }

  @Test
  void discreteLaplace_tooManyProposals_throwsNamingScale() {
    assertThatThrownBy(() -> DistributedNoise.discreteLaplace(0.01, 1000, 1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`l1Sensitivity / epsilon`");
  }

  @Test
  void perClientSigma_onDiscreteLaplace_throwsIllegalState() {
    DistributedNoise noise = DistributedNoise.discreteLaplace(1, 1, 1, 2);
    assertThatThrownBy(noise::perClientSigma).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toString_namesParametersOnly() {
    assertThat(gaussian(3).toString())
        .contains("DISCRETE_GAUSSIAN", "perClientSigma=2.6159", "minimumSurvivors=3");
  }

  // ---- invalid parameters: one test per parameter ----

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void discreteGaussian_badEpsilon_throwsNamingEpsilon(double epsilon) {
    assertThatThrownBy(() -> DistributedNoise.discreteGaussian(epsilon, DELTA, 1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`epsilon` must be finite and > 0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -1e-9, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
  void discreteGaussian_badDelta_throwsNamingDelta(double delta) {
    assertThatThrownBy(() -> DistributedNoise.discreteGaussian(EPSILON, delta, 1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta` must be in (0, 1)");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -2, Double.NaN, Double.POSITIVE_INFINITY})
  void discreteGaussian_badL2Sensitivity_throwsNamingIt(double l2) {
    assertThatThrownBy(() -> DistributedNoise.discreteGaussian(EPSILON, DELTA, l2, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`l2Sensitivity`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void discreteGaussian_badDimension_throwsNamingIt(int dimension) {
    assertThatThrownBy(() -> DistributedNoise.discreteGaussian(EPSILON, DELTA, 1, dimension, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`dimension` must be >= 1");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void discreteGaussian_badMinimumSurvivors_throwsNamingIt(int threshold) {
    assertThatThrownBy(() -> DistributedNoise.discreteGaussian(EPSILON, DELTA, 1, 1, threshold))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`minimumSurvivors` must be >= 1");
  }

  @Test
  void discreteGaussian_sigmaAboveSamplerRange_throws() {
    assertThatThrownBy(() -> DistributedNoise.discreteGaussian(EPSILON, DELTA, 1e16, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^50");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void discreteLaplace_badEpsilon_throwsNamingEpsilon(double epsilon) {
    assertThatThrownBy(() -> DistributedNoise.discreteLaplace(epsilon, 1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void discreteLaplace_badL1Sensitivity_throwsNamingIt(double l1) {
    assertThatThrownBy(() -> DistributedNoise.discreteLaplace(1, l1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`l1Sensitivity`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5})
  void discreteLaplace_badDimension_throwsNamingIt(int dimension) {
    assertThatThrownBy(() -> DistributedNoise.discreteLaplace(1, 1, dimension, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`dimension`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5})
  void discreteLaplace_badMinimumSurvivors_throwsNamingIt(int threshold) {
    assertThatThrownBy(() -> DistributedNoise.discreteLaplace(1, 1, 1, threshold))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`minimumSurvivors`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void achievedFor_badSurvivors_throwsNamingIt(int survivors) {
    assertThatThrownBy(() -> gaussian(3).achievedFor(survivors))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`survivors` must be >= 1");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void totalVariance_badSurvivors_throwsNamingIt(int survivors) {
    assertThatThrownBy(() -> gaussian(3).totalVariance(survivors))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`survivors`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void concentratedRho_badSurvivors_throwsNamingIt(int survivors) {
    assertThatThrownBy(() -> gaussian(3).concentratedRho(survivors))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`survivors`");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 4})
  void addShareTo_wrongLength_throwsNamingIt(int length) {
    DistributedNoise noise = DistributedNoise.discreteGaussian(EPSILON, DELTA, 1, 3, 3);
    assertThatThrownBy(() -> noise.addShareTo(new long[length]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`vector.length`");
  }

  @Test
  void addShareTo_null_throwsNullPointer() {
    assertThatThrownBy(() -> gaussian(3).addShareTo(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void withRandom_null_throwsNullPointer() {
    assertThatThrownBy(() -> gaussian(3).withRandom(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, Double.NaN, Double.POSITIVE_INFINITY})
  void privacyGuarantee_badEpsilon_throwsNamingIt(double epsilon) {
    assertThatThrownBy(() -> new PrivacyGuarantee(epsilon, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, 1, Double.NaN})
  void privacyGuarantee_badDelta_throwsNamingIt(double delta) {
    assertThatThrownBy(() -> new PrivacyGuarantee(1, delta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
  }
}
