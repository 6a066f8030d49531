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

  /** Beyond epsilon ~709 e^eps overflows; pi must still follow the recurrence, never NaN. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {700, 709.9, 710, 1000, 1e10, Double.MAX_VALUE})
  void keepProbability_hugeEpsilon_isDeltaForOneUnitAndOneBeyond(double epsilon) {
    org.assertj.core.api.Assertions.assertThat(OptimalPartitionSelection.keepProbability(1, epsilon, 1e-5))
        .isCloseTo(1e-5, org.assertj.core.api.Assertions.within(1e-18));
    for (long units : new long[] {2, 3, 1000}) {
      org.assertj.core.api.Assertions.assertThat(OptimalPartitionSelection.keepProbability(units, epsilon, 1e-5))
          .isEqualTo(1.0);
    }
  }
}
