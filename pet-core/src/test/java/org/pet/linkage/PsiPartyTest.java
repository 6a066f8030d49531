package org.pet.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.pet.linkage.LinkageSessions.Outcome;

class PsiPartyTest {

  private static final PsiParameters EXACT_SUM = PsiParameters.builder().sessionId("s-exact").sum(100).build();

  /** Value-party records: its identifiers, each with value (index % 7) * 3, so sums are known exactly. */
  private static List<PsiRecord> records(List<String> identifiers) {
    return IntStream.range(0, identifiers.size())
        .mapToObj(i -> new PsiRecord(identifiers.get(i), (i % 7) * 3L)).toList();
  }

  @ParameterizedTest(name = "{0} identifiers x {1} records, {2} shared")
  @CsvSource({"0, 0, 0", "0, 5, 0", "5, 0, 0", "1, 1, 1", "1, 1, 0", "1000, 1000, 0", "1000, 1000, 1000",
      "1000, 700, 321", "40, 1000, 17"})
  void run_knownOverlap_exactCardinalityAndSum(int identifierCount, int recordCount, int shared) {
    Random random = new Random(identifierCount * 31L + recordCount * 7L + shared);
    List<String> pool = LinkageSessions.identifiers(identifierCount + recordCount - shared, random);
    List<String> identifiers = new ArrayList<>(pool.subList(0, identifierCount));
    List<String> theirs = new ArrayList<>(pool.subList(identifierCount - shared, pool.size()));
    List<PsiRecord> records = records(theirs);
    long expectedSum = records.subList(0, shared).stream().mapToLong(PsiRecord::value).sum();

    Outcome outcome = LinkageSessions.run(LinkageSessions.identifierParty(EXACT_SUM, identifiers, 1),
        LinkageSessions.valueParty(EXACT_SUM, records, 2));

    assertThat(outcome.identifierResult()).isEqualTo(outcome.valueResult());
    assertThat(outcome.valueResult().cardinality()).isEqualTo(shared);
    assertThat(outcome.valueResult().sum()).hasValue(expectedSum);
    assertThat(outcome.valueResult().identifierPartySize()).isEqualTo(identifierCount);
    assertThat(outcome.valueResult().valuePartySize()).isEqualTo(recordCount);
    assertThat(outcome.valueResult().epsilon()).isZero();
  }

  @Test
  void run_cardinalityOnly_sendsNoCiphertextAndReleasesNoSum() {
    PsiParameters parameters = PsiParameters.builder().sessionId("s-card").build();
    List<String> pool = LinkageSessions.identifiers(30, new Random(5));
    Outcome outcome = LinkageSessions.run(LinkageSessions.identifierParty(parameters, pool.subList(0, 20), 3),
        LinkageSessions.valueParty(parameters, records(pool.subList(12, 30)), 4));

    assertThat(outcome.valueResult().cardinality()).isEqualTo(8);
    assertThat(outcome.valueResult().sum()).isEmpty();
    PsiMessage.ValuePartyReply reply = (PsiMessage.ValuePartyReply) PsiWire.decode(outcome.fromValueParty().get(0));
    assertThat(reply.encryptedValues().size()).isZero();
    assertThat(reply.publicKey().size()).isZero();
  }

  @Test
  void run_duplicatesAndFormatting_countOncePerPersonAndCombineValuesUpToMaxValue() {
    PsiParameters parameters = PsiParameters.builder().sessionId("s-dup").sum(10).build();
    List<String> identifiers = List.of("943 476 5919", "9434765919", " 9434765919 ", "AB12", "zz-not-theirs");
    List<PsiRecord> records = List.of(
        new PsiRecord("9434765919", 4), new PsiRecord("943-476-5919", 5), // different person: '-' is kept
        new PsiRecord("ab12", 6), new PsiRecord("Ab 12", 7), // same person: 6 + 7 clamped to 10
        new PsiRecord("x-only-ours", -3), new PsiRecord("９４３４７６５９１９", 1)); // full-width digits: NFKC

    Outcome outcome = LinkageSessions.run(LinkageSessions.identifierParty(parameters, identifiers, 5),
        LinkageSessions.valueParty(parameters, records, 6));

    assertThat(outcome.valueResult().identifierPartySize()).isEqualTo(3);
    assertThat(outcome.valueResult().valuePartySize()).isEqualTo(4);
    assertThat(outcome.valueResult().cardinality()).isEqualTo(2);
    assertThat(outcome.valueResult().sum()).hasValue((4 + 1) + 10);
  }

  @Test
  void run_valuesOutsideBounds_areClampedPerRecord() {
    PsiParameters parameters = PsiParameters.builder().sessionId("s-clamp").sum(5).build();
    Outcome outcome = LinkageSessions.run(LinkageSessions.identifierParty(parameters, List.of("a1", "b2"), 7),
        LinkageSessions.valueParty(parameters, List.of(new PsiRecord("a1", 1_000_000), new PsiRecord("b2", -50)), 8));

    assertThat(outcome.valueResult().sum()).hasValue(5);
  }

  @Test
  void run_differentSessionIds_matchNothing() {
    List<String> identifiers = List.of("x1", "x2", "x3");
    IdentifierParty a = LinkageSessions.identifierParty(EXACT_SUM, identifiers, 9);
    ValueParty b = LinkageSessions.valueParty(PsiParameters.builder().sessionId("other").sum(100).build(),
        records(identifiers), 10);

    assertThat(LinkageSessions.run(a, b).valueResult().cardinality()).isZero();
  }

  @Test
  void run_noised_statesGuaranteeAndErrorBounds() {
    PsiParameters parameters = PsiParameters.builder().sessionId("s-dp").sum(10)
        .cardinalityEpsilon(0.5).sumEpsilon(1.0).build();
    Outcome outcome = LinkageSessions.run(LinkageSessions.identifierParty(parameters, List.of("p", "q"), 11),
        LinkageSessions.valueParty(parameters, List.of(new PsiRecord("q", 3)), 12));

    PsiResult result = outcome.valueResult();
    assertThat(result).isEqualTo(outcome.identifierResult());
    assertThat(result.epsilon()).isEqualTo(1.5);
    assertThat(result.cardinalityHalfWidth()).isEqualTo(halfWidth95(1 / 0.5));
    assertThat(result.sumHalfWidth()).isEqualTo(halfWidth95(10 / 1.0));
  }

  /** Discrete Laplace, P(|Z| > k) = 2 p^(k+1) / (1 + p) with p = exp(-1/scale): the least k with that <= 0.05. */
  private static long halfWidth95(double scale) {
    double p = Math.exp(-1 / scale);
    return (long) Math.ceil(Math.log(0.05 * (1 + p) / 2) / Math.log(p) - 1);
  }

  @Test
  void start_twice_isRejected() {
    PsiParty party = PsiParty.identifierParty(EXACT_SUM, List.of("a"));
    party.start();

    assertThatThrownBy(party::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void create_identifierEmptyAfterNormalisation_rejectedWithRowNotValue() {
    assertThatThrownBy(() -> PsiParty.identifierParty(EXACT_SUM, List.of("ok", "  \t ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("identifier at row 1 is empty after normalisation");
  }

  @Test
  void create_sumTooWideToDecrypt_rejected() {
    PsiParameters parameters = PsiParameters.builder().sessionId("wide").sum(1L << 31).build();
    List<PsiRecord> records = IntStream.range(0, 200).mapToObj(i -> new PsiRecord("id" + i, 1)).toList();

    assertThatThrownBy(() -> PsiParty.valueParty(parameters, records))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too wide to decrypt");
  }

  @Test
  void run_resultBeforeEnd_isEmpty() {
    PsiParty party = PsiParty.valueParty(EXACT_SUM, List.of(new PsiRecord("a", 1)));

    assertThat(party.result()).isEmpty();
    assertThat(party.role()).isEqualTo(PsiRole.VALUE_PARTY);
    assertThat(new PsiMessage.Release(3, OptionalLong.of(4)).sender()).isEqualTo(PsiRole.VALUE_PARTY);
  }
}
