package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZcdpAccountantTest {

  @Test
  void tenGaussians_rhoAddsUp_andConvertsBelowClassical() {
    ZcdpAccountant accountant = new ZcdpAccountant();
    accountant.charge(Mechanism.gaussian(1, 5), 10);
    // rho = 10 * (1/5)^2 / 2 = 10 / 50 = 0.2.
    assertThat(accountant.rho()).isCloseTo(0.2, within(1e-15)).isGreaterThanOrEqualTo(0.2);
    // Classical: 0.2 + 2 sqrt(0.2 ln(1e5)) = 0.2 + 2 sqrt(2.302585) = 0.2 + 3.034854 = 3.234854.
    double classical = 0.2 + 2 * Math.sqrt(0.2 * Math.log(1e5));
    assertThat(classical).isCloseTo(3.234854, within(1e-6));
    PrivacyBudget spent = accountant.spent(1e-5);
    // The Canonne-Kamath-Steinke infimum (40-digit mpmath, at alpha = 7.8736): 2.8136321893319657.
    double converted = ZeroConcentratedDp.epsilon(accountant.rho(), 1e-5);
    assertThat(spent.epsilon()).isBetween(converted, Upward.byUlps(converted, Upward.RESULT_ULPS))
        .isCloseTo(2.8136321893319657, within(1e-12)).isGreaterThan(2.8136321893319657).isLessThan(classical);
    assertThat(spent.delta()).isEqualTo(1e-5);
  }

  @Test
  void laplace_isEpsilonSquaredOverTwo() {
    ZcdpAccountant accountant = new ZcdpAccountant();
    accountant.charge(Mechanism.laplace(0.1), 100);
    // rho = 100 * 0.1^2 / 2 = 0.5; its conversion at 1e-6 (about 5.22) beats basic's 10.
    assertThat(accountant.rho()).isCloseTo(0.5, within(1e-14)).isGreaterThanOrEqualTo(0.5);
    double converted = ZeroConcentratedDp.epsilon(accountant.rho(), 1e-6);
    assertThat(accountant.spent(1e-6).epsilon()).isBetween(converted, Upward.byUlps(converted, Upward.RESULT_ULPS))
        .isCloseTo(5.2215, within(1e-4));
  }

  @Test
  void fewLaplace_neverCostMoreThanBasic() {
    ZcdpAccountant accountant = new ZcdpAccountant();
    accountant.charge(Mechanism.laplace(0.5), 4);
    // rho = 0.5 converts to about 5.8 at 1e-6; basic composition gives 4 * 0.5 = 2.
    assertThat(ZeroConcentratedDp.epsilon(0.5, 1e-6)).isGreaterThan(2);
    assertThat(accountant.spent(1e-6)).isEqualTo(new PrivacyBudget(2, 1e-6));
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.pure(2));
  }

  @Test
  void mixed_addsLaplaceBasicallyToGaussianZcdp() {
    ZcdpAccountant accountant = new ZcdpAccountant();
    accountant.charge(Mechanism.laplace(1));
    accountant.charge(Mechanism.gaussian(1, 10));
    // rho = 1/2 + 1/200 = 0.505; or basic composition: 1 + eps(rho = 0.005). The smaller holds.
    double zcdpOnly = ZeroConcentratedDp.epsilon(0.505, 1e-6);
    double split = 1 + ZeroConcentratedDp.epsilon(0.005, 1e-6);
    assertThat(split).isLessThan(zcdpOnly);
    assertThat(accountant.spent(1e-6).epsilon()).isCloseTo(split, within(1e-12));
  }

  @Test
  void spentAtZeroDelta_afterGaussian_throwsNamingDelta() {
    ZcdpAccountant accountant = new ZcdpAccountant();
    accountant.charge(Mechanism.gaussian(1, 100));
    assertThatThrownBy(() -> accountant.spent(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`delta` must be large enough");
    assertThat(accountant.canCharge(Mechanism.laplace(0.1), PrivacyBudget.pure(100))).isFalse();
  }

  @Test
  void charge_approximateDp_throwsSayingSo() {
    assertThatThrownBy(() -> new ZcdpAccountant().charge(Mechanism.approximateDp(1, 1e-6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`mechanism` must be one ZcdpAccountant can compose")
        .hasMessageContaining("no zCDP or Renyi bound");
  }
}
