package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.secagg.SecAggSimulation.Stage;

class SecAggProtocolTest {

  private static List<String> ids(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("agency-%02d", i)).toList();
  }

  private static SecAggParameters parameters(int n, int t, int length) {
    return SecAggParameters.builder().roundId("round-" + n + "-" + t).participants(ids(n)).threshold(t)
        .vectorLength(length).build();
  }

  private static Map<String, long[]> randomInputs(SecAggParameters parameters, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return SecAggSimulation.inputs(parameters, id -> random.longs(parameters.vectorLength()).toArray());
  }

  /** The plaintext sum in Z_2^64 over the given participants: what the protocol must reproduce. */
  private static long[] plainSum(Map<String, long[]> inputs, List<String> included, int length) {
    long[] sum = new long[length];
    for (String id : included) {
      long[] x = inputs.get(id);
      for (int i = 0; i < length; i++) {
        sum[i] += x[i];
      }
    }
    return sum;
  }

  @ParameterizedTest
  @CsvSource({"3, 2", "10, 6", "50, 26"})
  void run_noDropouts_sumIsExact(int n, int t) {
    SecAggParameters parameters = parameters(n, t, 8);
    Map<String, long[]> inputs = randomInputs(parameters, n);
    SecAggResult result = SecAggSimulation.run(parameters, inputs, Map.of(), Map.of()).result();
    assertThat(result.included()).isEqualTo(parameters.participants());
    assertThat(result.sum()).isEqualTo(plainSum(inputs, parameters.participants(), 8));
    assertThat(result.privacy()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void run_dropoutsAtEachStage_sumCoversExactlyTheSurvivorsOfMaskedInput(Stage stage) {
    SecAggParameters parameters = parameters(10, 6, 5);
    Map<String, long[]> inputs = randomInputs(parameters, 7);
    Map<String, Stage> dropouts = Map.of("agency-03", stage, "agency-08", stage, "agency-10", stage);
    SecAggResult result = SecAggSimulation.run(parameters, inputs, Map.of(), dropouts).result();
    List<String> expected = new ArrayList<>(parameters.participants());
    if (stage.compareTo(Stage.MASKED_INPUT) <= 0) {
      expected.removeAll(dropouts.keySet());
    }
    assertThat(result.included()).isEqualTo(expected);
    assertThat(result.sum()).isEqualTo(plainSum(inputs, expected, 5));
  }

  @Test
  void run_dropoutsSpreadOverAllStages_sumIsExact() {
    SecAggParameters parameters = parameters(50, 26, 3);
    Map<String, long[]> inputs = randomInputs(parameters, 11);
    Map<String, Stage> dropouts = new HashMap<>();
    List<String> all = parameters.participants();
    Stage[] stages = Stage.values();
    for (int i = 0; i < 20; i++) {
      dropouts.put(all.get(2 * i + 1), stages[i % stages.length]);
    }
    SecAggResult result = SecAggSimulation.run(parameters, inputs, Map.of(), dropouts).result();
    List<String> expected = all.stream()
        .filter(id -> !dropouts.containsKey(id) || dropouts.get(id).compareTo(Stage.MASKED_INPUT) > 0).toList();
    assertThat(result.included()).isEqualTo(expected);
    assertThat(result.sum()).isEqualTo(plainSum(inputs, expected, 3));
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void run_fewerThanThresholdAtAStage_aborts(Stage stage) {
    SecAggParameters parameters = parameters(5, 4, 2);
    Map<String, Stage> dropouts = Map.of("agency-01", stage, "agency-05", stage);
    assertThatThrownBy(() -> SecAggSimulation.run(parameters, randomInputs(parameters, 3), Map.of(), dropouts))
        .isInstanceOf(RoundAbortedException.class).hasMessageContaining("fewer than the threshold 4");
  }

  @Test
  void run_authenticated_sumIsExactWithDropouts() {
    List<String> ids = ids(6);
    Map<String, IdentityKeyPair> identities = new LinkedHashMap<>();
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("auth").participants(ids)
        .threshold(4).vectorLength(4);
    for (String id : ids) {
      IdentityKeyPair identity = IdentityKeyPair.generate();
      identities.put(id, identity);
      builder.identityKey(id, identity.publicKey());
    }
    SecAggParameters parameters = builder.build();
    Map<String, long[]> inputs = randomInputs(parameters, 5);
    Map<String, Stage> dropouts = Map.of("agency-02", Stage.MASKED_INPUT, "agency-05", Stage.UNMASKING);
    SecAggResult result = SecAggSimulation.run(parameters, inputs, identities, dropouts).result();
    List<String> expected = List.of("agency-01", "agency-03", "agency-04", "agency-05", "agency-06");
    assertThat(result.included()).isEqualTo(expected);
    assertThat(result.sum()).isEqualTo(plainSum(inputs, expected, 4));
  }

  /**
   * With distributed noise the result differs from the exact sum by the survivors' summed noise, which
   * is independent per coordinate: over 4000 coordinates its mean is 0 and its variance the calibrated
   * total, each within 4.5 standard errors (a false alarm about once in 150,000 runs). The round of 4
   * tolerates the default c = 1 colluder, so the noise is calibrated for t - c = 2 honest survivors; the
   * result states the guarantee of 4 - c = 3 honest shares, and for comparison that of all 4.
   */
  @Test
  void run_withDistributedNoise_sumIsNoisedAsCalibratedAndStatesItsGuarantee() {
    int length = 4000;
    DistributedNoise noise = DistributedNoise.discreteGaussian(1.0, 1e-6, 1.0, length, 2);
    SecAggParameters parameters = SecAggParameters.builder().roundId("noised").participants(ids(4)).threshold(3)
        .vectorLength(length).distributedNoise(noise).build();
    Map<String, long[]> inputs = randomInputs(parameters, 9);
    SecAggResult result = SecAggSimulation.run(parameters, inputs, Map.of(), Map.of()).result();
    long[] exact = plainSum(inputs, parameters.participants(), length);
    long[] sum = result.sum();
    double mean = 0;
    double squares = 0;
    for (int i = 0; i < length; i++) {
      double error = sum[i] - exact[i];
      mean += error / length;
      squares += error * error / length;
    }
    double variance = noise.totalVariance(4);
    assertThat(mean).isCloseTo(0, within(4.5 * Math.sqrt(variance / length)));
    assertThat(squares).isCloseTo(variance, within(4.5 * Math.sqrt(2.0 / length) * variance));
    assertThat(result.toleratedColluders()).isEqualTo(1);
    assertThat(result.privacy()).contains(noise.achievedFor(3));
    assertThat(result.privacyWithoutCollusion()).contains(noise.achievedFor(4));
    assertThat(result.privacy()).hasValueSatisfying(achieved -> {
      assertThat(achieved.epsilon()).isLessThan(1.0)
          .isGreaterThan(result.privacyWithoutCollusion().orElseThrow().epsilon());
      assertThat(achieved.delta()).isLessThanOrEqualTo(1e-6);
    });
  }

  @Test
  void parameters_noiseCalibratedForMoreSurvivorsThanTheThreshold_rejected() {
    DistributedNoise noise = DistributedNoise.discreteGaussian(1.0, 1e-6, 1.0, 2, 4);
    assertThatThrownBy(() -> SecAggParameters.builder().roundId("r").participants(ids(5)).threshold(3)
        .vectorLength(2).distributedNoise(noise).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`noise`");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void report_countsBytesAndTimeForEveryStage(int length) {
    SecAggParameters parameters = parameters(4, 3, length);
    SecAggSimulation.Report report =
        SecAggSimulation.run(parameters, randomInputs(parameters, 1), Map.of(), Map.of());
    assertThat(report.uploadBytes()).containsKeys(Stage.ADVERTISE_KEYS, Stage.SHARE_KEYS, Stage.MASKED_INPUT,
        Stage.UNMASKING);
    // 4 masked vectors of `length` longs dominate round 2's upload.
    assertThat(report.uploadBytes().get(Stage.MASKED_INPUT)).isGreaterThanOrEqualTo(4L * 8 * length);
    assertThat(report.nanos()).hasSize(Stage.values().length);
  }
}
