package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BasicAccountantTest {

  @Test
  void spent_sumsEpsilonsAndDeltas() {
    BasicAccountant accountant = new BasicAccountant();
    accountant.charge(Mechanism.laplace(0.5), 3);
    accountant.charge(Mechanism.approximateDp(0.25, 1e-6), 2);
    // epsilon = 3 * 0.5 + 2 * 0.25 = 2; delta = 2 * 1e-6.
    assertThat(accountant.spent(0)).isEqualTo(new PrivacyBudget(2, 2e-6));
  }

  @Test
  void spent_ignoresItsArgument() {
    BasicAccountant accountant = new BasicAccountant();
    accountant.charge(Mechanism.approximateDp(1, 1e-6));
    assertThat(accountant.spent(0)).isEqualTo(accountant.spent(0.5)).isEqualTo(new PrivacyBudget(1, 1e-6));
  }

  @Test
  void spent_laplaceMechanisms_isKTimesEpsilon() {
    BasicAccountant accountant = new BasicAccountant();
    for (int i = 0; i < 10; i++) {
      accountant.charge(Mechanism.laplace(0.1));
    }
    // Summed exactly and rounded once, upward: the ten doubles 0.1 add up to 1.0000000000000000555..., so
    // the spend is the next double above 1.0 (rounding to nearest would under-report it as 1.0), where a
    // double loop gives 0.9999999999999999.
    double loop = 0;
    for (int i = 0; i < 10; i++) {
      loop += 0.1;
    }
    assertThat(loop).isLessThan(1);
    assertThat(accountant.spent(0)).isEqualTo(PrivacyBudget.pure(Math.nextUp(1.0)));
    ExactLedgerSumTest.assertSmallestDoubleNotBelow(
        accountant.spent(0).epsilon(), new BigDecimal(0.1).multiply(BigDecimal.TEN));
  }

  @Test
  void canCharge_deltaBeyondLimit_isFalse() {
    BasicAccountant accountant = new BasicAccountant();
    accountant.charge(Mechanism.approximateDp(0.5, 0x1p-20));
    Mechanism next = Mechanism.approximateDp(0.5, 0x1p-20);
    // After the charge: (1, 2^-19), exactly.
    assertThat(accountant.canCharge(next, new PrivacyBudget(1, 0x1p-19))).isTrue();
    assertThat(accountant.canCharge(next, new PrivacyBudget(1, Math.nextDown(0x1p-19)))).isFalse();
    assertThat(accountant.canCharge(next, new PrivacyBudget(5, 0))).isFalse();
  }

  @Test
  void charge_gaussian_throwsPointingToApproximateDp() {
    assertThatThrownBy(() -> new BasicAccountant().charge(Mechanism.gaussian(1, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`mechanism` must be one BasicAccountant can compose")
        .hasMessageContaining("approximateDp(delta)");
  }

  @Test
  void charge_gaussianPoint_isAccepted() {
    BasicAccountant accountant = new BasicAccountant();
    Mechanism.ApproximateDp point = Mechanism.gaussian(1, 3).approximateDp(1e-7);
    accountant.charge(point, 4);
    assertThat(accountant.spent(0).epsilon()).isEqualTo(4 * point.epsilon());
    assertThat(accountant.spent(0).delta()).isEqualTo(4e-7);
  }
}
