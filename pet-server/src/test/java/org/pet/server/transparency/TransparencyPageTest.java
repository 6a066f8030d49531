package org.pet.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pet.transparency.LogEntry;

/** The page's text helpers: nothing from the log reaches the HTML unescaped; numbers read plainly. */
class TransparencyPageTest {

  @Test
  void logTextIsEscapedAndNumbersArePlain() {
    assertThat(TransparencyPage.escape("<script>alert('x')</script> & \"q\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    assertThat(TransparencyPage.number(2.0)).isEqualTo("2");
    assertThat(TransparencyPage.number(0.5)).isEqualTo("0.5");
    assertThat(TransparencyPage.number(1.0 / 3)).isEqualTo("0.3333");
    assertThat(TransparencyPage.number(1e-6)).isEqualTo("0.000001");
    assertThat(TransparencyPage.number(0)).isEqualTo("0");
    assertThat(TransparencyPage.fingerprint(new byte[32])).matches("([0-9a-f]{4} ){15}[0-9a-f]{4}");
  }

  @Test
  void entriesAreDescribedInPlainEnglishAndMalformedPayloadsShownAsText() {
    LogEntry agreement = new LogEntry(0, "2026-12-05T10:00:00Z", "agreement", "{\"parties\":[\"A\",\"B\",\"C\"],"
        + "\"purpose\":\"p\",\"legalBasis\":\"l\",\"data\":\"d\"}");
    assertThat(PublicRecord.describe(agreement)).isEqualTo("Data-sharing agreement between A, B and C: p (legal basis: l).");
    LogEntry odd = new LogEntry(1, "2026-12-05T10:00:00Z", "query", "{\"type\": 5}");
    assertThat(PublicRecord.describe(odd)).startsWith("query: ");
    LogEntry batch = new LogEntry(2, "2026-12-05T10:00:00Z", "batch-collected", "{\"task\":\"t\",\"role\":\"leader\","
        + "\"batch\":0,\"reports\":12,\"rejected\":1,\"noise\":null}");
    assertThat(PublicRecord.describe(batch)).isEqualTo("Task t released batch 0: 12 reports aggregated, no noise.");
  }
}
