package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdvancedCompositionAccountantTest {

  /**
   * Kairouz-Oh-Viswanath (ICML 2015, Theorem 3.5) for k copies of epsilon0, written out:
   * min(k eps0, k eps0 (e^eps0 - 1)/(e^eps0 + 1) + sqrt(2 k eps0^2 ln(e + sqrt(k eps0^2) / d')),
   * k eps0 (e^eps0 - 1)/(e^eps0 + 1) + sqrt(2 k eps0^2 ln(1 / d'))).
   */
  private static double kov(int k, double eps0, double slack) {
    double linear = k * eps0 * (Math.exp(eps0) - 1) / (Math.exp(eps0) + 1);
    double squares = k * eps0 * eps0;
    return Math.min(k * eps0, Math.min(
        linear + Math.sqrt(2 * squares * Math.log(Math.E + Math.sqrt(squares) / slack)),
        linear + Math.sqrt(2 * squares * Math.log(1 / slack))));
  }

  /** Dwork-Rothblum-Vadhan: sqrt(2k ln(1/d')) eps0 + k eps0 (e^eps0 - 1). */
  private static double drv(int k, double eps0, double slack) {
    return Math.sqrt(2 * k * Math.log(1 / slack)) * eps0 + k * eps0 * (Math.exp(eps0) - 1);
  }

  @Test
  void identicalLaplace_matchesFormula_belowDrvAndBasic() {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    accountant.charge(Mechanism.laplace(0.1), 100);
    PrivacyBudget spent = accountant.spent(1e-6);
    // KOV: 100 * 0.1 * tanh(0.05) + sqrt(2 * 100 * 0.01 * ln(1e6)) = 0.49958 + 5.25652 = 5.75611;
    // DRV: sqrt(200 ln(1e6)) * 0.1 + 10 (e^0.1 - 1) = 5.25652 + 1.05171 = 6.30823; basic: 10.
    assertThat(spent.epsilon()).isCloseTo(kov(100, 0.1, 1e-6), within(1e-12))
        .isCloseTo(5.75611, within(1e-5))
        .isLessThan(drv(100, 0.1, 1e-6)).isLessThan(10);
    assertThat(drv(100, 0.1, 1e-6)).isCloseTo(6.30823, within(1e-5));
    assertThat(spent.delta()).isEqualTo(1e-6);
  }

  @Test
  void identicalApproximateDp_slackIsDeltaMinusChargedDeltas() {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    accountant.charge(Mechanism.approximateDp(0.05, 1e-8), 400);
    // Total delta 1e-5 = 400 * 1e-8 + d', so d' = 6e-6.
    PrivacyBudget spent = accountant.spent(1e-5);
    assertThat(spent.epsilon()).isCloseTo(kov(400, 0.05, 6e-6), within(1e-12))
        .isLessThan(drv(400, 0.05, 6e-6));
    assertThat(spent.delta()).isEqualTo(1e-5);
  }

  @Test
  void heterogeneous_matchesFormula() {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    accountant.charge(Mechanism.laplace(0.1), 50);
    accountant.charge(Mechanism.approximateDp(0.2, 0), 50);
    double linear = 50 * 0.1 * Math.tanh(0.05) + 50 * 0.2 * Math.tanh(0.1);
    double squares = 50 * 0.01 + 50 * 0.04;
    double expected = linear + Math.sqrt(2 * squares * Math.log(1 / 1e-6));
    assertThat(expected).isLessThan(15);
    assertThat(accountant.spent(1e-6).epsilon()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void smallTotalSquares_secondTermIsTightest() {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    accountant.charge(Mechanism.laplace(0.05), 100);
    // sum eps^2 = 0.25 < 1, so ln(e + sqrt(0.25) / 1e-6) = 13.1224 < ln(1e6) = 13.8155:
    // 100 * 0.05 * tanh(0.025) + sqrt(2 * 0.25 * 13.1224) = 0.12497 + 2.56148 = 2.68645.
    double linear = 100 * 0.05 * Math.tanh(0.025);
    double second = linear + Math.sqrt(2 * 0.25 * Math.log(Math.E + 0.5 / 1e-6));
    double third = linear + Math.sqrt(2 * 0.25 * Math.log(1e6));
    assertThat(second).isLessThan(third).isCloseTo(2.68645, within(1e-5));
    assertThat(accountant.spent(1e-6).epsilon()).isCloseTo(second, within(1e-12));
  }

  @Test
  void fewLargeEpsilons_fallBackToBasic() {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    accountant.charge(Mechanism.laplace(2), 3);
    assertThat(kov(3, 2, 1e-6) - 6).isZero();
    assertThat(accountant.spent(1e-6)).isEqualTo(new PrivacyBudget(6, 1e-6));
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.pure(6));
  }

  @Test
  void spent_atExactlyTheChargedDeltas_isBasicComposition() {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    accountant.charge(Mechanism.approximateDp(0.01, 0x1p-30), 1024);
    // delta' = 0x1p-20 - 1024 * 0x1p-30 = 0: only the basic sums hold.
    assertThat(accountant.spent(0x1p-20)).isEqualTo(new PrivacyBudget(1024 * 0.01, 0x1p-20));
  }

  @Test
  void spent_belowTheChargedDeltas_throwsNamingDelta() {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    accountant.charge(Mechanism.approximateDp(0.01, 1e-7), 10);
    assertThatThrownBy(() -> accountant.spent(5e-7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`delta` must be large enough");
    assertThat(accountant.canCharge(Mechanism.laplace(0.01), new PrivacyBudget(100, 5e-7))).isFalse();
  }
}
