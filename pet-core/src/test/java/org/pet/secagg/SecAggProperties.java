package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.pet.secagg.SecAggSimulation.Stage;

/** Masks cancel for any set of survivors of size at least t; below t the round aborts. */
class SecAggProperties {

  @Property(tries = 60)
  void anyDropoutSchedule_exactSumOfSurvivorsOrAbort(
      @ForAll @IntRange(min = 2, max = 7) int n,
      @ForAll @IntRange(min = 2, max = 7) int thresholdSeed,
      @ForAll long seed) {
    checkDropoutSchedule(n, thresholdSeed, seed, 2);
  }

  /**
   * Larger rounds, where the server reconstructs every secret from exactly t of many revealed shares and
   * checks the rest with one parity check: the result is still exactly the survivors' sum, as when every
   * share was interpolated.
   */
  @Property(tries = 25)
  void anyDropoutSchedule_largerRounds_exactSumOfSurvivorsOrAbort(
      @ForAll @IntRange(min = 8, max = 24) int n, @ForAll long seed) {
    checkDropoutSchedule(n, (int) (seed >>> 40), seed, 15);
  }

  /**
   * A round of n with a random threshold t and a random declared number of colluders below t (plain
   * variant: c &lt; t is the whole bound); each participant stays to the end with probability
   * stay / (5 + stay).
   */
  private static void checkDropoutSchedule(int n, int thresholdSeed, long seed, int stay) {
    int t = 2 + Math.floorMod(thresholdSeed, n - 1);
    int colluders = Math.floorMod(seed >>> 20, t);
    List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> "p" + i).toList();
    SecAggParameters parameters = SecAggParameters.builder().roundId("prop-" + seed).participants(ids)
        .threshold(t).toleratedColluders(colluders).vectorLength(2).build();
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, long[]> inputs = SecAggSimulation.inputs(parameters, id -> random.longs(2).toArray());
    Map<String, Stage> dropouts = new HashMap<>();
    Stage[] stages = Stage.values();
    for (String id : ids) {
      int pick = random.nextInt(stages.length + stay); // stay in 5 + stay: stays to the end
      if (pick < stages.length) {
        dropouts.put(id, stages[pick]);
      }
    }
    boolean enough = true;
    for (Stage stage : stages) {
      long remaining = ids.stream().filter(id -> !dropouts.containsKey(id) || dropouts.get(id).compareTo(stage) > 0).count();
      enough &= remaining >= t;
    }
    if (!enough) {
      assertThatThrownBy(() -> SecAggSimulation.run(parameters, inputs, Map.of(), dropouts))
          .isInstanceOf(RoundAbortedException.class);
      return;
    }
    SecAggResult result = SecAggSimulation.run(parameters, inputs, Map.of(), dropouts).result();
    List<String> included = new ArrayList<>();
    long[] expected = new long[2];
    for (String id : ids) {
      if (!dropouts.containsKey(id) || dropouts.get(id).compareTo(Stage.MASKED_INPUT) > 0) {
        included.add(id);
        expected[0] += inputs.get(id)[0];
        expected[1] += inputs.get(id)[1];
      }
    }
    assertThat(result.included()).isEqualTo(included);
    assertThat(result.toleratedColluders()).isEqualTo(colluders);
    assertThat(result.sum()).isEqualTo(expected);
  }
}
