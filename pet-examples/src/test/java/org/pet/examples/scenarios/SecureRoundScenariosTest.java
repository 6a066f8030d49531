package org.pet.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pet.examples.EmbeddedServer;

/**
 * Scenarios 1 and 2 end to end over HTTP. The noise is secure (not seeded), so released numbers are checked
 * statistically, with the failure probability of each check stated: a few multiples of the 95% bound for
 * every value, and at least 60% of the values within one bound (each is with probability 0.95, so fewer
 * than 60% of 20 has probability below 1e-7).
 */
class SecureRoundScenariosTest {

  private final StringWriter printed = new StringWriter();

  @Test
  void childProtection_withDropouts_releasesTheSurvivorsCountsWithinThePredictedError() {
    var result = ChildProtectionScenario.run(new ChildProtectionScenario.Settings(5, 1, 1.0, 1e-6, 11),
        new PrintWriter(printed, true));
    assertThat(result.included()).containsExactly("council-social-services", "nhs-trust", "police", "agency-4");
    assertThat(result.cells()).hasSize(20);
    assertWithinPredictedError(result.cells(), 3.0);
    assertThat(result.epsilon()).isLessThanOrEqualTo(1.0 + 1e-12);
    assertThat(result.delta()).isEqualTo(1e-6);
    assertThat(result.logValid()).isTrue();
    assertThat(printed.toString()).contains("Achieved privacy with 4 included agencies, 1 of which may collude");
  }

  /**
   * Dropouts never wait for a deadline: with phases that would wait a week, the round still completes,
   * because the administrator closes the phase the dropouts skip once the survivors have answered.
   */
  @Test
  void childProtection_withDropoutsAndAWeekLongDeadline_completesWithoutWaitingForIt() {
    try (EmbeddedServer server = EmbeddedServer.start()) {
      var result = ChildProtectionScenario.run(new ChildProtectionScenario.Settings(5, 2, 1.0, 1e-6, 3), server,
          new PrintWriter(printed, true), 604_800);
      assertThat(result.included()).containsExactly("council-social-services", "nhs-trust", "police");
      assertThat(result.logValid()).isTrue();
    }
    assertThat(printed.toString()).contains("agency-4, agency-5 dropped out after phase shares; the administrator "
        + "closed phase masked once the other 3 agencies had answered it (no wait for the 604800 s deadline).")
        .contains("tolerating 0 colluding agencies");
  }

  @Test
  void childProtection_invalidSettings_areRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> new ChildProtectionScenario.Settings(1, 0, 1, 1e-6, 1))
        .hasMessageContaining("--agencies");
    assertThatThrownBy(() -> new ChildProtectionScenario.Settings(4, 2, 1, 1e-6, 1))
        .hasMessageContaining("--dropouts must be fewer than half of --agencies");
    assertThatThrownBy(() -> new ChildProtectionScenario.Settings(3, 0, Double.NaN, 1e-6, 1))
        .hasMessageContaining("--epsilon");
    assertThatThrownBy(() -> new ChildProtectionScenario.Settings(3, 0, 1, 0, 1)).hasMessageContaining("--delta");
  }

  /**
   * The round pools the exact plaintext sum; the published table is within the discrete Laplace noise's
   * predicted error. Laplace tails: P(|noise| > 3 x bound95) = 0.05^3 per value, so 24 values exceed it
   * with probability 3e-3 - the check uses 5 x bound95 (24 x 0.05^5 = 7.5e-6).
   */
  @Test
  void fraudSignals_poolsTheExactSumAndPublishesWithinThePredictedError() {
    var result = FraudSignalsScenario.run(1.0, 5, new PrintWriter(printed, true));
    assertThat(result.pooled()).isEqualTo(result.truth());
    List<Estimate> all = new ArrayList<>(result.counts());
    all.addAll(result.totals());
    assertThat(all).hasSize(24);
    assertWithinPredictedError(all, 5.0);
    // The bound follows from the sensitivity: totals have cap times the counts' bound.
    assertThat(result.totals().get(0).bound95() / result.counts().get(0).bound95())
        .isCloseTo(FraudSignalsScenario.AMOUNT_CAP, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(printed.toString()).contains("London").contains("epsilon 1.0 per claimant")
        .contains("The round pooled exact sums: 24 of 24 equal the agencies' plaintext total")
        .containsPattern("\\d+ of 24 published counts and totals within the predicted 95% bound of the truth\\n$");
  }

  @Test
  void fraudSignals_refusesANonPositiveEpsilon() {
    assertThatThrownBy(() -> FraudSignalsScenario.run(0, 1, new PrintWriter(printed, true)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon");
  }

  /** Every value within {@code slack} 95% bounds, and at least 60% within one. */
  static void assertWithinPredictedError(List<Estimate> estimates, double slack) {
    int within = 0;
    for (Estimate estimate : estimates) {
      assertThat(Math.abs(estimate.error())).as(estimate.toString()).isLessThanOrEqualTo(slack * estimate.bound95());
      within += estimate.withinBound() ? 1 : 0;
    }
    assertThat(within).isGreaterThanOrEqualTo((int) Math.ceil(0.6 * estimates.size()));
  }
}
