package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ZeroConcentratedDp} and {@link RenyiDp}: the conversions to (epsilon, delta)-DP. */
class ConversionTest {

  // ---- zCDP ----

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void zcdp_badRho_throwsNamingRho(double rho) {
    assertThatThrownBy(() -> ZeroConcentratedDp.epsilon(rho, 1e-6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`rho` must be finite and >= 0, was " + rho);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -1e-6, 2, Double.NaN})
  void zcdp_badDelta_throwsNamingDelta(double delta) {
    assertThatThrownBy(() -> ZeroConcentratedDp.epsilon(0.1, delta))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`delta` must be in (0, 1), was " + delta);
  }

  @Test
  void zcdp_pinnedOptimum() {
    // 40-digit mpmath: the objective's stationary point for rho = 0.2, delta = 1e-5 is alpha = 7.8736468,
    // where it equals 2.8136321893319657.
    assertThat(ZeroConcentratedDp.epsilon(0.2, 1e-5)).isCloseTo(2.8136321893319657, within(1e-12));
  }

  @Test
  void zcdp_zeroRho_isZeroEpsilon() {
    assertThat(ZeroConcentratedDp.epsilon(0, 1e-6)).isZero();
  }

  @Test
  void zcdp_subnormalRho_isFiniteAndTiny() {
    assertThat(ZeroConcentratedDp.epsilon(Double.MIN_VALUE, 1e-6)).isBetween(0.0, 1e-100);
  }

  @ParameterizedTest
  @CsvSource({"0.2, 1e-5", "0.005, 1e-6", "0.5, 1e-6", "3, 1e-9", "1e-4, 0.01"})
  void zcdp_isTheInfimumOverOrders_andBeatsClassical(double rho, double delta) {
    // Independent scan of alpha rho + (ln(1/delta) + (alpha - 1) ln(1 - 1/alpha) - ln(alpha)) / (alpha - 1)
    // over alpha = 1 + i / 1000 (steps of 0.007 above 2): every point is a valid epsilon, and so is 0 when
    // the minimum is negative (then the total variation distance is at most delta).
    double scan = Double.POSITIVE_INFINITY;
    for (int i = 1; i <= 2_000_000; i += (i < 1000 ? 1 : 7)) {
      double alpha = 1 + i / 1000.0;
      scan = Math.min(scan, alpha * rho
          + (Math.log(1 / delta) + (alpha - 1) * Math.log(1 - 1 / alpha) - Math.log(alpha)) / (alpha - 1));
    }
    scan = Math.max(0, scan);
    double epsilon = ZeroConcentratedDp.epsilon(rho, delta);
    assertThat(epsilon).isLessThanOrEqualTo(scan + 1e-12).isGreaterThanOrEqualTo(scan - 1e-4 * scan);
    assertThat(epsilon).isLessThan(rho + 2 * Math.sqrt(rho * Math.log(1 / delta)));
  }

  // ---- RDP ----

  @ParameterizedTest
  @ValueSource(doubles = {1, 0.5, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void rdp_badOrder_throwsNamingOrder(double order) {
    assertThatThrownBy(() -> RenyiDp.epsilon(order, 0.1, 1e-6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`order` must be finite and > 1, was " + order);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1e-9, Double.NaN, Double.POSITIVE_INFINITY})
  void rdp_badDivergence_throwsNamingRdp(double rdp) {
    assertThatThrownBy(() -> RenyiDp.epsilon(2, rdp, 1e-6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`rdp` must be finite and >= 0, was " + rdp);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -0.5, Double.NaN})
  void rdp_badDelta_throwsNamingDelta(double delta) {
    assertThatThrownBy(() -> RenyiDp.epsilon(2, 0.1, delta))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`delta` must be in (0, 1), was " + delta);
  }

  @ParameterizedTest
  @CsvSource({"2, 0.1, 1e-5", "32, 2.5, 1e-6", "1.25, 0.01, 0.001", "256, 30, 1e-10"})
  void rdp_matchesTightFormula_andBeatsClassical(double a, double rdp, double delta) {
    // Canonne-Kamath-Steinke / Balle et al.: eps = rdp + log((a-1)/a) - (log(delta) + log(a)) / (a-1).
    double tight = rdp + Math.log((a - 1) / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
    // Mironov 2017, Proposition 3: eps = rdp + log(1/delta) / (a-1).
    double classical = rdp + Math.log(1 / delta) / (a - 1);
    double epsilon = RenyiDp.epsilon(a, rdp, delta);
    assertThat(epsilon).isCloseTo(tight, within(1e-12 * classical)).isLessThan(classical);
  }

  @Test
  void rdp_pinnedExample() {
    // a = 2, rdp = 0.1, delta = 1e-5: 0.1 + ln(1/2) - (ln(1e-5) + ln 2) / 1 = 0.1 - 0.693147 + 11.512925
    // - 0.693147 = 10.226631 (classical: 0.1 + 11.512925 = 11.612925).
    assertThat(RenyiDp.epsilon(2, 0.1, 1e-5)).isCloseTo(10.226631, within(1e-6));
  }

  @Test
  void rdp_neverNegative() {
    // A tiny divergence at a large order: the formula goes below 0, and 0 is returned.
    assertThat(RenyiDp.epsilon(1e6, 0, 0.5)).isZero();
  }
}
