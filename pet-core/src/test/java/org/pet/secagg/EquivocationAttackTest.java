package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.util.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pet.secagg.SecAggMessages.AdvertiseKeys;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.MaskedInput;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.ShareKeys;
import org.pet.secagg.SecAggMessages.SurvivorSet;
import org.pet.secagg.SecAggMessages.Unmasking;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;

/**
 * The equivocation attack of issue #20 against unmodified {@link SecAggClient}s: a malicious server
 * (this test) shows survivor set S1 = everyone, containing the victim v = p1, to one group of honest
 * agencies and S2 = everyone but v to a disjoint group; c colluding agencies (the last c ids, whose
 * identity keys the server holds) sign both sets and hand over every share they hold. If each group
 * gathers t signatures, the first reveals shares of v's self-mask seed b_v and the second shares of v's
 * masking key s_v, and with t of each the server strips every mask from y_v. Before the collusion policy,
 * the server recovered v's exact input in both rounds of {@link #equivocation_boundNotMet_agenciesRefuse}.
 */
class EquivocationAttackTest {

  private static final long[] VICTIM_INPUT = {123_456_789L, -42L, 7L};

  /** What the attack achieved. */
  private record Outcome(Optional<String> refusal, Map<String, String> aborted, Optional<long[]> recovered) {}

  /**
   * n = 4, t = 2 without colluders and n = 5, t = 3 (t &gt; n/2) with one: 2t &lt;= n + c, so the split
   * works - and the honest agencies refuse the round before sending anything, under the default policy
   * and under a policy tolerating exactly the c colluders present.
   */
  @ParameterizedTest(name = "n = {0}, t = {1}, c = {2}")
  @CsvSource({"4, 2, 0", "5, 3, 1"})
  void equivocation_boundNotMet_agenciesRefuse(int n, int t, int c) {
    for (CollusionPolicy policy : List.of(CollusionPolicy.defaultPolicy(), CollusionPolicy.tolerating(c))) {
      Outcome outcome = equivocate(n, t, c, t - c, policy);
      assertThat(outcome.recovered()).as("the victim's input, recovered by the server").isEmpty();
      assertThat(outcome.refusal()).hasValueSatisfying(message -> assertThat(message)
          .contains("with " + n + " participants").contains("(2t > n + c), was " + t));
    }
  }

  /**
   * Rounds that meet 2t &gt; n + c, each with the strongest c it allows, attacked with every split of the
   * honest agencies into a first group (with the victim) and a non-empty second group: the two groups
   * never both gather t signatures, the short group's agencies abort with
   * {@link ProtocolViolationException}, and the server recovers nothing.
   */
  @ParameterizedTest(name = "n = {0}, t = {1}, c = {2}")
  @CsvSource({"3, 2, 0", "5, 3, 0", "4, 3, 1", "5, 4, 2", "7, 5, 2", "6, 5, 3"})
  void equivocation_boundMet_signaturesCannotSplit(int n, int t, int c) {
    assertThat(2 * t).isGreaterThan(n + c);
    assertThat(2 * t).as("c is the strongest the threshold allows").isLessThanOrEqualTo(n + c + 2);
    for (int firstGroupSize = 1; firstGroupSize < n - c; firstGroupSize++) {
      Outcome outcome = equivocate(n, t, c, firstGroupSize, CollusionPolicy.tolerating(c));
      assertThat(outcome.refusal()).isEmpty();
      assertThat(outcome.recovered()).as("the victim's input, recovered by the server").isEmpty();
      assertThat(outcome.aborted()).as("honest agencies that aborted").isNotEmpty()
          .allSatisfy((id, message) -> assertThat(message).contains("fewer than the threshold " + t));
    }
  }

  /**
   * Runs the attack with the first {@code firstGroupSize} honest agencies (the victim first) shown S1 and
   * the other honest agencies shown S2. The round declares c tolerated colluders; the honest agencies
   * apply {@code policy}.
   */
  private static Outcome equivocate(int n, int t, int c, int firstGroupSize, CollusionPolicy policy) {
    List<String> ids = IntStream.rangeClosed(1, n).mapToObj(i -> "p" + i).toList();
    String victim = ids.get(0);
    List<String> honestIds = ids.subList(0, n - c);
    List<String> colluderIds = ids.subList(n - c, n);
    Map<String, IdentityKeyPair> identities = new LinkedHashMap<>();
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("equivocation-" + n + "-" + t + "-" + c)
        .participants(ids).threshold(t).toleratedColluders(c).vectorLength(VICTIM_INPUT.length);
    for (String id : ids) {
      identities.put(id, IdentityKeyPair.generate());
      builder.identityKey(id, identities.get(id).publicKey());
    }
    SecAggParameters parameters = builder.build();
    Map<String, SecAggClient> honest = new LinkedHashMap<>();
    for (String id : honestIds) {
      long[] input = id.equals(victim) ? VICTIM_INPUT : new long[] {1, 2, 3};
      try {
        honest.put(id, new SecAggClient(parameters, id, input, identities.get(id), policy));
      } catch (RoundRefusedException e) {
        return new Outcome(Optional.of(e.getMessage()), Map.of(), Optional.empty());
      }
    }
    Map<String, ColludingAgency> colluders = new LinkedHashMap<>();
    colluderIds.forEach(id -> colluders.put(id, new ColludingAgency(parameters, id, identities.get(id))));

    // Rounds 0-2, relayed faithfully.
    List<AdvertiseKeys> advertised = new ArrayList<>();
    honest.values().forEach(client -> advertised.add(client.advertiseKeys()));
    colluders.values().forEach(agency -> advertised.add(agency.advertiseKeys()));
    KeyDirectory directory = new KeyDirectory(advertised);
    Map<String, ShareKeys> shared = new LinkedHashMap<>();
    honest.values().forEach(client -> shared.put(client.id(), client.shareKeys(directory)));
    colluders.values().forEach(agency -> shared.put(agency.id(), agency.shareKeys(directory)));
    Map<String, MaskedInput> masked = new LinkedHashMap<>();
    honest.values().forEach(client -> masked.put(client.id(), client.maskedInput(delivery(ids, shared, client.id()))));
    colluders.values().forEach(agency -> masked.put(agency.id(), agency.maskedInput(delivery(ids, shared, agency.id()))));

    // Round 3: two survivor sets, one per honest group; the colluders sign both.
    List<String> withVictim = ids;
    List<String> withoutVictim = ids.subList(1, n);
    List<String> firstGroup = honestIds.subList(0, Math.min(firstGroupSize, honestIds.size()));
    List<String> secondGroup = honestIds.subList(firstGroup.size(), honestIds.size());
    SortedMap<String, Bytes> firstSignatures = new TreeMap<>();
    SortedMap<String, Bytes> secondSignatures = new TreeMap<>();
    firstGroup.forEach(id -> firstSignatures.put(id, honest.get(id).consistencyCheck(new SurvivorSet(withVictim)).signature()));
    secondGroup.forEach(id -> secondSignatures.put(id, honest.get(id).consistencyCheck(new SurvivorSet(withoutVictim)).signature()));
    colluders.values().forEach(agency -> {
      firstSignatures.put(agency.id(), agency.sign(withVictim));
      secondSignatures.put(agency.id(), agency.sign(withoutVictim));
    });

    // Round 4: each group is asked to unmask for the set it signed.
    // An honest agency that refuses the request (ProtocolViolationException) reveals nothing.
    Map<String, String> aborted = new TreeMap<>();
    List<ShamirSecretSharing.Share> selfMaskShares = new ArrayList<>();
    List<ShamirSecretSharing.Share> maskingKeyShares = new ArrayList<>();
    for (String id : honestIds) {
      boolean first = firstGroup.contains(id);
      Unmasking answer;
      try {
        answer = honest.get(id).unmask(first ? new UnmaskingRequest(withVictim, firstSignatures)
            : new UnmaskingRequest(withoutVictim, secondSignatures));
      } catch (ProtocolViolationException e) {
        aborted.put(id, e.getMessage());
        continue;
      }
      Bytes share = first ? answer.selfMaskShares().get(victim) : answer.maskingKeyShares().get(victim);
      (first ? selfMaskShares : maskingKeyShares).add(ShamirSecretSharing.Share.fromBytes(share.toByteArray()));
    }
    colluders.values().forEach(agency -> {
      selfMaskShares.add(agency.selfMaskShareOf(victim));
      maskingKeyShares.add(agency.maskingKeyShareOf(victim));
    });
    if (selfMaskShares.size() < t || maskingKeyShares.size() < t) {
      return new Outcome(Optional.empty(), aborted, Optional.empty());
    }

    // Both secrets of the victim: remove its self mask and every pairwise mask from y_v.
    byte[] selfMaskSeed = parameters.shamir().combine(selfMaskShares);
    byte[] maskingKey = parameters.shamir().combine(maskingKeyShares);
    long[] input = masked.get(victim).maskedVector();
    Prg.fromSeed(selfMaskSeed).subtractFrom(input);
    for (AdvertiseKeys peer : advertised) {
      if (!peer.sender().equals(victim)) {
        Prg pairwise = Prg.fromSeed(SecAggCrypto.agree(maskingKey, peer.maskingKey().toByteArray(),
            parameters.roundId(), SecAggCrypto.MASK_SEED_LABEL));
        if (parameters.indexOf(victim) < parameters.indexOf(peer.sender())) {
          pairwise.subtractFrom(input);
        } else {
          pairwise.addTo(input);
        }
      }
    }
    return new Outcome(Optional.empty(), aborted, Optional.of(input));
  }

  /** The delivery for {@code recipient}: U2 = everyone, and every other sender's envelope for it. */
  private static ShareDelivery delivery(List<String> ids, Map<String, ShareKeys> shared, String recipient) {
    SortedMap<String, Bytes> envelopes = new TreeMap<>();
    shared.forEach((sender, message) -> {
      if (!sender.equals(recipient)) {
        envelopes.put(sender, message.envelopes().get(recipient));
      }
    });
    return new ShareDelivery(recipient, ids, envelopes);
  }
}
