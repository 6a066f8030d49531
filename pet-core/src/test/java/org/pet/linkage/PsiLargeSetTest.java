package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 100,000 identifiers on one side: the size the issue names, correct to the last match. */
class PsiLargeSetTest {

  @Test
  void run_100kIdentifiersAgainst2kRecords_exactCardinalityAndSum() {
    PsiParameters parameters = PsiParameters.builder().sessionId("large").sum(50).build();
    List<String> pool = LinkageSessions.identifiers(101_000, new Random(42));
    List<String> identifiers = pool.subList(0, 100_000);
    List<PsiRecord> records = new ArrayList<>();
    long expectedSum = 0;
    for (int i = 0; i < 2_000; i++) {
      long value = i % 51;
      records.add(new PsiRecord(pool.get(99_000 + i), value)); // the first 1,000 are shared
      expectedSum += i < 1_000 ? value : 0;
    }

    PsiResult result = LinkageSessions.run(LinkageSessions.identifierParty(parameters, identifiers, 1),
        LinkageSessions.valueParty(parameters, records, 2)).valueResult();

    assertThat(result.cardinality()).isEqualTo(1_000);
    assertThat(result.sum()).hasValue(expectedSum);
    assertThat(result.identifierPartySize()).isEqualTo(100_000);
  }
}
