package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The four accountants on the same workloads: the tighter theories give smaller epsilons. */
class AccountantComparisonTest {

  private static final double DELTA = 1e-6;

  @Test
  void hundredGaussians_sigmaTen() {
    Mechanism.Gaussian gaussian = Mechanism.gaussian(1, 10);
    ZcdpAccountant zcdp = new ZcdpAccountant();
    RdpAccountant rdp = new RdpAccountant();
    zcdp.charge(gaussian, 100);
    rdp.charge(gaussian, 100);
    // (epsilon, delta) accountants need one point per Gaussian: basic spends delta / 100 on each, advanced
    // delta / 200 on each and keeps delta / 2 as its slack delta'.
    BasicAccountant basic = new BasicAccountant();
    basic.charge(gaussian.approximateDp(DELTA / 100), 100);
    AdvancedCompositionAccountant advanced = new AdvancedCompositionAccountant();
    advanced.charge(gaussian.approximateDp(DELTA / 200), 100);

    // rho = 100 / 200 = 0.5; classical conversion 0.5 + 2 sqrt(0.5 ln(1e6)) = 5.7565.
    double z = zcdp.spent(DELTA).epsilon();
    double r = rdp.spent(DELTA).epsilon();
    double a = advanced.spent(DELTA).epsilon();
    double b = basic.spent(DELTA).epsilon();
    assertThat(z).isCloseTo(5.2215, within(1e-4)).isLessThan(0.5 + 2 * Math.sqrt(0.5 * Math.log(1e6)));
    // The Gaussian's Renyi curve is exactly the zCDP line, whose continuous optimum beats any grid.
    assertThat(r).isEqualTo(z);
    assertThat(a).isBetween(z, b);
    assertThat(b).isCloseTo(52.36, within(0.01));
    assertThat(basic.spent(DELTA).delta()).isCloseTo(DELTA, within(1e-20));
  }

  @Test
  void hundredLaplace_epsilonTenth() {
    double[] spent = new double[AccountantKind.values().length];
    for (AccountantKind kind : AccountantKind.values()) {
      PrivacyAccountant accountant = kind.create();
      accountant.charge(Mechanism.laplace(0.1), 100);
      spent[kind.ordinal()] = accountant.spent(DELTA).epsilon();
    }
    // Basic 10; advanced 5.7561 (KOV); zCDP 5.2215 (rho = 0.5); RDP 4.9961 (Laplace's own curve). Basic
    // reports the next double above 10: the hundred doubles 0.1 add up to 10.00000000000000055..., and a
    // ledger rounds its exact sum upward.
    assertThat(spent[AccountantKind.BASIC.ordinal()]).isEqualTo(Math.nextUp(10.0));
    assertThat(spent[AccountantKind.ADVANCED.ordinal()]).isCloseTo(5.7561, within(1e-4));
    assertThat(spent[AccountantKind.ZCDP.ordinal()]).isCloseTo(5.2215, within(1e-4));
    assertThat(spent[AccountantKind.RDP.ordinal()]).isCloseTo(4.9961, within(1e-4));
  }
}
