package org.pet.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class AccessPointScenarioTest {

  /**
   * Tolerance: every answer within four times its predicted 95% bound. Counts and sums carry one Laplace
   * draw of scale b and a 95% bound of at least b ln 20, which four times over is exceeded with
   * probability 20^-4 = 6e-6; mean and variance bounds are 1.96 first-order standard deviations, and
   * their error (lighter-tailed than one Laplace draw of the same variance) exceeds 7.84 of them with
   * probability below e^-11. Over the 9 answers the false-alarm rate is below 1e-4. (The server's noise
   * is secure, so the test is statistical.)
   */
  @Test
  void play_everyAnswerIsWithinItsPredictedError_untilTheBudgetRunsOutWith403() {
    StringWriter printed = new StringWriter();
    AccessPointScenario.Outcome outcome = new AccessPointScenario().play(new PrintWriter(printed, true), 42);

    assertThat(outcome.result().estimates()).hasSize(9);
    for (Estimate estimate : outcome.result().estimates()) {
      assertThat(estimate.bound95()).as(estimate.label()).isPositive();
      assertThat(Math.abs(estimate.error())).as(estimate.label()).isLessThanOrEqualTo(4 * estimate.bound95());
    }
    assertThat(outcome.result().estimates().get(0).truth()).isEqualTo(AccessPointScenario.CLAIMANTS);
    assertThat(outcome.refusalStatus()).isEqualTo(403);
    assertThat(outcome.finalBudget().spentEpsilon()).isEqualTo(1.8);
    assertThat(outcome.finalBudget().remainingEpsilon()).isEqualTo(0.2);
    assertThat(printed.toString()).contains("Refused: mean age (years) (epsilon 0.5)").contains("403")
        .contains("Final budget: spent epsilon 1.8 of 2.0").contains("95% bound");
  }

  @Test
  void generate_sameSeed_sameClaims_otherSeed_otherClaims() {
    assertThat(BenefitClaims.generate(5, 100)).isEqualTo(BenefitClaims.generate(5, 100));
    assertThat(BenefitClaims.generate(5, 100)).isNotEqualTo(BenefitClaims.generate(6, 100));
    assertThat(BenefitClaims.generate(5, 100).toCsv()).startsWith("claimant,region,age,weekly_amount\nC00001,");
  }
}
