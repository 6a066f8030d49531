package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Monotonicity and comparison with basic composition, for every accountant, over generated charges. */
class AccountantProperties {

  /** Log-uniform doubles in [10^minExp, 10^maxExp]. */
  private static Arbitrary<Double> logUniform(double minExp, double maxExp) {
    return Arbitraries.doubles().between(minExp, maxExp).map(e -> Math.pow(10, e));
  }

  @Provide
  Arbitrary<Mechanism> mechanisms() {
    return Arbitraries.oneOf(
        logUniform(-2, 0.7).map(Mechanism::laplace),
        logUniform(-2, 0.7).map(Mechanism::pureDp),
        logUniform(-0.5, 2).map(Mechanism.Gaussian::withNoiseMultiplier),
        Arbitraries.integers().between(0, 2).flatMap(kind -> logUniform(-2, 0.5)
            .map(epsilon -> Mechanism.approximateDp(epsilon, kind * 1e-9))));
  }

  @Property(tries = 150)
  void spent_isMonotoneAsMechanismsAreCharged(
      @ForAll @Size(min = 1, max = 25) List<@From("mechanisms") Mechanism> charges,
      @ForAll @DoubleRange(min = -7, max = -3) double log10Delta) {
    // Charged deltas total at most 25 * 2e-9 = 5e-8, below every delta asked for.
    double delta = Math.pow(10, log10Delta);
    for (AccountantKind kind : AccountantKind.values()) {
      PrivacyAccountant accountant = kind.create();
      PrivacyBudget previous = accountant.spent(delta);
      for (Mechanism charge : charges) {
        if (!accountant.supports(charge) && !(charge instanceof Mechanism.Gaussian)) {
          continue;
        }
        accountant.charge(kind.adapt(charge));
        PrivacyBudget now = accountant.spent(delta);
        assertThat(now.epsilon()).as(kind + " epsilon").isGreaterThanOrEqualTo(previous.epsilon());
        assertThat(now.delta()).as(kind + " delta").isGreaterThanOrEqualTo(previous.delta());
        previous = now;
      }
    }
  }

  @Property(tries = 300)
  void laplaceCharges_neverCostMoreThanBasicComposition(
      @ForAll @IntRange(min = 1, max = 2000) int k,
      @ForAll @DoubleRange(min = -3, max = 1) double log10Epsilon,
      @ForAll @DoubleRange(min = -12, max = -1) double log10Delta) {
    double epsilon = Math.pow(10, log10Epsilon);
    double delta = Math.pow(10, log10Delta);
    // Basic composition's k epsilon as a ledger reports it: the smallest double not below the exact product.
    BigDecimal exact = new BigDecimal(epsilon).multiply(BigDecimal.valueOf(k));
    for (AccountantKind kind : AccountantKind.values()) {
      PrivacyAccountant accountant = kind.create();
      accountant.charge(Mechanism.laplace(epsilon), k);
      PrivacyBudget pure = accountant.spent(0);
      assertThat(pure.delta()).as(kind.toString()).isZero();
      ExactLedgerSumTest.assertSmallestDoubleNotBelow(pure.epsilon(), exact);
      assertThat(accountant.spent(delta).epsilon()).as(kind.toString()).isLessThanOrEqualTo(pure.epsilon());
    }
  }

  @Property(tries = 200)
  void manySmallLaplaceCharges_everyAccountantButBasicBeatsBasic(
      @ForAll @IntRange(min = 100, max = 10_000) int k,
      @ForAll @DoubleRange(min = -4, max = -1) double log10Epsilon,
      @ForAll @DoubleRange(min = -10, max = -3) double log10Delta) {
    // With k >= 100 > 2 ln(1/delta) and epsilon <= 0.1 the sqrt(k) terms beat k epsilon.
    double epsilon = Math.pow(10, log10Epsilon);
    double delta = Math.pow(10, log10Delta);
    for (AccountantKind kind : List.of(AccountantKind.ADVANCED, AccountantKind.ZCDP, AccountantKind.RDP)) {
      PrivacyAccountant accountant = kind.create();
      accountant.charge(Mechanism.laplace(epsilon), k);
      assertThat(accountant.spent(delta).epsilon()).as(kind.toString()).isLessThan(k * epsilon);
    }
  }
}
