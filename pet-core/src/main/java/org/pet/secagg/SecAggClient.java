package org.pet.secagg;

import com.google.crypto.tink.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.pet.random.Randomness;
import org.pet.secagg.SecAggMessages.AdvertiseKeys;
import org.pet.secagg.SecAggMessages.ConsistencyCheck;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.MaskedInput;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.ShareKeys;
import org.pet.secagg.SecAggMessages.SurvivorSet;
import org.pet.secagg.SecAggMessages.Unmasking;
import org.pet.secagg.SecAggMessages.UnmaskingRequest;

/**
 * One participant of a secure aggregation round (Bonawitz et al., CCS 2017), as a pure state machine:
 * each method takes the server's message for the next round and returns the participant's answer.
 *
 * <p><b>Security.</b> The participant's input leaves it only as y = x + PRG(b) + sum_v +-PRG(s_uv) in
 * Z_2^64, which is uniformly distributed to anyone who lacks b or all the pairwise seeds. The participant
 * takes part only in rounds its {@link CollusionPolicy} accepts (checked by the constructor): with up to c
 * participants colluding with the server, it requires c &lt; t, in the authenticated variant
 * 2t &gt; n + c, and that the round declares at least c tolerated colluders. Then nothing beyond the sum
 * of the survivors' inputs is learned by an honest-but-curious server (plain variant) or by a server that
 * forges, drops or equivocates (authenticated variant), colluding with up to c participants. The
 * participant checks every message (listed senders, set inclusions, sizes >= t, envelope authenticity,
 * and in the authenticated variant the identity signatures and that at least t survivors signed the same
 * survivor set) and reveals, for each peer, either its share of that peer's self-mask seed (peer survived)
 * or of its masking key (peer dropped), never both. It signs one survivor set: an agency must run one
 * participant per round id, never a second one for the same round (for example after a restart).
 *
 * <p>In a SecAgg+ round ({@link SecAggParameters#neighbours()} below n - 1) the participant masks with, and
 * shares its secrets among, only its neighbours in the round's {@link CommunicationGraph}, aborting when fewer
 * than t of its neighbourhood remain; see {@link SecAggPlus} for the guarantee.
 *
 * <p>Calls must follow the round order; a call out of order throws {@link IllegalStateException}. A
 * broken message throws {@link ProtocolViolationException} and a stage with fewer than t participants
 * {@link RoundAbortedException}; after either the participant refuses all further calls. Not
 * thread-safe.
 */
public final class SecAggClient {

  /** The participant's progress through the round. */
  public enum Phase { NEW, KEYS_ADVERTISED, KEYS_SHARED, INPUT_MASKED, CONSISTENCY_SIGNED, FINISHED, ABORTED }

  private final SecAggParameters parameters;
  /** Whom this participant masks with and shares among: everyone, or its SecAgg+ neighbours. */
  private final CommunicationGraph graph;
  private final String id;
  private final int index;
  private final long[] input;
  private final IdentityKeyPair identity;
  private Phase phase = Phase.NEW;

  private SecAggCrypto.AgreementKeyPair encryptionKeys;
  /** Where {@link #maskedInput} agrees keys and expands masks; null for the calling thread. */
  private final Executor executor;
  private SecAggCrypto.AgreementKeyPair maskingKeys;
  private byte[] selfMaskSeed;
  /** Envelope keys by peer; X25519 is symmetric, so one agreement serves both directions. */
  private final Map<String, byte[]> envelopeKeys = new HashMap<>();
  private Map<String, AdvertiseKeys> directory;
  private List<String> shareSenders;
  private final Map<String, ShamirSecretSharing.Share> heldSelfMaskShares = new HashMap<>();
  private final Map<String, ShamirSecretSharing.Share> heldMaskingKeyShares = new HashMap<>();
  private List<String> signedSurvivors;
  private final Set<String> revealedSelfMask = new HashSet<>();
  private final Set<String> revealedMaskingKey = new HashSet<>();

  /**
   * A participant with the {@linkplain CollusionPolicy#defaultPolicy() default policy}: tolerates the
   * largest number of colluders below n/3.
   *
   * @see #SecAggClient(SecAggParameters, String, long[], IdentityKeyPair, CollusionPolicy)
   */
  public SecAggClient(SecAggParameters parameters, String id, long[] input, IdentityKeyPair identity) {
    this(parameters, id, input, identity, CollusionPolicy.defaultPolicy());
  }

  /**
   * @param parameters the round's public parameters
   * @param id this participant's id, listed in the parameters
   * @param input the encoded input vector; if the round has distributed noise, this participant's noise
   *     share is added to a copy of it here
   * @param identity the participant's identity keys; required exactly when the round is authenticated
   * @param policy the number of colluding participants this participant must tolerate, configured
   *     locally (never taken from the server)
   * @throws IllegalArgumentException if the id is not listed, the input has the wrong length, or the
   *     identity does not match the round's variant or the registered key
   * @throws RoundRefusedException if the round does not meet {@code policy}
   */
  public SecAggClient(SecAggParameters parameters, String id, long[] input, IdentityKeyPair identity,
      CollusionPolicy policy) {
    this(parameters, id, input, identity, policy, null);
  }

  /**
   * A participant whose {@link #maskedInput} spreads its key agreements and mask expansions over
   * {@code executor}, waiting for them; the masked input is identical to the single-threaded one.
   *
   * @param executor where to run the masking work, or null for the calling thread
   * @see #SecAggClient(SecAggParameters, String, long[], IdentityKeyPair, CollusionPolicy)
   */
  public SecAggClient(SecAggParameters parameters, String id, long[] input, IdentityKeyPair identity,
      CollusionPolicy policy, Executor executor) {
    this.executor = executor;
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(policy, "policy");
    if (!parameters.isParticipant(id)) {
      throw new IllegalArgumentException("`id` " + id + " is not a participant of round " + parameters.roundId());
    }
    if (input.length != parameters.vectorLength()) {
      throw new IllegalArgumentException(
          "`input` must have length " + parameters.vectorLength() + ", had " + input.length);
    }
    if (parameters.authenticated() != (identity != null)) {
      throw new IllegalArgumentException(parameters.authenticated()
          ? "`identity` is required in an authenticated round" : "`identity` must be null in an unauthenticated round");
    }
    if (identity != null && !parameters.identityKeys().get(id).equals(Bytes.copyFrom(identity.publicKey()))) {
      throw new IllegalArgumentException("`identity` does not match the key registered for " + id);
    }
    policy.check(parameters);
    this.graph = parameters.graph();
    this.id = id;
    this.index = parameters.indexOf(id);
    this.input = input.clone();
    if (parameters.noise() != null) {
      parameters.noise().addShareTo(this.input);
    }
    this.identity = identity;
  }

  public Phase phase() {
    return phase;
  }

  public String id() {
    return id;
  }

  /** Round 0: generates this round's key pairs and advertises their public halves. */
  public AdvertiseKeys advertiseKeys() {
    expect(Phase.NEW);
    encryptionKeys = SecAggCrypto.AgreementKeyPair.generate();
    maskingKeys = SecAggCrypto.AgreementKeyPair.generate();
    AdvertiseKeys unsigned = new AdvertiseKeys(id, Bytes.copyFrom(encryptionKeys.publicKey()),
        Bytes.copyFrom(maskingKeys.publicKey()), Bytes.copyFrom(new byte[0]));
    AdvertiseKeys message = identity == null ? unsigned : new AdvertiseKeys(id, unsigned.encryptionKey(),
        unsigned.maskingKey(), Bytes.copyFrom(identity.sign(unsigned.signedContent(parameters))));
    phase = Phase.KEYS_ADVERTISED;
    return message;
  }

  /** Round 1: checks the key directory and sends every peer its envelope of shares. */
  public ShareKeys shareKeys(KeyDirectory keyDirectory) {
    expect(Phase.KEYS_ADVERTISED);
    return guarded(() -> {
      directory = SecAggVerification.checkDirectory(parameters, keyDirectory, graph, id);
      AdvertiseKeys mine = directory.get(id);
      if (mine == null || !mine.maskingKey().equals(Bytes.copyFrom(maskingKeys.publicKey()))
          || !mine.encryptionKey().equals(Bytes.copyFrom(encryptionKeys.publicKey()))) {
        throw new ProtocolViolationException("key directory does not hold this participant's keys");
      }
      selfMaskSeed = new byte[Prg.SEED_BYTES];
      Randomness.secureRandom().nextBytes(selfMaskSeed);
      // The holders of this participant's shares: its closed neighbourhood among U1 (everyone in U1 for the
      // complete graph).
      List<String> holders = holders(directory.keySet(), "U1");
      int[] indices = holders.stream().mapToInt(parameters::indexOf).toArray();
      ShamirSecretSharing shamir = parameters.shamir();
      List<ShamirSecretSharing.Share> seedShares = shamir.splitAt(selfMaskSeed, indices);
      List<ShamirSecretSharing.Share> keyShares = shamir.splitAt(maskingKeys.privateKey(), indices);
      SortedMap<String, Bytes> envelopes = new TreeMap<>();
      for (int i = 0; i < holders.size(); i++) {
        String peer = holders.get(i);
        ShareEnvelope envelope = new ShareEnvelope(id, peer, seedShares.get(i), keyShares.get(i));
        if (peer.equals(id)) {
          keep(envelope);
        } else {
          byte[] key = SecAggCrypto.agree(encryptionKeys.privateKey(),
              directory.get(peer).encryptionKey().toByteArray(), parameters.roundId(),
              SecAggCrypto.ENVELOPE_KEY_LABEL);
          envelopeKeys.put(peer, key);
          envelopes.put(peer, Bytes.copyFrom(envelope.seal(key, parameters)));
        }
      }
      phase = Phase.KEYS_SHARED;
      return new ShareKeys(id, envelopes);
    });
  }

  /** Round 2: opens the envelopes addressed to this participant and sends the masked input. */
  public MaskedInput maskedInput(ShareDelivery delivery) {
    expect(Phase.KEYS_SHARED);
    return guarded(() -> {
      if (!delivery.recipient().equals(id)) {
        throw new ProtocolViolationException("share delivery addressed to " + delivery.recipient());
      }
      shareSenders = SecAggVerification.checkSubset(parameters, delivery.senders(), directory.keySet(), id, "U2");
      List<String> peers = without(holders(new HashSet<>(shareSenders), "U2"), id);
      if (!delivery.envelopes().keySet().equals(new HashSet<>(peers))) {
        throw new ProtocolViolationException("share delivery must hold one envelope from every other "
            + (graph.isComplete() ? "sender" : "neighbour among the senders"));
      }
      for (Map.Entry<String, Bytes> entry : delivery.envelopes().entrySet()) {
        String sender = entry.getKey();
        keep(ShareEnvelope.open(envelopeKeys.get(sender), entry.getValue().toByteArray(), parameters,
            sender, id, index));
      }
      long[] masked = input.clone();
      MaskExpansion expansion = new MaskExpansion(executor);
      List<MaskExpansion.Term> masks = new ArrayList<>();
      masks.add(new MaskExpansion.Term(selfMaskSeed, false));
      // +PRG(s_uv) towards peers with a higher index, -PRG(s_uv) towards lower ones.
      masks.addAll(expansion.map(peers, peer -> new MaskExpansion.Term(
          SecAggCrypto.agree(maskingKeys.privateKey(), directory.get(peer).maskingKey().toByteArray(),
              parameters.roundId(), SecAggCrypto.MASK_SEED_LABEL), index > parameters.indexOf(peer))));
      expansion.apply(masked, masks);
      phase = Phase.INPUT_MASKED;
      return new MaskedInput(id, masked);
    });
  }

  /** Round 3 (authenticated variant only): signs the survivor set this participant was shown. */
  public ConsistencyCheck consistencyCheck(SurvivorSet survivors) {
    expect(Phase.INPUT_MASKED);
    if (!parameters.authenticated()) {
      throw new IllegalStateException("the consistency check runs only in authenticated rounds");
    }
    return guarded(() -> {
      signedSurvivors = SecAggVerification.checkSubset(parameters, survivors.survivors(), shareSenders, id, "U3");
      phase = Phase.CONSISTENCY_SIGNED;
      return new ConsistencyCheck(id,
          Bytes.copyFrom(identity.sign(new SurvivorSet(signedSurvivors).signedContent(parameters))));
    });
  }

  /**
   * Round 4: reveals shares of the survivors' self-mask seeds and of the dropped participants' masking
   * keys.
   */
  public Unmasking unmask(UnmaskingRequest request) {
    expect(parameters.authenticated() ? Phase.CONSISTENCY_SIGNED : Phase.INPUT_MASKED);
    return guarded(() -> {
      List<String> survivors = SecAggVerification.checkSubset(parameters, request.survivors(), shareSenders, id, "U3");
      if (parameters.authenticated()) {
        if (!survivors.equals(signedSurvivors)) {
          throw new ProtocolViolationException("the server showed this participant a different survivor set");
        }
        SecAggVerification.checkConsistencySignatures(parameters, survivors, request.signatures());
      }
      Map<String, ShamirSecretSharing.Share> selfMask = new HashMap<>();
      Map<String, ShamirSecretSharing.Share> maskingKey = new HashMap<>();
      Set<String> survived = new HashSet<>(survivors);
      // The owners of the shares this participant holds: its closed neighbourhood among U2.
      for (String owner : graph.closedNeighbourhoodIn(id, new HashSet<>(shareSenders))) {
        if (survived.contains(owner)) {
          reveal(owner, revealedSelfMask, revealedMaskingKey);
          selfMask.put(owner, heldSelfMaskShares.get(owner));
        } else {
          reveal(owner, revealedMaskingKey, revealedSelfMask);
          maskingKey.put(owner, heldMaskingKeyShares.get(owner));
        }
      }
      phase = Phase.FINISHED;
      Unmasking answer = Unmasking.of(id, maskingKey, selfMask);
      wipeSecrets();
      return answer;
    });
  }

  /** Records a reveal, refusing the second kind of share for the same owner. */
  private static void reveal(String owner, Set<String> kind, Set<String> otherKind) {
    if (otherKind.contains(owner)) {
      throw new ProtocolViolationException(
          "refusing to reveal both the self-mask share and the masking-key share of " + owner);
    }
    kind.add(owner);
  }

  private void keep(ShareEnvelope envelope) {
    heldSelfMaskShares.put(envelope.owner(), envelope.selfMaskShare());
    heldMaskingKeyShares.put(envelope.owner(), envelope.maskingKeyShare());
  }

  private static List<String> without(List<String> ids, String removed) {
    List<String> rest = new ArrayList<>(ids);
    rest.remove(removed);
    return rest;
  }

  /**
   * This participant's closed neighbourhood within a stage, in round order, which must hold at least t
   * members: otherwise its secrets could never be reconstructed and the round cannot complete.
   */
  private List<String> holders(Set<String> stage, String stageName) {
    List<String> holders = graph.closedNeighbourhoodIn(id, stage);
    if (holders.size() < parameters.threshold()) {
      throw new RoundAbortedException(id + " has " + holders.size() + " of its neighbours and itself in "
          + stageName + ", fewer than the threshold " + parameters.threshold());
    }
    return holders;
  }

  private void expect(Phase expected) {
    if (phase != expected) {
      throw new IllegalStateException("participant " + id + " is in phase " + phase + ", expected " + expected);
    }
  }

  /** Runs a round step; a violation or abort moves the participant to ABORTED. */
  private <T> T guarded(Supplier<T> step) {
    try {
      return step.get();
    } catch (ProtocolViolationException | RoundAbortedException e) {
      phase = Phase.ABORTED;
      wipeSecrets();
      throw e;
    }
  }

  /** Overwrites this round's private keys, seed and envelope keys once they are no longer needed. */
  private void wipeSecrets() {
    for (byte[] secret : new byte[][] {
        selfMaskSeed, encryptionKeys == null ? null : encryptionKeys.privateKey(),
        maskingKeys == null ? null : maskingKeys.privateKey()}) {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
    }
    envelopeKeys.values().forEach(key -> Arrays.fill(key, (byte) 0));
    envelopeKeys.clear();
    heldSelfMaskShares.clear();
    heldMaskingKeyShares.clear();
  }
}
