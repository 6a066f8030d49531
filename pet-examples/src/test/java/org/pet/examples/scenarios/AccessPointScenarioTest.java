package org.pet.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.pet.examples.scenarios.ScenarioResult.Estimate;

class AccessPointScenarioTest {

  /**
   * Tolerance: every count and sum (one Laplace draw each) must lie within its exact 99.99% bound, a miss
   * probability of 1e-4 each. The mean and variance bounds are first-order normal approximations, whose
   * tails are lighter than the Laplace noise behind them, so those may use twice their bound: about 7.8
   * standard deviations, which a Laplace error exceeds with probability e^-11. Over the 9 answers the
   * false-alarm rate is below 1e-3. (The server's noise is secure, so the test is statistical.)
   */
  @Test
  void play_everyAnswerIsWithinItsPredictedError_untilTheBudgetRunsOutWith403() throws Exception {
    StringWriter printed = new StringWriter();
    AccessPointScenario.Outcome outcome = new AccessPointScenario(0.9999).play(new PrintWriter(printed, true), 42);

    assertThat(outcome.result().estimates()).hasSize(9);
    for (Estimate estimate : outcome.result().estimates()) {
      boolean approximate = estimate.label().startsWith("mean") || estimate.label().startsWith("variance");
      assertThat(Math.abs(estimate.error())).as(estimate.label())
          .isLessThanOrEqualTo((approximate ? 2 : 1) * estimate.errorBound());
      assertThat(estimate.errorBound()).as(estimate.label()).isPositive();
    }
    assertThat(outcome.result().estimates().get(0).truth()).isEqualTo(AccessPointScenario.CLAIMANTS);
    assertThat(outcome.refusalStatus()).isEqualTo(403);
    assertThat(outcome.finalBudget().spentEpsilon()).isEqualTo(1.8);
    assertThat(outcome.finalBudget().remainingEpsilon()).isEqualTo(0.2);
    assertThat(printed.toString()).contains("Refused: mean age (years) (epsilon 0.5)").contains("403")
        .contains("Final budget: spent epsilon 1.8 of 2.0").contains("99.99% bound");
  }

  @Test
  void generate_sameSeed_sameClaims_otherSeed_otherClaims() {
    assertThat(BenefitClaims.generate(5, 100)).isEqualTo(BenefitClaims.generate(5, 100));
    assertThat(BenefitClaims.generate(5, 100)).isNotEqualTo(BenefitClaims.generate(6, 100));
    assertThat(BenefitClaims.generate(5, 100).toCsv()).startsWith("claimant,region,age,weekly_amount\nC00001,");
  }
}
