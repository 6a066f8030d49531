package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The accounting example of README.md, kept compiling and true. */
class ReadmeAccountingExampleTest {

  @Test
  void readmeExample_chargesUntilTheLimitAndNeverBeyond() {
    PrivacyAccountant ledger = new RdpAccountant();
    PrivacyBudget limit = new PrivacyBudget(3.0, 1e-6);
    Mechanism query = Mechanism.gaussian(1.0, 4.0);
    int answered = 0;
    while (ledger.tryCharge(query, limit)) {
      answered++;
    }
    PrivacyBudget spent = ledger.spent(1e-6);
    assertThat(answered).isPositive();
    assertThat(limit.covers(spent)).isTrue();
    assertThat(ledger.canCharge(query, limit)).isFalse();
  }
}
