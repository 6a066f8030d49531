package org.pet.secagg;

import com.google.crypto.tink.util.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
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
 * The server of a secure aggregation round (Bonawitz et al., CCS 2017), as a pure state machine: it
 * collects each round's messages with {@code receive}, and {@code close...} ends the round (for example
 * at a deadline), checks that at least t participants answered and returns what to send next.
 *
 * <p><b>What the server sees.</b> Public keys, envelopes it cannot open, masked vectors that are
 * uniformly random on their own, and in the last round only one kind of share per participant. Its output
 * is the exact sum in Z_2^64 of the inputs of the participants whose masked input arrived (U3), provided
 * at least t participants answer the unmasking round: survivors' self masks are removed with their
 * reconstructed seeds, and the pairwise masks shared with participants that dropped after round 1 with
 * the reconstructed masking keys (each checked against the advertised public key). Each secret is
 * interpolated from exactly t revealed shares, with Lagrange coefficients computed once for all secrets;
 * since a participant could reveal a wrong share (nothing binds what it reveals to what it was sent),
 * one random parity check over all revealed shares of each secret detects any inconsistency, at the cost
 * of one multiplication per share.
 *
 * <p><b>Robust unmasking.</b> When r shares of a secret are revealed and the check fails, they are decoded
 * as a Reed-Solomon codeword ({@link ShamirSecretSharing#combineCorrecting}): up to floor((r - t) / 2)
 * wrong shares are corrected, and the participants that revealed them are named in
 * {@link SecAggResult#corruptedShareSenders()}. The round aborts only when correction is impossible (more
 * wrong shares than that, or a reconstructed masking key that does not match its advertised key).
 *
 * <p><b>SecAgg+.</b> In a round with {@link SecAggParameters#neighbours()} below n - 1, every participant
 * masks with and shares among its neighbours only ({@link CommunicationGraph}), and the server checks each
 * neighbourhood's threshold: it leaves out of U2 participants whose neighbourhood in U2 falls below t,
 * aborts at U3 if some participant's secrets would lack t surviving holders, and needs t shares per secret.
 * Its unmasking then costs n k rather than n^2 mask expansions under dropouts.
 *
 * <p>Every message is checked (listed sender, right round, no duplicates, exact addressing, sizes,
 * signatures in the authenticated variant); a bad message throws {@link ProtocolViolationException} and
 * is ignored, leaving the round as it was. A stage with fewer than t participants throws
 * {@link RoundAbortedException} and the round is over. Not thread-safe: callers serialise access.
 */
public final class SecAggServer {

  /** The round the server is collecting. */
  public enum Phase { ADVERTISE_KEYS, SHARE_KEYS, MASKED_INPUT, CONSISTENCY_CHECK, UNMASKING, FINISHED, ABORTED }

  private final SecAggParameters parameters;
  /** Whom each participant masks with and shares among: everyone, or its SecAgg+ neighbours. */
  private final CommunicationGraph graph;
  /** Where {@link #finish()} agrees keys and expands masks; null for the calling thread. */
  private final Executor executor;
  private Phase phase = Phase.ADVERTISE_KEYS;
  private final Map<String, AdvertiseKeys> advertised = new LinkedHashMap<>();
  private final Map<String, ShareKeys> shared = new LinkedHashMap<>();
  private final Map<String, MaskedInput> masked = new LinkedHashMap<>();
  private final SortedMap<String, Bytes> consistencySignatures = new TreeMap<>();
  private final Map<String, Unmasking> unmaskings = new LinkedHashMap<>();
  /** Per owner, the decoded shares revealed in round 4, in the order of {@link #unmaskings}. */
  private final Map<String, List<ShamirSecretSharing.Share>> revealed = new HashMap<>();
  /** Unmaskers found to have revealed a wrong share (corrected), by share index. */
  private final SortedSet<Integer> corruptedShareIndices = new TreeSet<>();
  private List<String> keyHolders;
  private List<String> shareSenders;
  /** {@link #shareSenders} as a set, for membership tests per message. */
  private Set<String> shareSenderSet;
  private List<String> survivors;
  private Set<String> survivorSet;

  /**
   * @throws IllegalArgumentException if the threshold does not meet the bound of {@link CollusionPolicy}
   *     for the round's declared colluders (2t &gt; n + c in the authenticated variant): an honest server
   *     does not run a round whose declared guarantees cannot hold
   */
  public SecAggServer(SecAggParameters parameters) {
    this(parameters, null);
  }

  /**
   * A server whose {@link #finish()} spreads its key agreements and mask expansions over
   * {@code executor} (e.g. a bounded worker pool), waiting for them; the result is identical to the
   * single-threaded one. The state machine itself stays single-threaded: callers still serialise access.
   *
   * @param executor where to run the unmasking work, or null for the calling thread
   * @throws IllegalArgumentException as {@link #SecAggServer(SecAggParameters)}
   */
  public SecAggServer(SecAggParameters parameters, Executor executor) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.executor = executor;
    CollusionPolicy.thresholdProblem(parameters, parameters.toleratedColluders()).ifPresent(problem -> {
      throw new IllegalArgumentException("refusing to run round " + parameters.roundId() + ": " + problem);
    });
    this.graph = parameters.graph();
  }

  public Phase phase() {
    return phase;
  }

  public SecAggParameters parameters() {
    return parameters;
  }

  /** Round 0: a participant's advertised keys. */
  public void receive(AdvertiseKeys message) {
    expect(Phase.ADVERTISE_KEYS);
    SecAggVerification.checkAdvertisement(parameters, message);
    requireFirst(advertised, message.sender(), "AdvertiseKeys");
    for (AdvertiseKeys other : advertised.values()) {
      if (other.encryptionKey().equals(message.encryptionKey()) || other.maskingKey().equals(message.maskingKey())
          || other.encryptionKey().equals(message.maskingKey()) || other.maskingKey().equals(message.encryptionKey())) {
        throw new ProtocolViolationException(message.sender() + " advertised a key already in use");
      }
    }
    advertised.put(message.sender(), message);
  }

  /** Ends round 0: U1 = participants that advertised keys. */
  public KeyDirectory closeAdvertiseKeys() {
    expect(Phase.ADVERTISE_KEYS);
    keyHolders = atLeastThreshold(List.copyOf(advertised.keySet()), "U1 (keys advertised)");
    phase = Phase.SHARE_KEYS;
    return new KeyDirectory(List.copyOf(advertised.values()));
  }

  /** Round 1: a participant's envelopes, one for every other member of U1. */
  public void receive(ShareKeys message) {
    expect(Phase.SHARE_KEYS);
    requireMember(keyHolders, message.sender(), "ShareKeys", "U1");
    requireFirst(shared, message.sender(), "ShareKeys");
    List<String> expected = graph.closedNeighbourhoodIn(message.sender(), advertised.keySet());
    expected.remove(message.sender());
    if (!message.envelopes().keySet().equals(new TreeSet<>(expected))) {
      throw new ProtocolViolationException("ShareKeys from " + message.sender()
          + " must hold exactly one envelope per other member of U1" + (graph.isComplete() ? "" : " it neighbours"));
    }
    shared.put(message.sender(), message);
  }

  /**
   * Ends round 1: U2 = participants that shared keys, less (in SecAgg+ rounds) any whose neighbours and
   * itself in U2 number fewer than t - their secrets could never be reconstructed, so they are treated as
   * dropped before round 2 (repeated until every member has t); returns each member's delivery.
   */
  public Map<String, ShareDelivery> closeShareKeys() {
    expect(Phase.SHARE_KEYS);
    Set<String> senders = new LinkedHashSet<>(shared.keySet());
    boolean removed = !graph.isComplete();
    while (removed) {
      removed = senders.removeIf(sender -> graph.closedNeighbourhoodIn(sender, senders).size() < parameters.threshold());
    }
    shareSenders = atLeastThreshold(List.copyOf(senders), "U2 (keys shared)");
    shareSenderSet = new HashSet<>(shareSenders);
    phase = Phase.MASKED_INPUT;
    Map<String, ShareDelivery> deliveries = new LinkedHashMap<>();
    for (String recipient : shareSenders) {
      SortedMap<String, Bytes> envelopes = new TreeMap<>();
      for (String sender : graph.closedNeighbourhoodIn(recipient, shareSenderSet)) {
        if (!sender.equals(recipient)) {
          envelopes.put(sender, shared.get(sender).envelopes().get(recipient));
        }
      }
      deliveries.put(recipient, new ShareDelivery(recipient, shareSenders, envelopes));
    }
    return deliveries;
  }

  /** Round 2: a member of U2's masked input. */
  public void receive(MaskedInput message) {
    expect(Phase.MASKED_INPUT);
    requireMember(shareSenders, message.sender(), "MaskedInput", "U2");
    requireFirst(masked, message.sender(), "MaskedInput");
    if (message.vectorView().length != parameters.vectorLength()) {
      throw new ProtocolViolationException("MaskedInput from " + message.sender() + " has length "
          + message.vectorView().length + ", expected " + parameters.vectorLength());
    }
    masked.put(message.sender(), message);
  }

  /**
   * Ends round 2: U3 = participants whose masked input arrived. Every member of U2 must keep at least t
   * holders of its shares (its neighbours and itself) in U3, since only survivors unmask; otherwise the round
   * aborts now rather than after the unmasking round.
   */
  public SurvivorSet closeMaskedInput() {
    expect(Phase.MASKED_INPUT);
    survivors = atLeastThreshold(List.copyOf(masked.keySet()), "U3 (masked inputs)");
    survivorSet = new HashSet<>(survivors);
    for (String owner : shareSenders) {
      int holders = graph.closedNeighbourhoodIn(owner, survivorSet).size();
      if (holders < parameters.threshold()) {
        phase = Phase.ABORTED;
        throw new RoundAbortedException(owner + " has " + holders + " of its neighbours and itself in U3, fewer than"
            + " the threshold " + parameters.threshold() + ": its " + (survivorSet.contains(owner)
            ? "self-mask seed" : "masking key") + " cannot be reconstructed");
      }
    }
    phase = Phase.CONSISTENCY_CHECK;
    return new SurvivorSet(survivors);
  }

  /** Round 3 (authenticated variant): a survivor's signature over U3. */
  public void receive(ConsistencyCheck message) {
    expect(Phase.CONSISTENCY_CHECK);
    if (!parameters.authenticated()) {
      throw new ProtocolViolationException("consistency checks are not part of an unauthenticated round");
    }
    requireMember(survivors, message.sender(), "ConsistencyCheck", "U3");
    requireFirst(consistencySignatures, message.sender(), "ConsistencyCheck");
    if (!SecAggCrypto.verifies(parameters.identityKeys().get(message.sender()).toByteArray(),
        message.signature().toByteArray(), new SurvivorSet(survivors).signedContent(parameters))) {
      throw new ProtocolViolationException("invalid consistency signature from " + message.sender());
    }
    consistencySignatures.put(message.sender(), message.signature());
  }

  /**
   * Ends round 3 and returns the unmasking request: U3 with at least
   * {@link SecAggParameters#signatureQuorum()} signatures on it (authenticated variant; t for the complete
   * graph), or U3 alone (unauthenticated variant, where this round is empty).
   */
  public UnmaskingRequest closeConsistencyCheck() {
    expect(Phase.CONSISTENCY_CHECK);
    if (parameters.authenticated() && consistencySignatures.size() < parameters.signatureQuorum()) {
      phase = Phase.ABORTED;
      throw new RoundAbortedException("consistency signatures has " + consistencySignatures.size()
          + " participants, fewer than the " + (graph.isComplete() ? "threshold " : "quorum ")
          + parameters.signatureQuorum());
    }
    phase = Phase.UNMASKING;
    return new UnmaskingRequest(survivors, consistencySignatures);
  }

  /** Round 4: a survivor's shares, of the survivors' self-mask seeds and the dropped members' keys. */
  public void receive(Unmasking message) {
    expect(Phase.UNMASKING);
    requireMember(parameters.authenticated() ? List.copyOf(consistencySignatures.keySet()) : survivors,
        message.sender(), "Unmasking", parameters.authenticated() ? "the consistency signers" : "U3");
    requireFirst(unmaskings, message.sender(), "Unmasking");
    Set<String> selfMaskOwners = new TreeSet<>();
    Set<String> maskingKeyOwners = new TreeSet<>();
    for (String owner : graph.closedNeighbourhoodIn(message.sender(), shareSenderSet)) {
      (survivorSet.contains(owner) ? selfMaskOwners : maskingKeyOwners).add(owner);
    }
    if (!message.selfMaskShares().keySet().equals(selfMaskOwners)
        || !message.maskingKeyShares().keySet().equals(maskingKeyOwners)) {
      throw new ProtocolViolationException("Unmasking from " + message.sender()
          + " must hold self-mask shares for exactly U3 and masking-key shares for exactly U2 minus U3"
          + (graph.isComplete() ? "" : ", among its neighbours and itself"));
    }
    int senderIndex = parameters.indexOf(message.sender());
    Map<String, ShamirSecretSharing.Share> decoded = new HashMap<>();
    for (Map.Entry<String, Bytes> entry : concat(message.selfMaskShares(), message.maskingKeyShares())) {
      ShamirSecretSharing.Share share = decodeShare(entry.getValue(), message.sender());
      if (share.index() != senderIndex) {
        throw new ProtocolViolationException("Unmasking from " + message.sender() + " holds a share of another index");
      }
      decoded.put(entry.getKey(), share);
    }
    unmaskings.put(message.sender(), message);
    decoded.forEach((owner, share) -> revealed.computeIfAbsent(owner, o -> new ArrayList<>()).add(share));
  }

  /**
   * Ends round 4 and computes the aggregate.
   *
   * @return the sum of the inputs of U3, exact in Z_2^64
   * @throws RoundAbortedException if fewer than t participants answered, or (SecAgg+) fewer than t of some
   *     participant's neighbourhood revealed its shares
   * @throws ProtocolViolationException if the revealed shares are inconsistent
   */
  public SecAggResult finish() {
    expect(Phase.UNMASKING);
    atLeastThreshold(List.copyOf(unmaskings.keySet()), "unmasking answers");
    ShamirSecretSharing shamir = parameters.shamir();
    long[] sum = new long[parameters.vectorLength()];
    List<MaskExpansion.Term> masks = new ArrayList<>();
    for (String survivor : survivors) {
      long[] y = masked.get(survivor).vectorView();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += y[i];
      }
      masks.add(new MaskExpansion.Term(reconstruct(shamir, survivor), true));
    }
    /** A pairwise mask a survivor shares with a dropped peer, whose masking key the server now holds. */
    record PairwiseMask(byte[] droppedKey, String survivor, boolean subtract) {}
    List<PairwiseMask> pairwise = new ArrayList<>();
    for (String droppedPeer : shareSenders) {
      if (survivorSet.contains(droppedPeer)) {
        continue;
      }
      byte[] maskingKey = reconstruct(shamir, droppedPeer);
      checkMaskingKey(droppedPeer, maskingKey);
      int droppedIndex = parameters.indexOf(droppedPeer);
      for (String survivor : graph.closedNeighbourhoodIn(droppedPeer, survivorSet)) {
        // The survivor added +PRG(s) if its index is lower than the dropped peer's, else -PRG(s).
        pairwise.add(new PairwiseMask(maskingKey, survivor, parameters.indexOf(survivor) < droppedIndex));
      }
    }
    MaskExpansion expansion = new MaskExpansion(executor);
    masks.addAll(expansion.map(pairwise, mask -> new MaskExpansion.Term(SecAggCrypto.agree(mask.droppedKey(),
        advertised.get(mask.survivor()).maskingKey().toByteArray(), parameters.roundId(),
        SecAggCrypto.MASK_SEED_LABEL), mask.subtract())));
    expansion.apply(sum, masks);
    phase = Phase.FINISHED;
    // Colluders' noise shares are known to the server: only survivors - c shares protect the sum. The
    // round completes with at least t > c survivors, so survivors - c >= 1.
    int colluders = parameters.toleratedColluders();
    Optional<DistributedNoise> noise = Optional.ofNullable(parameters.noise());
    List<String> corrupted = corruptedShareIndices.stream().map(i -> parameters.participants().get(i - 1)).toList();
    // In a SecAgg+ round the server may learn sums over groups as small as protectedSurvivors() honest
    // participants (SecAggPlus); with the complete graph it learns only the whole sum.
    int protectedShares = parameters.completeGraph() ? survivors.size() - colluders
        : Math.min(survivors.size() - colluders, parameters.protectedSurvivors());
    return new SecAggResult(sum, survivors, List.copyOf(unmaskings.keySet()),
        noise.map(n -> n.achievedFor(protectedShares)), colluders,
        noise.map(n -> n.achievedFor(survivors.size())), corrupted);
  }

  /**
   * The secret of {@code owner} (a survivor's self-mask seed or a dropped member's masking key) from the
   * first t of the revealed shares, with a parity check that all of them lie on one polynomial; if they do
   * not, decoded with error correction, noting who revealed the wrong ones. Every owner's shares come in
   * the same index order in a complete-graph round, so {@code shamir} computes the interpolation
   * coefficients once for all owners; in a SecAgg+ round each owner's holders differ and each needs its own.
   *
   * @throws RoundAbortedException if fewer than t of the owner's holders revealed a share
   */
  private byte[] reconstruct(ShamirSecretSharing shamir, String owner) {
    List<ShamirSecretSharing.Share> shares = revealed.getOrDefault(owner, List.of());
    if (shares.size() < parameters.threshold()) {
      phase = Phase.ABORTED;
      throw new RoundAbortedException("only " + shares.size() + " of " + owner + "'s neighbours unmasked, fewer than"
          + " the threshold " + parameters.threshold());
    }
    try {
      ShamirSecretSharing.Reconstruction reconstruction = shamir.combineCorrecting(shares);
      corruptedShareIndices.addAll(reconstruction.corruptedShareIndices());
      return reconstruction.secret();
    } catch (IllegalArgumentException e) {
      phase = Phase.ABORTED;
      throw new ProtocolViolationException("revealed shares for " + owner + " are inconsistent: " + e.getMessage(), e);
    }
  }

  private void checkMaskingKey(String owner, byte[] privateKey) {
    if (!Bytes.copyFrom(SecAggCrypto.publicKeyOf(privateKey)).equals(advertised.get(owner).maskingKey())) {
      phase = Phase.ABORTED;
      throw new ProtocolViolationException("reconstructed masking key of " + owner + " does not match its advertised key");
    }
  }

  private static ShamirSecretSharing.Share decodeShare(Bytes encoded, String sender) {
    try {
      return ShamirSecretSharing.Share.fromBytes(encoded.toByteArray());
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolationException("malformed share from " + sender);
    }
  }

  private static List<Map.Entry<String, Bytes>> concat(Map<String, Bytes> first, Map<String, Bytes> second) {
    List<Map.Entry<String, Bytes>> all = new ArrayList<>(first.entrySet());
    all.addAll(second.entrySet());
    return all;
  }

  /** Rejects a second message of one kind from the same sender (a replay or a duplicate). */
  private static void requireFirst(Map<String, ?> received, String sender, String name) {
    if (received.containsKey(sender)) {
      throw new ProtocolViolationException("duplicate " + name + " from " + sender);
    }
  }

  private static void requireMember(List<String> stage, String sender, String message, String stageName) {
    if (!stage.contains(sender)) {
      throw new ProtocolViolationException(message + " from " + sender + ", who is not in " + stageName);
    }
  }

  /** The ids in parameter order, if at least t; otherwise the round aborts. */
  private List<String> atLeastThreshold(List<String> ids, String stage) {
    try {
      SecAggVerification.requireThreshold(parameters, ids.size(), stage);
    } catch (RoundAbortedException e) {
      phase = Phase.ABORTED;
      throw e;
    }
    return ids.stream().sorted(Comparator.comparingInt(parameters::indexOf)).toList();
  }

  private void expect(Phase expected) {
    if (phase != expected) {
      throw new IllegalStateException("round " + parameters.roundId() + " is in phase " + phase + ", not " + expected);
    }
  }
}
