package org.pet.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The public entry point other engines (pet-spark) use; the values are checked in DpHistogramTest. */
class OptimalPartitionSelectionTest {

  @Test
  void keepProbability_negativeUnits_rejected() {
    assertThatThrownBy(() -> OptimalPartitionSelection.keepProbability(-1, 1, 1e-6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`units`");
  }

  @Test
  void keepProbability_epsilonNotPositive_rejected() {
    assertThatThrownBy(() -> OptimalPartitionSelection.keepProbability(1, 0, 1e-6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
  }

  @Test
  void keepProbability_epsilonNaN_rejected() {
    assertThatThrownBy(() -> OptimalPartitionSelection.keepProbability(1, Double.NaN, 1e-6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`epsilon`");
  }

  @Test
  void keepProbability_deltaZero_rejected() {
    assertThatThrownBy(() -> OptimalPartitionSelection.keepProbability(1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
  }

  @Test
  void keepProbability_deltaOne_rejected() {
    assertThatThrownBy(() -> OptimalPartitionSelection.keepProbability(1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`delta`");
  }

  @Test
  void keepProbability_isWhatDpHistogramUsesForItsSelectionShare() {
    // Count only, Laplace, L0 = 3: selection and count get eps / 2 = 0.5; per partition (0.5 / 3, 1e-4 / 3).
    DpHistogram<String> histogram = DpHistogram.<String>builder().epsilon(1).delta(1e-4)
        .maxPartitionsContributed(3).build();
    for (long n : new long[] {0, 1, 5, 50, 500}) {
      assertThat(OptimalPartitionSelection.keepProbability(n, 0.5 / 3, 1e-4 / 3))
          .isEqualTo(histogram.keepProbability(n));
    }
  }
}
