package org.pet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

  private static final Duration SEVEN_SECONDS = Duration.ofSeconds(7);

  @Test
  void line_wideTerminal_drawsTheBarTheTimeAndTheWholeActivity() {
    String line = ProgressDisplay.line("round", 2, 5, SEVEN_SECONDS, "shares done; next: masked", 80);

    assertThat(line).startsWith("round 2/5 [").endsWith("] 0:00:07  shares done; next: masked");
    String bar = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
    assertThat(bar).hasSize(ProgressDisplay.BAR_WIDTH).startsWith("=".repeat(12) + ">");
    assertThat(ProgressDisplay.line("round", 2, 5, SEVEN_SECONDS, "keys", 200)).as("the bar's size does not follow "
        + "the terminal's or the message's").contains("[" + "=".repeat(12) + ">" + " ".repeat(17) + "]");
  }

  @Test
  void line_narrowTerminal_shortensTheBar_neverThePhaseName() {
    String line = ProgressDisplay.line("round", 3, 5, SEVEN_SECONDS, "consistency done; next: unmask", 60);

    assertThat(line).endsWith("consistency done; next: unmask").hasSizeLessThanOrEqualTo(59).contains("[");
  }

  @Test
  void line_tooNarrowForABar_dropsTheBarThenTheTask_beforeTheActivity() {
    assertThat(ProgressDisplay.line("linkage", 1, 4, SEVEN_SECONDS, "waiting for step 2 from the value party", 62))
        .isEqualTo("linkage 1/4 0:00:07  waiting for step 2 from the value party");
    assertThat(ProgressDisplay.line("linkage", 1, 4, SEVEN_SECONDS, "waiting for step 2 from the value party", 55))
        .isEqualTo("1/4 0:00:07  waiting for step 2 from the value party");
    assertThat(ProgressDisplay.line("linkage", 1, 4, SEVEN_SECONDS, "waiting for step 2 from the value party", 45))
        .isEqualTo("waiting for step 2 from the value party");
  }

  @Test
  void line_allStepsDone_fillsTheBar() {
    String line = ProgressDisplay.line("round", 5, 5, Duration.ofSeconds(3_725), "unmask done", 50);

    assertThat(line).matches("round 5/5 \\[=+\\] 1:02:05  unmask done");
  }

  @Test
  void open_withoutATerminal_printsOneLinePerStep() {
    StringWriter out = new StringWriter();
    try (ProgressDisplay progress = ProgressDisplay.open(new PrintWriter(out), "round", 5, "keys")) {
      progress.activity("not printed");
      progress.stepsDone(1, "keys done", "phase keys done");
    }

    assertThat(out.toString()).isEqualTo("phase keys done" + System.lineSeparator());
  }
}
