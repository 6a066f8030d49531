package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.ShareKeys;
import org.pet.secagg.SecAggMessages.Unmasking;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;
import org.pet.secagg.SecAggSimulation.Stage;

/**
 * SecAgg+ rounds: participants mask and share only within their neighbourhoods, the server checks every
 * neighbourhood's threshold, and the sum is exactly the survivors' whenever every neighbourhood keeps t
 * members - predicted by an independent model of who remains at each stage.
 */
class SecAggPlusRoundTest {

  private static List<String> agencies(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "agency-" + i).toList();
  }

  /**
   * Random SecAgg+ rounds and dropout schedules: the simulation completes with the exact sum of the
   * participants whose masked input arrived exactly when the model says every neighbourhood kept t
   * members at every stage, and aborts otherwise.
   */
  @Property(tries = 100)
  void anyDropoutSchedule_exactSumOfSurvivorsOrAbort_asTheNeighbourhoodModelPredicts(
      @ForAll @IntRange(min = 6, max = 40) int n, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int k = 2 + 2 * random.nextInt((n - 3) / 2);
    int t = 2 + random.nextInt(k);
    List<String> ids = agencies(n);
    SecAggParameters parameters = SecAggParameters.builder().roundId("plus-" + seed).participants(ids)
        .threshold(t).toleratedColluders(0).vectorLength(2).neighbours(k).build();
    Map<String, long[]> inputs = SecAggSimulation.inputs(parameters, id -> random.longs(2).toArray());
    Map<String, Stage> dropouts = new HashMap<>();
    double dropoutRate = 0.25 * random.nextDouble();
    for (String id : ids) {
      if (random.nextDouble() < dropoutRate) {
        dropouts.put(id, Stage.values()[random.nextInt(Stage.values().length)]);
      }
    }
    Set<String> expectedSurvivors = model(parameters.graph(), t, ids, dropouts);
    Statistics.collect(expectedSurvivors == null ? "aborts" : "completes");
    if (expectedSurvivors == null) {
      assertThatThrownBy(() -> SecAggSimulation.run(parameters, inputs, Map.of(), dropouts))
          .isInstanceOf(RoundAbortedException.class);
      return;
    }
    SecAggResult result = SecAggSimulation.run(parameters, inputs, Map.of(), dropouts).result();
    long[] expected = new long[2];
    for (String id : expectedSurvivors) {
      expected[0] += inputs.get(id)[0];
      expected[1] += inputs.get(id)[1];
    }
    assertThat(result.included()).containsExactlyInAnyOrderElementsOf(expectedSurvivors);
    assertThat(result.sum()).isEqualTo(expected);
  }

  /**
   * Who is in U3 if the round completes, or null if it aborts: a participant active at a stage takes part;
   * one with fewer than t of its closed neighbourhood in U1 (or U2) aborts itself; the server drops from U2
   * anyone whose closed neighbourhood in U2 is below t (until none is); every member of U2 needs t holders
   * in U3, and then t of them among the unmaskers.
   */
  private static Set<String> model(CommunicationGraph graph, int t, List<String> ids, Map<String, Stage> dropouts) {
    Set<String> u1 = activeAt(Stage.ADVERTISE_KEYS, ids, dropouts);
    if (u1.size() < t) {
      return null;
    }
    Set<String> u2 = new HashSet<>();
    for (String id : activeAt(Stage.SHARE_KEYS, ids, dropouts)) {
      if (u1.contains(id) && closed(graph, id, u1) >= t) {
        u2.add(id);
      }
    }
    boolean removed = true;
    while (removed) {
      removed = u2.removeIf(id -> closed(graph, id, u2) < t);
    }
    if (u2.size() < t) {
      return null;
    }
    Set<String> u3 = new HashSet<>(activeAt(Stage.MASKED_INPUT, ids, dropouts));
    u3.retainAll(u2);
    if (u3.size() < t || u2.stream().anyMatch(owner -> closed(graph, owner, u3) < t)) {
      return null;
    }
    Set<String> unmaskers = new HashSet<>(activeAt(Stage.UNMASKING, ids, dropouts));
    unmaskers.retainAll(u3);
    if (unmaskers.size() < t || u2.stream().anyMatch(owner -> closed(graph, owner, unmaskers) < t)) {
      return null;
    }
    return u3;
  }

  private static Set<String> activeAt(Stage stage, List<String> ids, Map<String, Stage> dropouts) {
    Set<String> active = new HashSet<>();
    for (String id : ids) {
      if (!dropouts.containsKey(id) || dropouts.get(id).compareTo(stage) > 0) {
        active.add(id);
      }
    }
    return active;
  }

  /** The first {@code count} neighbours of {@code agency} (in id order), dropping out before {@code stage}. */
  private static Map<String, Stage> neighboursDropping(SecAggParameters parameters, String agency, int count,
      Stage stage) {
    Map<String, Stage> dropouts = new HashMap<>();
    new ArrayList<>(parameters.graph().neighbours(agency)).subList(0, count).forEach(id -> dropouts.put(id, stage));
    return dropouts;
  }

  /** |(N(id) + id) within stage|, counted from the public neighbour sets. */
  private static int closed(CommunicationGraph graph, String id, Set<String> stage) {
    int count = stage.contains(id) ? 1 : 0;
    for (String neighbour : graph.neighbours(id)) {
      if (stage.contains(neighbour)) {
        count++;
      }
    }
    return count;
  }

  /**
   * A thousand agencies in one SecAgg+ round (k and t recommended for 10% dropouts and c = n/10), every
   * tenth dropping out before its masked input: the sum is exactly the other 900's, and no agency sent
   * more than k envelopes.
   */
  @Test
  void thousandAgencies_secAggPlusRound_exactSumOfTheSurvivors() {
    List<String> ids = agencies(1000);
    SecAggPlus.Recommendation plus = SecAggPlus.recommend(1000, 0.1, 0.1);
    SecAggParameters parameters = SecAggParameters.builder().roundId("a-thousand").participants(ids)
        .threshold(plus.threshold()).neighbours(plus.neighbours()).toleratedColluders(100).vectorLength(4).build();
    SplittableRandom random = new SplittableRandom(1000);
    Map<String, long[]> inputs = SecAggSimulation.inputs(parameters, id -> random.longs(4).toArray());
    Map<String, Stage> dropouts = new HashMap<>();
    long[] expected = new long[4];
    for (int i = 0; i < ids.size(); i++) {
      if (i % 10 == 9) {
        dropouts.put(ids.get(i), Stage.MASKED_INPUT);
      } else {
        for (int j = 0; j < 4; j++) {
          expected[j] += inputs.get(ids.get(i))[j];
        }
      }
    }
    SecAggSimulation.Report report = SecAggSimulation.run(parameters, inputs, Map.of(), dropouts);
    assertThat(report.result().included()).hasSize(900);
    assertThat(report.result().sum()).isEqualTo(expected);
    // Each ShareKeys carries k envelopes of at most a few hundred bytes: far below n of them.
    assertThat(report.uploadBytes().get(Stage.SHARE_KEYS) / 1000).isLessThan(plus.neighbours() * 400L);
  }

  @Test
  void eachParticipant_sharesWithAndRevealsForExactlyItsNeighbours() {
    List<String> ids = agencies(30);
    SecAggParameters parameters = SecAggParameters.builder().roundId("neighbourhoods").participants(ids)
        .threshold(4).toleratedColluders(0).vectorLength(3).neighbours(6).build();
    CommunicationGraph graph = parameters.graph();
    Map<String, SecAggClient> clients = new LinkedHashMap<>();
    ids.forEach(id -> clients.put(id, new SecAggClient(parameters, id, new long[] {1, 2, 3}, null,
        CollusionPolicy.tolerating(0))));
    SecAggServer server = new SecAggServer(parameters);
    clients.values().forEach(c -> server.receive(c.advertiseKeys()));
    KeyDirectory directory = server.closeAdvertiseKeys();
    for (SecAggClient client : clients.values()) {
      ShareKeys shareKeys = client.shareKeys(directory);
      assertThat(shareKeys.envelopes().keySet()).isEqualTo(graph.neighbours(client.id()));
      server.receive(shareKeys);
    }
    Map<String, ShareDelivery> deliveries = server.closeShareKeys();
    assertThat(deliveries.get("agency-1").envelopes().keySet()).isEqualTo(graph.neighbours("agency-1"));
    // agency-2 leaves before masking: its neighbours reveal shares of its masking key, everyone else's seeds.
    clients.values().stream().filter(c -> !c.id().equals("agency-2"))
        .forEach(c -> server.receive(c.maskedInput(deliveries.get(c.id()))));
    server.closeMaskedInput();
    UnmaskingRequest request = server.closeConsistencyCheck();
    for (SecAggClient client : clients.values()) {
      if (client.id().equals("agency-2")) {
        continue;
      }
      Unmasking unmasking = client.unmask(request);
      Set<String> owners = new HashSet<>(graph.neighbours(client.id()));
      owners.add(client.id());
      Set<String> revealedFor = new HashSet<>(unmasking.selfMaskShares().keySet());
      revealedFor.addAll(unmasking.maskingKeyShares().keySet());
      assertThat(revealedFor).isEqualTo(owners);
      assertThat(unmasking.maskingKeyShares().keySet())
          .isEqualTo(graph.neighbours(client.id()).contains("agency-2") ? Set.of("agency-2") : Set.of());
      server.receive(unmasking);
    }
    assertThat(server.finish().sum()).containsExactly(29, 58, 87);
  }

  @Test
  void aNeighbourhoodLeftWithFewerThanTSurvivors_abortsAtMaskedInput_namingTheParticipant() {
    List<String> ids = agencies(40);
    SecAggParameters parameters = SecAggParameters.builder().roundId("thin-neighbourhood").participants(ids)
        .threshold(5).toleratedColluders(0).vectorLength(1).neighbours(6).build();
    // Three of its six neighbours leave before masking: agency-7 keeps 3 + itself = 4 < 5 holders in U3.
    Map<String, Stage> dropouts = neighboursDropping(parameters, "agency-7", 3, Stage.MASKED_INPUT);
    assertThatThrownBy(() -> SecAggSimulation.run(parameters, SecAggSimulation.inputs(parameters, id -> new long[] {1}),
        Map.of(), dropouts)).isInstanceOf(RoundAbortedException.class).hasMessageContaining("U3")
        .hasMessageContaining("fewer than the threshold 5");
  }

  @Test
  void aParticipantWhoseNeighboursMostlyFailedToShare_isLeftOut_andTheRoundCompletes() {
    List<String> ids = agencies(60);
    SecAggParameters parameters = SecAggParameters.builder().roundId("left-out").participants(ids)
        .threshold(3).toleratedColluders(0).vectorLength(1).neighbours(8).build();
    String victim = "agency-20";
    // Seven of its eight neighbours advertise keys but never share: victim + 1 < 3 holders in U2.
    Map<String, Stage> dropouts = neighboursDropping(parameters, victim, 7, Stage.SHARE_KEYS);
    Set<String> expected = model(parameters.graph(), 3, ids, dropouts);
    assertThat(expected).as("the model expects completion without the victim").isNotNull().doesNotContain(victim);
    SecAggResult result = SecAggSimulation.run(parameters, SecAggSimulation.inputs(parameters, id -> new long[] {1}),
        Map.of(), dropouts).result();
    assertThat(result.included()).doesNotContain(victim).hasSize(expected.size());
    assertThat(result.sum()).containsExactly(expected.size());
  }

  @Test
  void authenticatedRound_needsTheQuorumOfSignatures_andCompletesWithIt() {
    List<String> ids = agencies(20);
    SecAggPlus.Recommendation recommendation = SecAggPlus.recommend(20, 0.1, 1.0 / 3);
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("plus-authenticated").participants(ids)
        .threshold(recommendation.threshold()).vectorLength(1).neighbours(recommendation.neighbours());
    Map<String, IdentityKeyPair> identities = new HashMap<>();
    for (String id : ids) {
      identities.put(id, IdentityKeyPair.generate());
      builder.identityKey(id, identities.get(id).publicKey());
    }
    SecAggParameters parameters = builder.build();
    assertThat(parameters.completeGraph()).isFalse();
    assertThat(parameters.signatureQuorum()).isEqualTo((20 + 6) / 2 + 1);
    Map<String, long[]> inputs = SecAggSimulation.inputs(parameters, id -> new long[] {3});
    SecAggResult result = SecAggSimulation.run(parameters, inputs, identities,
        Map.of("agency-4", Stage.MASKED_INPUT, "agency-9", Stage.UNMASKING)).result();
    assertThat(result.sum()).containsExactly(3 * 19);
    // Seven participants that stop before signing leave 13 signatures, one short of the quorum of 14.
    Map<String, Stage> quiet = new HashMap<>();
    ids.subList(0, 7).forEach(id -> quiet.put(id, Stage.CONSISTENCY_CHECK));
    assertThatThrownBy(() -> SecAggSimulation.run(parameters, inputs, identities, quiet))
        .isInstanceOf(RoundAbortedException.class).hasMessageContaining("quorum 14");
  }

  @Test
  void wrongSharesFromAnUnmasker_areCorrectedAndNamed_inASecAggPlusRound() {
    List<String> ids = agencies(24);
    SecAggParameters parameters = SecAggParameters.builder().roundId("plus-robust").participants(ids)
        .threshold(3).toleratedColluders(0).vectorLength(1).neighbours(8).build();
    Map<String, SecAggClient> clients = new LinkedHashMap<>();
    ids.forEach(id -> clients.put(id, new SecAggClient(parameters, id, new long[] {5}, null, CollusionPolicy.tolerating(0))));
    SecAggServer server = new SecAggServer(parameters);
    clients.values().forEach(c -> server.receive(c.advertiseKeys()));
    KeyDirectory directory = server.closeAdvertiseKeys();
    clients.values().forEach(c -> server.receive(c.shareKeys(directory)));
    Map<String, ShareDelivery> deliveries = server.closeShareKeys();
    clients.values().forEach(c -> server.receive(c.maskedInput(deliveries.get(c.id()))));
    server.closeMaskedInput();
    UnmaskingRequest request = server.closeConsistencyCheck();
    for (SecAggClient client : clients.values()) {
      Unmasking answer = client.unmask(request);
      if (client.id().equals("agency-11")) {
        SortedMap<String, Bytes> lies = new TreeMap<>();
        answer.selfMaskShares().forEach((owner, share) -> lies.put(owner, SecAggAdversaryTest.shifted(share)));
        answer = new Unmasking(answer.sender(), answer.maskingKeyShares(), lies);
      }
      server.receive(answer);
    }
    SecAggResult result = server.finish();
    assertThat(result.sum()).containsExactly(5 * 24);
    assertThat(result.corruptedShareSenders()).containsExactly("agency-11");
  }

  /**
   * An agency verifies the directory signatures of the keys it uses - its neighbours' and its own - and
   * ignores the others' (the server verifies every one on receipt): a forged signature on a non-neighbour's
   * entry leaves it unaffected, one on a neighbour's entry makes it refuse.
   */
  @Test
  void directorySignatures_ofNeighboursAreVerified_othersAreNotNeeded() {
    List<String> ids = agencies(12);
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("directory").participants(ids)
        .threshold(3).toleratedColluders(1).vectorLength(1).neighbours(4);
    Map<String, IdentityKeyPair> identities = new HashMap<>();
    for (String id : ids) {
      identities.put(id, IdentityKeyPair.generate());
      builder.identityKey(id, identities.get(id).publicKey());
    }
    SecAggParameters parameters = builder.build();
    CommunicationGraph graph = parameters.graph();
    String me = "agency-1";
    String neighbour = graph.neighbours(me).first();
    String stranger = ids.stream().filter(id -> !id.equals(me) && !graph.adjacent(me, id)).findFirst().orElseThrow();
    for (String forged : List.of(stranger, neighbour)) {
      List<SecAggMessages.AdvertiseKeys> entries = new ArrayList<>();
      SecAggClient mine = null;
      for (String id : ids) {
        SecAggClient client = new SecAggClient(parameters, id, new long[] {1}, identities.get(id), CollusionPolicy.tolerating(1));
        SecAggMessages.AdvertiseKeys keys = client.advertiseKeys();
        if (id.equals(forged)) {
          byte[] signature = keys.signature().toByteArray();
          signature[0] ^= 1;
          keys = new SecAggMessages.AdvertiseKeys(id, keys.encryptionKey(), keys.maskingKey(), Bytes.copyFrom(signature));
        }
        entries.add(keys);
        mine = id.equals(me) ? client : mine;
      }
      SecAggClient agency = mine;
      KeyDirectory directory = new KeyDirectory(entries);
      if (forged.equals(stranger)) {
        assertThat(agency.shareKeys(directory).envelopes()).hasSize(4);
      } else {
        assertThatThrownBy(() -> agency.shareKeys(directory)).isInstanceOf(ProtocolViolationException.class)
            .hasMessageContaining("invalid signature").hasMessageContaining(neighbour);
      }
    }
  }

  @Test
  void messagesOfOneGraph_doNotAuthenticateUnderAnother() {
    List<String> ids = agencies(12);
    SecAggParameters four = SecAggParameters.builder().roundId("bound").participants(ids).threshold(3)
        .toleratedColluders(0).vectorLength(1).neighbours(4).build();
    SecAggParameters six = SecAggParameters.builder().roundId("bound").participants(ids).threshold(3)
        .toleratedColluders(0).vectorLength(1).neighbours(6).build();
    SecAggParameters complete = SecAggParameters.builder().roundId("bound").participants(ids).threshold(3)
        .toleratedColluders(0).vectorLength(1).build();
    SecAggMessages.SurvivorSet survivors = new SecAggMessages.SurvivorSet(ids);
    assertThat(survivors.signedContent(complete)).isEqualTo(survivors.signedContent("bound"));
    byte[] plus = survivors.signedContent(four);
    byte[] legacy = survivors.signedContent("bound");
    assertThat(plus).hasSize(legacy.length + 5).startsWith(legacy);
    assertThat(plus[legacy.length]).as("version byte").isEqualTo((byte) 2);
    assertThat(plus).isNotEqualTo(survivors.signedContent(six));
    byte[] key = new byte[32];
    ShamirSecretSharing.Share share = four.shamir().splitAt(new byte[] {1}, new int[] {2}).get(0);
    byte[] sealed = new ShareEnvelope("agency-1", "agency-2", share, share).seal(key, four);
    assertThat(ShareEnvelope.open(key, sealed, four, "agency-1", "agency-2", 2).owner()).isEqualTo("agency-1");
    assertThatThrownBy(() -> ShareEnvelope.open(key, sealed, six, "agency-1", "agency-2", 2))
        .isInstanceOf(ProtocolViolationException.class);
  }

  @Test
  void parameters_refuseSecAggPlusSettingsThatBreakTheBounds() {
    List<String> ids = agencies(100);
    SecAggParameters.Builder base = SecAggParameters.builder().roundId("bad").participants(ids).vectorLength(1);
    assertThatThrownBy(() -> base.threshold(3).neighbours(7).toleratedColluders(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`neighbours` must be");
    assertThatThrownBy(() -> base.threshold(10).neighbours(8).toleratedColluders(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neighbours + 1 = 9");
    int b = SecAggPlus.neighbourhoodColluders(100, 20, 33);
    assertThatThrownBy(() -> base.threshold(b).neighbours(20).toleratedColluders(33).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must exceed " + b);
    SecAggParameters ok = base.threshold(b + 1).neighbours(20).toleratedColluders(33).build();
    assertThat(ok.neighbourhoodColluders()).isEqualTo(b);
    assertThat(ok.protectedSurvivors()).isEqualTo(1);
    assertThat(SecAggParameters.builder().roundId("big-k").participants(ids).vectorLength(1).threshold(70)
        .neighbours(500).build().completeGraph()).as("k >= n - 1 is the complete graph").isTrue();
  }
}
