package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The data linkage example of README.md, kept compiling and sensible. */
class ReadmeLinkageExampleTest {

  @Test
  void readmeExample_runs() {
    PsiParameters session = PsiParameters.builder().sessionId("care-and-ae-2026")
        .sum(10)                                    // a child's A&E visits, clamped to [0, 10]
        .cardinalityEpsilon(0.5).sumEpsilon(0.5)    // epsilon 1 per child for the released pair
        .build();
    PsiParty council = PsiParty.identifierParty(session, List.of("943 476 5919", "943 476 5870", "401 023 2137"));
    PsiParty trust = PsiParty.valueParty(session, List.of(new PsiRecord("9434765919", 3),
        new PsiRecord("4010232137", 14), new PsiRecord("6543210987", 2)));

    List<PsiMessage> toTrust = council.start();                  // step 1: blinded identifiers
    List<PsiMessage> toCouncil = trust.receive(toTrust.get(0));  // step 2: re-blinded, plus encrypted values
    toTrust = council.receive(toCouncil.get(0));                 // step 3: noisy size, encrypted noisy sum
    toCouncil = trust.receive(toTrust.get(0));                   // step 4: the released result
    council.receive(toCouncil.get(0));
    PsiResult result = trust.result().orElseThrow();             // the same at both parties
    byte[] wire = PsiWire.encode(toTrust.get(0));                // what a relay carries

    assertThat(council.result()).contains(result);
    // truth: 2 children, 3 + min(14, 10) = 13 visits; discrete Laplace of scale 2 and 20 exceeds 60 and
    // 600 with probability below 1e-12
    assertThat(result.cardinality()).isBetween(2L - 60, 2L + 60);
    assertThat(result.sum().orElseThrow()).isBetween(13L - 600, 13L + 600);
    assertThat(result.epsilon()).isEqualTo(1.0);
    assertThat(PsiWire.decode(wire)).isEqualTo(toTrust.get(0));
  }
}
