package org.pet.benchmarks.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StudyConfigTest {

  @Test
  void parse_noOptions_isFullStudyIntoDefaultDirectory() {
    StudyConfig config = StudyConfig.parse();
    assertThat(config.quick()).isFalse();
    assertThat(config.out()).isEqualTo(Path.of("benchmarks", "results", "study"));
    assertThat(config.epsilons()).hasSize(13).startsWith(0.01);
    assertThat(config.epsilons()[12]).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(config.sizes()).containsExactly(100, 1_000, 10_000, 100_000);
  }

  @Test
  void parse_quickAndOut_isQuickStudyIntoThatDirectory() {
    StudyConfig config = StudyConfig.parse("--quick", "--out", "elsewhere");
    assertThat(config.quick()).isTrue();
    assertThat(config.out()).isEqualTo(Path.of("elsewhere"));
  }

  @Test
  void parse_help_isNull() {
    assertThat(StudyConfig.parse("--help")).isNull();
  }

  @Test
  void parse_unknownOption_throws() {
    assertThatThrownBy(() -> StudyConfig.parse("--fast")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option `--fast`");
  }

  @Test
  void parse_outWithoutDirectory_throws() {
    assertThatThrownBy(() -> StudyConfig.parse("--out")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`--out` needs a directory");
    assertThatThrownBy(() -> StudyConfig.parse("--out", "--quick")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_fewerThan200Trials_throws() {
    StudyConfig quick = StudyConfig.quick(Path.of("x"));
    assertThatThrownBy(() -> new StudyConfig(quick.out(), true, quick.epsilons(), quick.sizes(), 199, 200,
        quick.tightnessSamples(), quick.participants(), quick.costEpsilons(), quick.costSamples(), quick.costWarmUpMillis(), quick.threads()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 200");
  }
}
