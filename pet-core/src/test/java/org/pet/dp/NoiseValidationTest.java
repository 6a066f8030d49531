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
}
