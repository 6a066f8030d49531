package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Larger sets, correct to the last match: thousands of identifiers (the matching, the shuffles and the
 * encrypted sum at a size where an off-by-one in any of them shows), and a sum at the very top of the range
 * the value party decrypts. The 100,000 x 100,000 session runs in the benchmarks (LinkageBenchmark).
 */
class PsiLargeSetTest {

  @Test
  void run_5kIdentifiersAgainst2kRecords_exactCardinalityAndSum() {
    PsiParameters parameters = PsiParameters.builder().sessionId("large").sum(50).build();
    List<String> pool = LinkageSessions.identifiers(6_000, new Random(42));
    List<String> identifiers = pool.subList(0, 5_000);
    List<PsiRecord> records = new ArrayList<>();
    long expectedSum = 0;
    for (int i = 0; i < 2_000; i++) {
      long value = i % 51;
      records.add(new PsiRecord(pool.get(4_000 + i), value)); // the first 1,000 are shared
      expectedSum += i < 1_000 ? value : 0;
    }

    PsiResult result = LinkageSessions.run(LinkageSessions.identifierParty(parameters, identifiers, 1),
        LinkageSessions.valueParty(parameters, records, 2)).valueResult();

    assertThat(result.cardinality()).isEqualTo(1_000);
    assertThat(result.sum()).hasValue(expectedSum);
    assertThat(result.identifierPartySize()).isEqualTo(5_000);
    assertThat(result.valuePartySize()).isEqualTo(2_000);
  }

  /** Every record shared and at maxValue: the sum is n x maxValue, the largest the value party decrypts. */
  @Test
  void run_everyRecordSharedAtMaxValue_decryptsTheLargestSum() {
    long maxValue = 1L << 20;
    PsiParameters parameters = PsiParameters.builder().sessionId("top").sum(maxValue).build();
    List<String> identifiers = LinkageSessions.identifiers(1_500, new Random(7));
    List<PsiRecord> records = new ArrayList<>();
    for (String identifier : identifiers) {
      records.add(new PsiRecord(identifier, maxValue));
    }

    PsiResult result = LinkageSessions.run(LinkageSessions.identifierParty(parameters, identifiers, 3),
        LinkageSessions.valueParty(parameters, records, 4)).valueResult();

    assertThat(result.cardinality()).isEqualTo(1_500);
    assertThat(result.sum()).hasValue(1_500 * maxValue);
  }
}
