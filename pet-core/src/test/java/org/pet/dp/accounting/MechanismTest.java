package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.dp.accounting.Mechanism.ApproximateDp;
import org.pet.dp.accounting.Mechanism.Gaussian;
import org.pet.dp.accounting.Mechanism.Laplace;
import org.pet.dp.accounting.Mechanism.PureDp;

class MechanismTest {

  // ---- validation ----

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void pureMechanisms_badEpsilon_throwNamingEpsilon(double epsilon) {
    String message = "`epsilon` must be finite and > 0, was " + epsilon;
    assertThatThrownBy(() -> new Laplace(epsilon))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThatThrownBy(() -> new PureDp(epsilon))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void gaussian_badSensitivity_throwsNamingIt(double l2) {
    assertThatThrownBy(() -> new Gaussian(l2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`l2Sensitivity` must be");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void gaussian_badSigma_throwsNamingIt(double sigma) {
    assertThatThrownBy(() -> new Gaussian(1, sigma))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`sigma` must be");
    assertThatThrownBy(() -> Gaussian.withNoiseMultiplier(sigma))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`sigma` must be");
  }

  @Test
  void gaussian_rhoOverflow_throwsNamingSigma() {
    // (1e300 / 1e-300)^2 overflows: such a Gaussian gives no finite guarantee.
    assertThatThrownBy(() -> new Gaussian(1e300, 1e-300))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`sigma` must be large enough");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, Double.NaN, Double.POSITIVE_INFINITY})
  void approximateDp_badEpsilon_throwsNamingEpsilon(double epsilon) {
    assertThatThrownBy(() -> new ApproximateDp(epsilon, 1e-6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`epsilon` must be");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, 1, 2, Double.NaN})
  void approximateDp_badDelta_throwsNamingDelta(double delta) {
    assertThatThrownBy(() -> new ApproximateDp(1, delta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`delta` must be");
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 0.5, 0, -2, Double.NaN, Double.POSITIVE_INFINITY})
  void rdp_badOrder_throwsNamingOrder(double order) {
    assertThatThrownBy(() -> new Laplace(1).rdp(order))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`order` must be finite and > 1, was " + order);
    assertThatThrownBy(() -> new Gaussian(1, 1).rdp(order))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`order` must be");
    assertThatThrownBy(() -> new PureDp(1).rdp(order))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`order` must be");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -1e-6, Double.NaN})
  void gaussianApproximateDp_badDelta_throwsNamingDelta(double delta) {
    assertThatThrownBy(() -> new Gaussian(1, 1).approximateDp(delta))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`delta` must be in (0, 1), was " + delta);
  }

  @Test
  void factories_matchConstructors() {
    assertThat(Mechanism.laplace(0.5)).isEqualTo(new Laplace(0.5));
    assertThat(Mechanism.pureDp(0.5)).isEqualTo(new PureDp(0.5));
    assertThat(new PureDp(0.5).budget()).isEqualTo(PrivacyBudget.pure(0.5));
    assertThat(new PureDp(0.5).rho()).isEqualTo(0.125);
    assertThat(Mechanism.gaussian(2, 3)).isEqualTo(new Gaussian(2, 3));
    assertThat(Mechanism.approximateDp(0.5, 1e-6)).isEqualTo(new ApproximateDp(0.5, 1e-6));
    assertThat(new ApproximateDp(0.5, 1e-6).budget()).isEqualTo(new PrivacyBudget(0.5, 1e-6));
    assertThat(new Laplace(0.5).budget()).isEqualTo(PrivacyBudget.pure(0.5));
  }

  // ---- Gaussian ----

  @Test
  void gaussian_rhoAndCurve() {
    Gaussian gaussian = new Gaussian(2, 5);
    // rho = (l2 / sigma)^2 / 2 = (2/5)^2 / 2 = 0.08; rdp(a) = a rho.
    assertThat(gaussian.rho()).isCloseTo(0.08, within(1e-16));
    assertThat(gaussian.rdp(3)).isCloseTo(0.24, within(1e-16));
    assertThat(gaussian.noiseMultiplier()).isEqualTo(2.5);
    assertThat(Gaussian.withNoiseMultiplier(2.5).rho()).isEqualTo(gaussian.rho());
  }

  @Test
  void gaussianApproximateDp_isItsZcdpConversion() {
    Gaussian gaussian = new Gaussian(1, 10);
    ApproximateDp point = gaussian.approximateDp(1e-6);
    // rho = 1/200; the conversion (40-digit mpmath: 0.42994146883694927) is below the classical
    // rho + 2 sqrt(rho ln(1/delta)) = 0.530702...
    assertThat(point.delta()).isEqualTo(1e-6);
    assertThat(point.epsilon()).isEqualTo(ZeroConcentratedDp.epsilon(gaussian.rho(), 1e-6))
        .isCloseTo(0.42994146883694927, within(1e-12))
        .isLessThan(0.005 + 2 * Math.sqrt(0.005 * Math.log(1e6)));
  }

  // ---- Laplace ----

  /** Mironov 2017, Table II, written out as in the paper: b = 1/epsilon. */
  private static double mironovLaplace(double epsilon, double a) {
    double b = 1 / epsilon;
    return Math.log(a / (2 * a - 1) * Math.exp((a - 1) / b) + (a - 1) / (2 * a - 1) * Math.exp(-a / b))
        / (a - 1);
  }

  @ParameterizedTest
  @CsvSource({"1, 1.25", "1, 2", "1, 10", "1, 256", "0.1, 2", "0.1, 64", "3, 1.5", "3, 32", "0.01, 128"})
  void laplaceRdp_matchesClosedForm(double epsilon, double order) {
    double expected = mironovLaplace(epsilon, order);
    assertThat(new Laplace(epsilon).rdp(order)).isCloseTo(expected, within(1e-12 * expected));
  }

  @Test
  void laplaceRdp_atOrderTwo_pinned() {
    // a = 2, epsilon = 1: ln(2/3 e + 1/3 e^-2) = ln(1.812187... + 0.045111...) = 0.619221...
    double byHand = Math.log(2.0 / 3 * Math.E + 1.0 / 3 * Math.exp(-2));
    assertThat(byHand).isCloseTo(0.6192, within(1e-4));
    assertThat(new Laplace(1).rdp(2)).isCloseTo(byHand, within(1e-15));
  }

  @Test
  void laplaceRdp_increasesTowardsEpsilon() {
    Laplace laplace = new Laplace(0.7);
    double previous = 0;
    for (double order : new double[] {1.01, 1.5, 2, 4, 16, 256, 1e4, 1e6}) {
      double rdp = laplace.rdp(order);
      assertThat(rdp).isGreaterThan(previous).isLessThanOrEqualTo(0.7)
          .isLessThanOrEqualTo(order * 0.7 * 0.7 / 2);
      previous = rdp;
    }
    // rdp(a) = eps + ln(a/(2a-1) + ...)/(a-1) -> eps - ln(2)/(a-1): within 1e-6 at a = 1e6.
    assertThat(laplace.rdp(1e6)).isCloseTo(0.7, within(1e-6));
  }

  @Test
  void laplaceRdp_largeEpsilonAndOrder_doesNotOverflow() {
    // exp((a - 1) / b) = exp(2550) overflows a double; the rewritten form does not.
    assertThat(new Laplace(10).rdp(256)).isCloseTo(10 - Math.log(2) / 255, within(1e-3)).isLessThan(10);
  }

  // ---- generic pure DP: randomized response ----

  /** Mironov 2017, Table II, randomized response: 1/(a-1) ln((e^(a eps) + e^((1-a) eps)) / (e^eps + 1)). */
  private static double randomizedResponse(double epsilon, double a) {
    return Math.log((Math.exp(a * epsilon) + Math.exp((1 - a) * epsilon)) / (Math.exp(epsilon) + 1))
        / (a - 1);
  }

  @ParameterizedTest
  @CsvSource({"1, 1.25", "1, 2", "1, 64", "0.1, 2", "0.1, 256", "3, 1.5", "3, 32", "0.01, 128"})
  void pureDpRdp_isRandomizedResponse_aboveLaplace_withinPureBounds(double epsilon, double order) {
    double expected = randomizedResponse(epsilon, order);
    double rdp = new PureDp(epsilon).rdp(order);
    assertThat(rdp).isCloseTo(expected, within(1e-12 * expected))
        .isGreaterThan(new Laplace(epsilon).rdp(order))
        .isLessThanOrEqualTo(epsilon).isLessThanOrEqualTo(order * epsilon * epsilon / 2);
  }

  @Test
  void pureDpRdp_atOrderTwo_pinned() {
    // a = 2, eps = 1: ln((e^2 + e^-1) / (e + 1)) = ln(7.756936 / 3.718282) = 0.735326.
    assertThat(new PureDp(1).rdp(2)).isCloseTo(0.735326, within(1e-6));
  }

  @Test
  void laplace_rhoIsEpsilonSquaredOverTwo() {
    assertThat(new Laplace(0.5).rho()).isEqualTo(0.125);
  }
}
