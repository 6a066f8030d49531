package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.util.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pet.secagg.SecAggMessages.AdvertiseKeys;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.MaskedInput;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.ShareKeys;
import org.pet.secagg.SecAggMessages.SurvivorSet;
import org.pet.secagg.SecAggMessages.Unmasking;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;

/**
 * Misbehaving participants and a misbehaving server: honest parties abort with typed errors. The round of
 * 5 with t = 3 meets the bound 2t &gt; n + c for c = 0 colluders only, so it declares no colluders and the
 * participants tolerate none (the default policy, c = 1, would refuse it).
 */
class SecAggAdversaryTest {

  private static final int N = 5;
  private static final int T = 3;
  private final List<String> ids = IntStream.rangeClosed(1, N).mapToObj(i -> "p" + i).toList();
  private final Map<String, IdentityKeyPair> identities = new LinkedHashMap<>();
  private SecAggParameters parameters;
  private Map<String, SecAggClient> clients;
  private SecAggServer server;

  @BeforeEach
  void setUp() {
    SecAggParameters.Builder builder = SecAggParameters.builder().roundId("adversary").participants(ids)
        .threshold(T).toleratedColluders(0).vectorLength(3);
    for (String id : ids) {
      identities.put(id, IdentityKeyPair.generate());
      builder.identityKey(id, identities.get(id).publicKey());
    }
    parameters = builder.build();
    clients = new LinkedHashMap<>();
    for (int i = 0; i < N; i++) {
      clients.put(ids.get(i), new SecAggClient(parameters, ids.get(i), new long[] {i, 10L * i, -i}, identities.get(ids.get(i)),
          CollusionPolicy.tolerating(0)));
    }
    server = new SecAggServer(parameters);
  }

  private KeyDirectory advertiseAll() {
    clients.values().forEach(c -> server.receive(c.advertiseKeys()));
    return server.closeAdvertiseKeys();
  }

  private Map<String, ShareDelivery> shareAll(KeyDirectory directory) {
    clients.values().forEach(c -> server.receive(c.shareKeys(directory)));
    return server.closeShareKeys();
  }

  private SurvivorSet maskAll(Map<String, ShareDelivery> deliveries) {
    clients.values().forEach(c -> server.receive(c.maskedInput(deliveries.get(c.id()))));
    return server.closeMaskedInput();
  }

  @Test
  void advertiseKeys_fromUnlistedSender_rejected() {
    AdvertiseKeys genuine = clients.get("p1").advertiseKeys();
    AdvertiseKeys forged = new AdvertiseKeys("intruder", genuine.encryptionKey(), genuine.maskingKey(), genuine.signature());
    assertThatThrownBy(() -> server.receive(forged))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("unknown participant intruder");
  }

  @Test
  void advertiseKeys_forgedSignature_rejectedByServerAndByPeers() {
    AdvertiseKeys genuine = clients.get("p1").advertiseKeys();
    byte[] signature = genuine.signature().toByteArray();
    signature[7] ^= 1;
    AdvertiseKeys tampered = new AdvertiseKeys("p1", genuine.encryptionKey(), genuine.maskingKey(), Bytes.copyFrom(signature));
    assertThatThrownBy(() -> server.receive(tampered))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("invalid signature");
    // A server that forwards it anyway is caught by the participants.
    List<AdvertiseKeys> entries = new ArrayList<>(List.of(tampered));
    for (String id : List.of("p2", "p3")) {
      entries.add(clients.get(id).advertiseKeys());
    }
    assertThatThrownBy(() -> clients.get("p2").shareKeys(new KeyDirectory(entries)))
        .isInstanceOf(ProtocolViolationException.class);
    assertThat(clients.get("p2").phase()).isEqualTo(SecAggClient.Phase.ABORTED);
  }

  @Test
  void advertiseKeys_replayed_rejectedAndRoundContinues() {
    AdvertiseKeys message = clients.get("p1").advertiseKeys();
    server.receive(message);
    assertThatThrownBy(() -> server.receive(AdvertiseKeys.fromBytes(message.toBytes())))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("duplicate AdvertiseKeys from p1");
    ids.subList(1, N).forEach(id -> server.receive(clients.get(id).advertiseKeys()));
    assertThat(server.closeAdvertiseKeys().entries()).hasSize(N);
  }

  @Test
  void shareKeys_missingEnvelope_rejected() {
    KeyDirectory directory = advertiseAll();
    ShareKeys genuine = clients.get("p1").shareKeys(directory);
    SortedMap<String, Bytes> fewer = new TreeMap<>(genuine.envelopes());
    fewer.remove("p2");
    assertThatThrownBy(() -> server.receive(new ShareKeys("p1", fewer)))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("exactly one envelope");
  }

  @Test
  void shareDelivery_tamperedOrRedirectedEnvelope_detectedByRecipient() {
    Map<String, ShareDelivery> deliveries = shareAll(advertiseAll());
    ShareDelivery forP3 = deliveries.get("p3");
    SortedMap<String, Bytes> tampered = new TreeMap<>(forP3.envelopes());
    byte[] envelope = tampered.get("p1").toByteArray();
    envelope[envelope.length - 1] ^= 0x10;
    tampered.put("p1", Bytes.copyFrom(envelope));
    assertThatThrownBy(() -> clients.get("p3").maskedInput(new ShareDelivery("p3", forP3.senders(), tampered)))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("authentication");

    ShareDelivery forP4 = deliveries.get("p4");
    SortedMap<String, Bytes> redirected = new TreeMap<>(forP4.envelopes());
    redirected.put("p1", deliveries.get("p5").envelopes().get("p1")); // p1's envelope for p5
    assertThatThrownBy(() -> clients.get("p4").maskedInput(new ShareDelivery("p4", forP4.senders(), redirected)))
        .isInstanceOf(ProtocolViolationException.class);
  }

  @Test
  void maskedInput_wrongLengthOrFromNonMember_rejected() {
    shareAll(advertiseAll());
    assertThatThrownBy(() -> server.receive(new MaskedInput("p1", new long[2])))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("length 2");
    assertThatThrownBy(() -> server.receive(new MaskedInput("intruder", new long[3])))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("not in U2");
  }

  @Test
  void wireMessages_truncatedOrMistagged_rejected() {
    byte[] encoded = clients.get("p1").advertiseKeys().toBytes();
    assertThatThrownBy(() -> AdvertiseKeys.fromBytes(java.util.Arrays.copyOf(encoded, encoded.length - 1)))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("malformed AdvertiseKeys");
    assertThatThrownBy(() -> ShareKeys.fromBytes(encoded))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("wrong message tag");
  }

  /**
   * An equivocating server shows p5 as a survivor to some participants and as dropped to others, hoping
   * to collect both p5's self-mask shares and its masking-key shares. Participants only unmask for a
   * survivor set that at least t of them signed, so the side shown the second set refuses.
   */
  @Test
  void unmask_serverShowsDifferentSurvivorSets_refused() {
    SurvivorSet honest = maskAll(shareAll(advertiseAll()));
    SurvivorSet withoutP5 = new SurvivorSet(ids.subList(0, 4));
    SortedMap<String, Bytes> honestSignatures = new TreeMap<>();
    for (String id : List.of("p1", "p2", "p5")) {
      honestSignatures.put(id, clients.get(id).consistencyCheck(honest).signature());
    }
    SortedMap<String, Bytes> forgedSignatures = new TreeMap<>();
    for (String id : List.of("p3", "p4")) {
      forgedSignatures.put(id, clients.get(id).consistencyCheck(withoutP5).signature());
    }
    // Not enough signatures on the p5-less set, and p1's signature is on the other set.
    forgedSignatures.put("p1", honestSignatures.get("p1"));
    assertThatThrownBy(() -> clients.get("p3").unmask(new UnmaskingRequest(withoutP5.survivors(), forgedSignatures)))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("invalid consistency signature from p1");
    forgedSignatures.remove("p1");
    assertThatThrownBy(() -> clients.get("p4").unmask(new UnmaskingRequest(withoutP5.survivors(), forgedSignatures)))
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("fewer than the threshold");
    // And a participant cannot be asked twice: the second request meets a finished state machine.
    Unmasking first = clients.get("p1").unmask(new UnmaskingRequest(honest.survivors(), honestSignatures));
    assertThat(first.maskingKeyShares()).isEmpty();
    assertThatThrownBy(() -> clients.get("p1").unmask(new UnmaskingRequest(withoutP5.survivors(), forgedSignatures)))
        .isInstanceOf(IllegalStateException.class);
  }

  /**
   * The server's full legal view - every masked input and the self-mask shares of p5 from all n - 1 other
   * participants, but p5 alive - does not give p5's input: no masking-key share of p5 is ever revealed,
   * and removing p5's self mask still leaves the pairwise masks on it.
   */
  @Test
  void serverView_honestSurvivor_inputStaysMasked() {
    Map<String, ShareDelivery> deliveries = shareAll(advertiseAll());
    Map<String, MaskedInput> maskedInputs = new LinkedHashMap<>();
    for (SecAggClient client : clients.values()) {
      MaskedInput masked = client.maskedInput(deliveries.get(client.id()));
      maskedInputs.put(client.id(), masked);
      server.receive(masked);
    }
    SurvivorSet survivors = server.closeMaskedInput();
    clients.values().forEach(c -> server.receive(c.consistencyCheck(survivors)));
    UnmaskingRequest request = server.closeConsistencyCheck();
    List<ShamirSecretSharing.Share> p5SelfMaskShares = new ArrayList<>();
    for (String id : ids.subList(0, 4)) {
      Unmasking answer = clients.get(id).unmask(request);
      assertThat(answer.maskingKeyShares()).doesNotContainKey("p5");
      p5SelfMaskShares.add(ShamirSecretSharing.Share.fromBytes(answer.selfMaskShares().get("p5").toByteArray()));
      server.receive(answer);
    }
    byte[] p5SelfMask = parameters.shamir().combine(p5SelfMaskShares);
    long[] withoutSelfMask = maskedInputs.get("p5").maskedVector();
    Prg.fromSeed(p5SelfMask).subtractFrom(withoutSelfMask);
    assertThat(withoutSelfMask).isNotEqualTo(new long[] {4, 40, -4});
    // The sum itself is exact.
    assertThat(server.finish().sum()).isEqualTo(new long[] {10, 100, -10});
  }

  /** An encoded share, decoded, shifted by one in the field and encoded again. */
  static Bytes shifted(Bytes encoded) {
    ShamirSecretSharing.Share share = ShamirSecretSharing.Share.fromBytes(encoded.toByteArray());
    return Bytes.copyFrom(new ShamirSecretSharing.Share(share.index(), share.secretLength(),
        share.value().add(BigInteger.ONE).mod(ShamirSecretSharing.PRIME)).toBytes());
  }

  /** Each survivor's answer, with {@code liars} revealing a wrong share of p2's self-mask seed. */
  private void unmaskWithLiars(List<String> liars) {
    SurvivorSet survivors = maskAll(shareAll(advertiseAll()));
    clients.values().forEach(c -> server.receive(c.consistencyCheck(survivors)));
    UnmaskingRequest request = server.closeConsistencyCheck();
    for (SecAggClient client : clients.values()) {
      Unmasking answer = client.unmask(request);
      if (liars.contains(client.id())) {
        SortedMap<String, Bytes> selfMask = new TreeMap<>(answer.selfMaskShares());
        selfMask.put("p2", shifted(selfMask.get("p2")));
        answer = new Unmasking(answer.sender(), answer.maskingKeyShares(), selfMask);
      }
      server.receive(answer);
    }
  }

  /**
   * A survivor reveals a wrong share of another survivor's self-mask seed, either among the t shares the
   * server reconstructs from (p1) or beyond them (p5): the server's parity check over all revealed shares
   * catches it, and with 5 shares for t = 3 one wrong share is corrected - the sum is exact and the liar
   * named - instead of a sum with a wrong mask removed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"p1", "p5"})
  void finish_tamperedSelfMaskShare_correctedAndNamed(String liar) {
    unmaskWithLiars(List.of(liar));
    SecAggResult result = server.finish();
    assertThat(result.sum()).isEqualTo(new long[] {10, 100, -10});
    assertThat(result.corruptedShareSenders()).containsExactly(liar);
  }

  /** Two wrong shares of five, for t = 3, cannot be corrected: the round aborts. */
  @Test
  void finish_twoTamperedSelfMaskShares_abort() {
    unmaskWithLiars(List.of("p1", "p5"));
    assertThatThrownBy(() -> server.finish())
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("revealed shares for p2 are inconsistent");
    assertThat(server.phase()).isEqualTo(SecAggServer.Phase.ABORTED);
  }

  /** The same for a share of a dropped participant's masking key. */
  @Test
  void finish_tamperedMaskingKeyShare_detected() {
    Map<String, ShareDelivery> deliveries = shareAll(advertiseAll());
    ids.subList(0, 4).forEach(id -> server.receive(clients.get(id).maskedInput(deliveries.get(id))));
    SurvivorSet survivors = server.closeMaskedInput();
    ids.subList(0, 4).forEach(id -> server.receive(clients.get(id).consistencyCheck(survivors)));
    UnmaskingRequest request = server.closeConsistencyCheck();
    for (String id : ids.subList(0, 4)) {
      Unmasking answer = clients.get(id).unmask(request);
      if (id.equals("p4")) {
        SortedMap<String, Bytes> keys = new TreeMap<>(answer.maskingKeyShares());
        keys.put("p5", shifted(keys.get("p5")));
        answer = new Unmasking(answer.sender(), keys, answer.selfMaskShares());
      }
      server.receive(answer);
    }
    assertThatThrownBy(() -> server.finish())
        .isInstanceOf(ProtocolViolationException.class).hasMessageContaining("revealed shares for p5 are inconsistent");
  }
}
