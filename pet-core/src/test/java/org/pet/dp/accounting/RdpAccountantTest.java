package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RdpAccountantTest {

  private static final double[] DEFAULT_ORDERS = {
    1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 128, 256
  };

  /** Grid minimum of rdp(a) + log((a-1)/a) - (log(delta) + log(a)) / (a-1), written out. */
  private static double gridEpsilon(double[] orders, double[] curve, double delta) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < orders.length; i++) {
      double a = orders[i];
      best = Math.min(best, curve[i] + Math.log((a - 1) / a) - (Math.log(delta) + Math.log(a)) / (a - 1));
    }
    return best;
  }

  @Test
  void orders_defaultGrid() {
    assertThat(new RdpAccountant().orders()).containsExactly(DEFAULT_ORDERS);
  }

  @Test
  void gaussian_curveIsTheZcdpLine_andConversionAtLeastAsTight() {
    RdpAccountant rdp = new RdpAccountant();
    ZcdpAccountant zcdp = new ZcdpAccountant();
    rdp.charge(Mechanism.gaussian(1, 5), 10);
    zcdp.charge(Mechanism.gaussian(1, 5), 10);
    double[] curve = rdp.curve();
    for (int i = 0; i < DEFAULT_ORDERS.length; i++) {
      // rdp(a) = a * 10 * (1/5)^2 / 2 = 0.2 a.
      assertThat(curve[i]).isCloseTo(DEFAULT_ORDERS[i] * zcdp.rho(), within(1e-14 * curve[i]))
          .isCloseTo(0.2 * DEFAULT_ORDERS[i], within(1e-14 * curve[i]));
    }
    double epsilon = rdp.spent(1e-5).epsilon();
    assertThat(epsilon).isLessThanOrEqualTo(zcdp.spent(1e-5).epsilon())
        .isLessThanOrEqualTo(gridEpsilon(DEFAULT_ORDERS, curve, 1e-5))
        .isLessThan(0.2 + 2 * Math.sqrt(0.2 * Math.log(1e5)));
    // The grid alone is within 1% of the continuous optimum here.
    assertThat(gridEpsilon(DEFAULT_ORDERS, curve, 1e-5)).isLessThan(1.01 * epsilon);
  }

  @Test
  void laplace_curveIsMironovsClosedForm_andGridBeatsZcdp() {
    RdpAccountant rdp = new RdpAccountant();
    rdp.charge(Mechanism.laplace(0.1), 100);
    double[] curve = rdp.curve();
    double[] byHand = new double[DEFAULT_ORDERS.length];
    for (int i = 0; i < DEFAULT_ORDERS.length; i++) {
      // 100 * 1/(a-1) ln(a/(2a-1) e^((a-1) 0.1) + (a-1)/(2a-1) e^(-0.1 a)).
      double a = DEFAULT_ORDERS[i];
      byHand[i] = 100 * Math.log(a / (2 * a - 1) * Math.exp((a - 1) * 0.1)
          + (a - 1) / (2 * a - 1) * Math.exp(-a * 0.1)) / (a - 1);
      assertThat(curve[i]).isCloseTo(byHand[i], within(1e-10 * byHand[i]));
    }
    // About 4.996 at delta 1e-6, against 5.2215 through zCDP and 10 by basic composition.
    double grid = gridEpsilon(DEFAULT_ORDERS, byHand, 1e-6);
    assertThat(grid).isLessThan(ZeroConcentratedDp.epsilon(0.5, 1e-6));
    assertThat(rdp.spent(1e-6).epsilon()).isCloseTo(grid, within(1e-9)).isCloseTo(4.996, within(1e-3));
  }

  @Test
  void pureDp_chargesTheRandomizedResponseCurve() {
    RdpAccountant pure = new RdpAccountant();
    RdpAccountant laplace = new RdpAccountant();
    pure.charge(Mechanism.pureDp(0.1), 100);
    laplace.charge(Mechanism.laplace(0.1), 100);
    double[] curve = pure.curve();
    for (int i = 0; i < DEFAULT_ORDERS.length; i++) {
      assertThat(curve[i]).isCloseTo(100 * Mechanism.pureDp(0.1).rdp(DEFAULT_ORDERS[i]), within(1e-12));
    }
    // Generic pure DP costs more than Laplace noise, and still less than basic composition's 10.
    assertThat(pure.spent(1e-6).epsilon()).isGreaterThan(laplace.spent(1e-6).epsilon()).isLessThan(10);
  }

  @Test
  void largeLaplace_tendsToPureSum() {
    RdpAccountant rdp = new RdpAccountant();
    rdp.charge(Mechanism.laplace(5), 2);
    // At order 256 the curve is 2 (5 + ln(256/511 + ...)/255), just under 10; the conversion adds more.
    assertThat(rdp.curve()[DEFAULT_ORDERS.length - 1]).isCloseTo(10, within(0.01)).isLessThan(10);
    assertThat(rdp.spent(1e-6)).isEqualTo(new PrivacyBudget(10, 1e-6));
  }

  @Test
  void customOrders_areSortedAndDeduplicated() {
    RdpAccountant rdp = new RdpAccountant(8, 2, 8, 1.5);
    assertThat(rdp.orders()).containsExactly(1.5, 2, 8);
    rdp.charge(Mechanism.gaussian(1, 1));
    double[] exact = {0.75, 1, 4};
    double[] curve = rdp.curve();
    for (int i = 0; i < exact.length; i++) {
      // Each term rounded up by at most Upward.TERM_ULPS, never down.
      assertThat(curve[i]).isBetween(exact[i], Upward.byUlps(exact[i], Upward.TERM_ULPS));
    }
  }

  @Test
  void orders_returnsACopy() {
    RdpAccountant rdp = new RdpAccountant();
    rdp.orders()[0] = 99;
    rdp.curve()[0] = 99;
    assertThat(rdp.orders()[0]).isEqualTo(1.25);
    assertThat(rdp.curve()[0]).isZero();
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 0.5, 0, -3, Double.NaN, Double.POSITIVE_INFINITY})
  void constructor_badOrder_throwsNamingOrders(double order) {
    assertThatThrownBy(() -> new RdpAccountant(2, order))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`orders` must be finite and > 1, was " + order);
  }

  @Test
  void constructor_noOrders_throwsNamingOrders() {
    assertThatThrownBy(() -> new RdpAccountant(new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`orders` must be non-empty, was []");
  }

  @Test
  void constructor_nullOrders_throwsNamingOrders() {
    assertThatThrownBy(() -> new RdpAccountant((double[]) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("`orders` must be non-null, was null");
  }

  @Test
  void charge_approximateDp_throwsSayingSo() {
    assertThatThrownBy(() -> new RdpAccountant().charge(Mechanism.approximateDp(1, 1e-6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`mechanism` must be one RdpAccountant can compose")
        .hasMessageContaining("no zCDP or Renyi bound");
  }
}
