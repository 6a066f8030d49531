package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mechanism rejects each class of bad parameter with an IllegalArgumentException naming it. */
class NoiseValidationTest {

  private static final double[] BAD_POSITIVE = {0, -1, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY};

  /** A mechanism with a valid delta for it. */
  private record Case(Noise noise, Double delta) {
    @Override
    public String toString() {
      return noise.getMechanismType().toString();
    }
  }

  static Stream<Case> cases() {
    return Stream.of(new Case(new LaplaceNoise(), null), new Case(new GaussianNoise(), 1e-5),
        new Case(new DiscreteLaplaceNoise(), null), new Case(new DiscreteGaussianNoise(), 1e-5));
  }

  static Stream<Arguments> badEpsilons() {
    return cases().flatMap(c -> Stream.of(0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY)
        .map(eps -> Arguments.of(c, eps)));
  }

  @ParameterizedTest
  @MethodSource("badEpsilons")
  void addNoise_badEpsilon_throwsNamingEpsilon(Case c, double epsilon) {
    assertThatThrownBy(() -> c.noise().addNoise(1.0, 1, 1.0, epsilon, c.delta()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
    assertThatThrownBy(() -> c.noise().addNoise(1L, 1, 1L, epsilon, c.delta()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void addNoise_badL0_throwsNamingIt(Case c) {
    for (int l0 : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> c.noise().addNoise(1.0, l0, 1.0, 1.0, c.delta()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`l0Sensitivity`");
      assertThatThrownBy(() -> c.noise().addNoise(1L, l0, 1L, 1.0, c.delta()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`l0Sensitivity`");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void addNoise_badLInf_throwsNamingIt(Case c) {
    for (double lInf : BAD_POSITIVE) {
      assertThatThrownBy(() -> c.noise().addNoise(1.0, 1, lInf, 1.0, c.delta()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`lInfSensitivity`");
    }
    for (long lInf : new long[] {0, -1, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> c.noise().addNoise(1L, 1, lInf, 1.0, c.delta()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`lInfSensitivity`");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void addNoise_deltaOfTheWrongKind_throwsNamingDelta(Case c) {
    Double[] bad = c.delta() == null
        ? new Double[] {1e-5, 0.5, -1.0, Double.NaN}
        : new Double[] {null, 0.0, 1.0, -1e-5, 2.0, Double.NaN};
    for (Double delta : bad) {
      assertThatThrownBy(() -> c.noise().addNoise(1.0, 1, 1.0, 1.0, delta))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void computeConfidenceInterval_badAlphaOrNoisedValue_throwsNamingIt(Case c) {
    for (double alpha : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> c.noise().computeConfidenceInterval(1.0, 1, 1.0, 1.0, c.delta(), alpha))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`alpha`");
    }
    assertThatThrownBy(() -> c.noise().computeConfidenceInterval(Double.NaN, 1, 1.0, 1.0, c.delta(), 0.05))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`noisedX`");
  }

  /** Sensitivities whose noise scale (L1 / epsilon, or sigma) would leave the double range. */
  @ParameterizedTest
  @MethodSource("cases")
  void addNoise_unrepresentableNoiseScale_rejectedNotInfinite(Case c) {
    double[][] settings = {{1, Double.MAX_VALUE, 1.0}, {1, 1e300, 1e-3}, {1000, 1e290, 1.0}, {5, 0x1p1022, 1.0}};
    for (double[] s : settings) {
      int l0 = (int) s[0];
      assertThatThrownBy(() -> c.noise().addNoise(1.0, l0, s[1], s[2], c.delta()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sensitivity");
      assertThatThrownBy(() -> c.noise().variance(l0, s[1], s[2], c.delta()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sensitivity");
    }
    for (int l0 : new int[] {2, 1000}) {
      assertThatThrownBy(() -> c.noise().addNoise(1L, l0, Long.MAX_VALUE, 1e-3, c.delta()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rescale");
    }
  }

  /** Noise at the largest accepted scale added at the top of the double range stays finite (+-MAX_VALUE). */
  @ParameterizedTest
  @MethodSource("cases")
  void addNoise_inputNearTheDoubleRange_staysFinite(Case c) {
    boolean snaps = c.noise() instanceof LaplaceNoise || c.noise() instanceof GaussianNoise;
    org.junit.jupiter.api.Assumptions.assumeTrue(snaps, "integer mechanisms take inputs up to 2^53 only");
    java.util.Set<Double> outputs = new java.util.HashSet<>();
    for (double x : new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}) {
      for (int i = 0; i < 200; i++) {
        outputs.add(c.noise().addNoise(x, 1, 0x1p958, 1.0, c.delta()));
      }
    }
    org.assertj.core.api.Assertions.assertThat(outputs).allMatch(Double::isFinite)
        .contains(Double.MAX_VALUE, -Double.MAX_VALUE);
  }
}
