package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pet.secagg.DistributedNoise.PrivacyGuarantee;
import org.pet.secagg.SecAggSimulation.Stage;

/**
 * Issue #20, item 3: colluding agencies know their own noise shares, so a round that tolerates c colluders
 * calibrates its noise for t - c honest survivors and reports the guarantee of survivors - c shares.
 * Figures from the README's server example: three agencies, t = 2, discrete Gaussian epsilon 1,
 * delta 1e-6, L2 sensitivity 3, vector length 20.
 */
class ColluderAwareGuaranteeTest {

  private static final List<String> AGENCIES = List.of("council-social-services", "nhs-trust", "police");
  private static final int LENGTH = 20;

  /**
   * The noise the example used to calibrate, for t = 2 survivors: the result said epsilon 0.805 with 3
   * survivors and 1.0 with 2; with one colluder the truth is the guarantee of one fewer share, 1.0 and
   * 1.451 (3.08 for the discrete Laplace at epsilon 1, L1 sensitivity 3).
   */
  @Test
  void achievedFor_oneColluderInTheReadmeExample_isTheGuaranteeOfOneShareFewer() {
    DistributedNoise gaussian = DistributedNoise.discreteGaussian(1.0, 1e-6, 3, LENGTH, 2);
    assertThat(gaussian.achievedFor(3).epsilon()).isCloseTo(0.805, within(5e-4));
    assertThat(gaussian.achievedFor(3 - 1).epsilon()).isCloseTo(1.0, within(1e-9));
    assertThat(gaussian.achievedFor(2).epsilon()).isCloseTo(1.0, within(1e-9));
    assertThat(gaussian.achievedFor(2 - 1).epsilon()).isCloseTo(1.451, within(5e-4));
    DistributedNoise laplace = DistributedNoise.discreteLaplace(1.0, 3, LENGTH, 2);
    assertThat(laplace.achievedFor(2 - 1).epsilon()).isCloseTo(1 + 3 * Math.log(2), within(1e-12))
        .isCloseTo(3.08, within(5e-3));
  }

  @Test
  void parameters_noiseCalibratedForTheThresholdWithAColluder_rejected() {
    DistributedNoise forThreshold = DistributedNoise.discreteGaussian(1.0, 1e-6, 3, LENGTH, 2);
    assertThatThrownBy(() -> round(1, forThreshold))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most threshold - toleratedColluders = 2 - 1 = 1 survivors");
  }

  /**
   * Calibrated for t - c = 1 honest share, the round meets the target whenever it completes, and the
   * result reports the guarantee of survivors - 1 shares next to the no-collusion figure.
   */
  @Test
  void finish_oneToleratedColluder_reportsTheGuaranteeOfSurvivorsMinusOne() {
    DistributedNoise noise = DistributedNoise.discreteGaussian(1.0, 1e-6, 3, LENGTH, 1);
    SecAggParameters parameters = round(1, noise);
    Map<String, long[]> inputs = SecAggSimulation.inputs(parameters, id -> new long[LENGTH]);

    SecAggResult all = SecAggSimulation.run(parameters, inputs, Map.of(), Map.of()).result();
    assertThat(all.toleratedColluders()).isEqualTo(1);
    assertThat(all.privacy()).contains(noise.achievedFor(2));
    assertThat(all.privacyWithoutCollusion()).contains(noise.achievedFor(3));
    assertThat(all.privacy().orElseThrow().epsilon()).isCloseTo(0.691, within(5e-4));

    SecAggResult two = SecAggSimulation.run(parameters, inputs, Map.of(), Map.of("police", Stage.MASKED_INPUT))
        .result();
    assertThat(two.included()).hasSize(2);
    PrivacyGuarantee achieved = two.privacy().orElseThrow();
    assertThat(achieved).isEqualTo(noise.achievedFor(1));
    assertThat(achieved.epsilon()).isLessThanOrEqualTo(1.0).isCloseTo(1.0, within(1e-9));
    assertThat(two.privacyWithoutCollusion()).contains(noise.achievedFor(2));
  }

  /** Without declared colluders both figures coincide, as before the change. */
  @Test
  void finish_noToleratedColluders_bothGuaranteesAreTheSurvivorsOwn() {
    DistributedNoise noise = DistributedNoise.discreteGaussian(1.0, 1e-6, 3, LENGTH, 2);
    SecAggParameters parameters = round(0, noise);
    SecAggResult result = SecAggSimulation.run(parameters,
        SecAggSimulation.inputs(parameters, id -> new long[LENGTH]), Map.of(), Map.of()).result();
    assertThat(result.privacy()).contains(noise.achievedFor(3)).isEqualTo(result.privacyWithoutCollusion());
  }

  /** The example's own round - three agencies, t = 2, authenticated as on the server - allows no colluder. */
  @Test
  void server_authenticatedReadmeRoundWithAColluder_refusedStatingTheBound() {
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("readme").participants(AGENCIES)
        .threshold(2).toleratedColluders(1).vectorLength(LENGTH)
        .distributedNoise(DistributedNoise.discreteGaussian(1.0, 1e-6, 3, LENGTH, 1));
    AGENCIES.forEach(id -> builder.identityKey(id, IdentityKeyPair.generate().publicKey()));
    SecAggParameters parameters = builder.build();
    assertThatThrownBy(() -> new SecAggServer(parameters))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusing to run round readme: with 3 participants and up to 1 colluding agency the threshold"
            + " must be at least 3 (2t > n + c), was 2");
  }

  /** The README's round in the plain variant (where c &lt; t is the bound), declaring c colluders. */
  private static SecAggParameters round(int colluders, DistributedNoise noise) {
    return SecAggParameters.builder().roundId("readme-" + colluders).participants(AGENCIES).threshold(2)
        .toleratedColluders(colluders).vectorLength(LENGTH).distributedNoise(noise).build();
  }
}
