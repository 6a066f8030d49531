package org.pet.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pet.dp.DiscreteLaplaceNoise;
import org.pet.dp.DiscreteLaplaceSampler;
import org.pet.linkage.PsiRecord;

/**
 * The data-linkage scenario end to end over HTTP, on smaller registers than its defaults. The noise is
 * secure (not seeded), so the released numbers are checked against a tail bound rather than their 95%
 * bound (which a correct run misses 5% of the time): each must lie within the half-width that discrete
 * Laplace noise of the session's scale exceeds with probability at most 1e-9, so a correct run fails this
 * test with probability below 2e-9.
 */
class LinkageScenarioTest {

  private static final double TAIL = 1e-9;

  private final StringWriter printed = new StringWriter();

  @Test
  void run_releasesSizeAndSumWithinTheTailBound_andTheLogRecordsThem() {
    var settings = new DataLinkageScenario.Settings(300, 1_500, 10, 0.5, 0.5, 7);
    var result = DataLinkageScenario.run(settings, new PrintWriter(printed, true));

    DiscreteLaplaceSampler sizeNoise = new DiscreteLaplaceNoise().sampler(1, 0.5);
    DiscreteLaplaceSampler sumNoise = new DiscreteLaplaceNoise().sampler(10, 0.5);
    SocialCareAndAe data = SocialCareAndAe.generate(7, 300, 1_500);
    assertThat(result.children().truth()).isEqualTo(data.inBoth().size()).isGreaterThan(40);
    assertThat(result.attendances().truth()).isEqualTo(data.attendancesInBoth(10))
        .isGreaterThan(result.children().truth());
    assertThat(Math.abs(result.children().error())).isLessThanOrEqualTo(sizeNoise.confidenceHalfWidth(TAIL));
    assertThat(Math.abs(result.attendances().error())).isLessThanOrEqualTo(sumNoise.confidenceHalfWidth(TAIL));
    assertThat(result.children().bound95()).isEqualTo(sizeNoise.confidenceHalfWidth(0.05));
    assertThat(result.attendances().bound95()).isEqualTo(sumNoise.confidenceHalfWidth(0.05));
    // Normalisation: every council identifier (with spaces) and trust identifier counted once, none rejected.
    assertThat(result.released().identifierPartySize()).isEqualTo(300);
    assertThat(result.released().valuePartySize()).isEqualTo(1_500);
    assertThat(result.unclampedAttendances()).isGreaterThanOrEqualTo((long) result.attendances().truth());
    assertThat(result.epsilon()).isEqualTo(1.0);
    assertThat(result.logValid()).isTrue();
    assertThat(result.resultLogged()).isTrue();
    assertThat(printed.toString()).contains("synthetic data, seed 7", "children in both",
        "their A&E attendances (capped at 10)", "95% bound", "epsilon 1.0 per child", "delta 0",
        "entries match the signed checkpoint", "released size and sum").containsPattern("\"999 \\d{3} \\d{4}\"")
        .containsPattern("\"999\\d{7}\"")
        .containsPattern("Clamping: \\d+ of these children attended more than 10 times")
        .containsPattern("\"999 (\\d{3}) (\\d{4})\" matches \"999\\1\\2\"; they sent 300 and 1500 distinct");
  }

  @Test
  void generate_sameSeedSameRegisters_nhsNumbersValid_formattedDifferently_someAboveTheCap() {
    SocialCareAndAe data = SocialCareAndAe.generate(2026, 1_000, 4_000);
    assertThat(data).isEqualTo(SocialCareAndAe.generate(2026, 1_000, 4_000));
    assertThat(data).isNotEqualTo(SocialCareAndAe.generate(2027, 1_000, 4_000));
    assertThat(data.socialCare()).hasSize(1_000).allMatch(id -> id.matches("999 \\d{3} \\d{4}"))
        .doesNotHaveDuplicates();
    assertThat(data.attendances()).hasSize(4_000).allMatch(record -> record.identifier().matches("999\\d{7}")
        && record.value() >= 1);
    List<String> all = data.attendances().stream().map(PsiRecord::identifier).toList();
    assertThat(new HashSet<>(all)).hasSize(4_000);
    assertThat(all).allMatch(id -> SocialCareAndAe.checkDigit(id) == id.charAt(9) - '0');
    // About 30% of the council's children attended A&E; a few of them more than 10 times.
    assertThat(data.inBoth()).hasSizeBetween(250, 350);
    assertThat(data.aboveCap(10)).isBetween(1L, 15L);
    assertThat(data.attendancesInBoth(10)).isLessThan(data.inBoth().stream().mapToLong(PsiRecord::value).sum());
  }

  @Test
  void checkDigit_isTheNhsModulus11CheckDigit() {
    assertThat(SocialCareAndAe.checkDigit("943476591")).isEqualTo(9); // 943 476 5919, the NHS's own example
    assertThat(SocialCareAndAe.checkDigit("999000000")).isEqualTo(10); // so no valid NHS number starts 999 000 000
  }

  @Test
  void invalidSettings_areRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> new DataLinkageScenario.Settings(0, 10, 10, 0.5, 0.5, 1))
        .hasMessageContaining("children");
    assertThatThrownBy(() -> new DataLinkageScenario.Settings(20, 10, 10, 0.5, 0.5, 1))
        .hasMessageContaining("children");
    assertThatThrownBy(() -> new DataLinkageScenario.Settings(1, 200_000, 10, 0.5, 0.5, 1))
        .hasMessageContaining("patients");
    assertThatThrownBy(() -> new DataLinkageScenario.Settings(1, 10, 0, 0.5, 0.5, 1))
        .hasMessageContaining("maxValue");
    assertThatThrownBy(() -> new DataLinkageScenario.Settings(1, 10, 10, 0, 0.5, 1))
        .hasMessageContaining("cardinalityEpsilon");
    assertThatThrownBy(() -> new DataLinkageScenario.Settings(1, 10, 10, 0.5, Double.POSITIVE_INFINITY, 1))
        .hasMessageContaining("sumEpsilon");
  }
}
