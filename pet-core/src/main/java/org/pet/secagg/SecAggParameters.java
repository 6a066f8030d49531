package org.pet.secagg;

import com.google.crypto.tink.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The public parameters of one secure aggregation round, known to the server and every participant.
 *
 * <p>Participants are identified by non-blank ids; the i-th id (1-based) is that participant's Shamir
 * share index and fixes the sign of pairwise masks (the lower index adds, the higher subtracts). The
 * threshold t is the number of participants that must survive each stage; the server together with
 * fewer than t colluding participants learns nothing beyond the sum of the survivors' inputs (Bonawitz et
 * al., CCS 2017). In the authenticated variant every participant's Ed25519 identity public key is listed,
 * which defends against a server that forges participants or shows them different views - provided
 * 2t &gt; n + c for c colluding participants, a bound each participant checks with its own
 * {@link CollusionPolicy} (an honest {@link SecAggServer} checks it for the declared c).
 *
 * <p>The round declares how many colluding participants c its guarantees account for
 * ({@code toleratedColluders}): colluders know their own noise shares, so the distributed noise must be
 * calibrated for at most t - c honest survivors and the result reports the guarantee of survivors - c
 * (never below 1, since a round completes only with at least t &gt; c survivors). Participants refuse a
 * round that declares fewer colluders than their policy.
 *
 * @param roundId unique id of the round; salts every key derivation, so keys never repeat across rounds
 * @param participants the ids of all invited participants, in share-index order
 * @param threshold t, {@code 2 <= t <= participants} (complete graph) or {@code <= neighbours + 1} (SecAgg+)
 * @param toleratedColluders c, the number of participants that may collude with the server which the
 *     round's guarantees account for, {@code 0 <= c < t} for the complete graph (SecAgg+: {@code c < n}
 *     with {@link #neighbourhoodColluders()} below t); the builder's default is
 *     {@link CollusionPolicy#defaultColluders(int)}, the largest c below n/3, so that a default round and a
 *     participant with the default policy agree
 * @param vectorLength length of every input vector, {@code >= 1}
 * @param identityKeys participant id to its 32-byte Ed25519 public key; empty for the unauthenticated
 *     variant, otherwise one key for every participant
 * @param noise distributed DP noise every participant adds to its input before masking, calibrated for at
 *     most {@link #protectedSurvivors()} survivors; {@code null} for an exact sum
 * @param neighbours k, how many others each participant masks with and shares its secrets among: n - 1 for
 *     the complete graph of the original protocol, or an even k with {@code 2 <= k < n - 1} for SecAgg+
 *     over the round's {@link CommunicationGraph} (see below)
 *
 * <p><b>SecAgg+.</b> With k &lt; n - 1 (Bell et al., CCS 2020), each participant masks only with its k
 * neighbours and Shamir-shares its self-mask seed and masking key among its closed neighbourhood (the
 * neighbours and itself) with threshold t, so {@code t <= k + 1}; the server's cost falls from n^2 to n k
 * mask expansions under dropouts. Security then holds except with probability 2^-40 over the graph
 * ({@link SecAggPlus}): the threshold must exceed {@link #neighbourhoodColluders()}, the bound on colluders
 * among one participant's neighbours, in place of c; a server colluding with c participants learns sums only
 * over groups of at least {@link #protectedSurvivors()} honest participants, so the distributed noise is
 * calibrated for that many; and in the authenticated variant the survivor set needs
 * {@link #signatureQuorum()} signatures. {@link SecAggPlus#recommend} chooses k and t.
 */
public record SecAggParameters(String roundId, List<String> participants, int threshold, int toleratedColluders,
    int vectorLength, Map<String, Bytes> identityKeys, DistributedNoise noise, int neighbours) {

  /** Largest supported number of participants. */
  public static final int MAX_PARTICIPANTS = 10_000;

  /**
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public SecAggParameters {
    Objects.requireNonNull(roundId, "roundId");
    if (roundId.isBlank()) {
      throw new IllegalArgumentException("`roundId` must not be blank");
    }
    ParticipantList ids = ParticipantList.of(participants);
    participants = ids;
    int n = participants.size();
    if (n < 2 || n > MAX_PARTICIPANTS) {
      throw new IllegalArgumentException("`participants` must hold 2 to " + MAX_PARTICIPANTS + " ids, had " + n);
    }
    if (participants.stream().anyMatch(String::isBlank) || !ids.distinct()) {
      throw new IllegalArgumentException("`participants` must be distinct, non-blank ids");
    }
    if (neighbours != n - 1 && (neighbours < 2 || neighbours >= n - 1 || neighbours % 2 != 0)) {
      throw new IllegalArgumentException("`neighbours` must be n - 1 = " + (n - 1)
          + " (complete graph) or even and in [2, n - 1) (SecAgg+), was " + neighbours);
    }
    if (threshold < 2 || threshold > neighbours + 1) {
      throw new IllegalArgumentException(neighbours == n - 1
          ? "`threshold` must be in [2, " + n + "], was " + threshold
          : "`threshold` must be in [2, neighbours + 1 = " + (neighbours + 1) + "], was " + threshold
              + ": a participant's secrets are shared among its neighbours and itself");
    }
    if (neighbours == n - 1 && (toleratedColluders < 0 || toleratedColluders >= threshold)) {
      throw new IllegalArgumentException("`toleratedColluders` must be in [0, threshold = " + threshold
          + "), was " + toleratedColluders + ": with c >= t colluders hold t shares of every secret");
    }
    if (neighbours < n - 1 && (toleratedColluders < 0 || toleratedColluders >= n)) {
      throw new IllegalArgumentException("`toleratedColluders` must be in [0, " + n + "), was " + toleratedColluders);
    }
    int colludingHolders = colludingHolders(n, neighbours, toleratedColluders);
    if (neighbours < n - 1 && colludingHolders >= threshold) {
      throw new IllegalArgumentException("`threshold` must exceed " + colludingHolders + ", the number of the "
          + toleratedColluders + " tolerated colluders that one participant's " + neighbours
          + " neighbours may hold (except with probability 2^-" + SecAggPlus.SIGMA + "), was " + threshold
          + ": raise the threshold or the neighbours (SecAggPlus.recommend)");
    }
    if (vectorLength < 1) {
      throw new IllegalArgumentException("`vectorLength` must be >= 1, was " + vectorLength);
    }
    identityKeys = Map.copyOf(identityKeys);
    if (!identityKeys.isEmpty()) {
      if (!identityKeys.keySet().equals(new HashSet<>(participants))) {
        throw new IllegalArgumentException("`identityKeys` must hold a key for every participant and no other");
      }
      if (identityKeys.values().stream().anyMatch(key -> key.size() != 32)) {
        throw new IllegalArgumentException("`identityKeys` must be 32-byte Ed25519 public keys");
      }
    }
    if (noise != null) {
      if (noise.dimension() != vectorLength || noise.minimumSurvivors() > threshold - colludingHolders) {
        throw new IllegalArgumentException("`noise` must have dimension " + vectorLength + " and be calibrated for"
            + " at most threshold - " + (neighbours == n - 1 ? "toleratedColluders" : "neighbourhoodColluders")
            + " = " + threshold + " - " + colludingHolders + " = " + (threshold - colludingHolders)
            + " survivors, was " + noise);
      }
    }
  }

  /** The parameters of a complete-graph round (the original protocol): {@code neighbours = n - 1}. */
  public SecAggParameters(String roundId, List<String> participants, int threshold, int toleratedColluders,
      int vectorLength, Map<String, Bytes> identityKeys, DistributedNoise noise) {
    this(roundId, participants, threshold, toleratedColluders, vectorLength, identityKeys, noise,
        participants.size() - 1);
  }

  /** Whether every participant masks with every other (the original protocol), rather than SecAgg+. */
  public boolean completeGraph() {
    return neighbours == participants.size() - 1;
  }

  /** The round's communication graph: complete, or SecAgg+'s Harary graph in the round's order. */
  public CommunicationGraph graph() {
    return completeGraph() ? CommunicationGraph.complete(participants)
        : CommunicationGraph.harary(participants, neighbours, roundId);
  }

  /**
   * b: how many colluders one honest participant's neighbours may include - c for the complete graph;
   * for SecAgg+ the bound of {@link SecAggPlus#neighbourhoodColluders}, exceeded with probability at most
   * 2^-40. Always below the threshold.
   */
  public int neighbourhoodColluders() {
    return colludingHolders(participants.size(), neighbours, toleratedColluders);
  }

  /** b for n participants, degree k and c colluders: c itself for the complete graph (k = n - 1). */
  private static int colludingHolders(int n, int k, int c) {
    return k == n - 1 ? c : SecAggPlus.neighbourhoodColluders(n, k, c);
  }

  /**
   * t - b: the fewest honest participants whose inputs any sum the server (with c colluders) can learn
   * includes, and so the number of survivors distributed noise is calibrated for at most. For the complete
   * graph t - c, as the whole sum of at least t survivors is all it learns.
   */
  public int protectedSurvivors() {
    return threshold - neighbourhoodColluders();
  }

  /**
   * Authenticated variant: how many participants must sign the survivor set before anyone unmasks - t for
   * the complete graph (where 2t &gt; n + c is required), floor((n + c) / 2) + 1 for SecAgg+, so that two
   * different survivor sets can never both gather a quorum (see {@link CollusionPolicy}).
   */
  public int signatureQuorum() {
    return completeGraph() ? threshold : (participants.size() + toleratedColluders) / 2 + 1;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether messages are signed with identity keys and the consistency check runs. */
  public boolean authenticated() {
    return !identityKeys.isEmpty();
  }

  /** The 1-based share index of {@code participant}. */
  int indexOf(String participant) {
    int index = participants.indexOf(participant);
    if (index < 0) {
      throw new ProtocolViolationException("unknown participant " + participant);
    }
    return index + 1;
  }

  boolean isParticipant(String id) {
    return participants.contains(id);
  }

  ShamirSecretSharing shamir() {
    return new ShamirSecretSharing(threshold, participants.size());
  }

  /**
   * The bytes that bind a message's signature or envelope to the round's graph: nothing for the complete
   * graph (protocol version 1, the original encoding), else the version byte 2 and k.
   */
  void bindGraph(Wire.Writer out) {
    if (!completeGraph()) {
      out.version(2).integer(neighbours);
    }
  }

  /** Builder for {@link SecAggParameters}; {@link #build()} validates. */
  public static final class Builder {
    private String roundId;
    private final List<String> participants = new ArrayList<>();
    private int threshold;
    private Integer toleratedColluders;
    private int vectorLength;
    private final Map<String, Bytes> identityKeys = new LinkedHashMap<>();
    private DistributedNoise noise;
    private Integer neighbours;

    private Builder() {}

    /**
     * Makes the round SecAgg+: each participant masks with, and shares its secrets among, only its k
     * neighbours in the round's {@link CommunicationGraph}. Without this call (or with k &gt;= n - 1) the
     * graph is complete - the original protocol. {@link SecAggPlus#recommend} chooses k and the threshold.
     */
    public Builder neighbours(int k) {
      this.neighbours = k;
      return this;
    }

    /** Makes every participant add a share of distributed DP noise before masking. */
    public Builder distributedNoise(DistributedNoise noise) {
      this.noise = noise;
      return this;
    }

    public Builder roundId(String roundId) {
      this.roundId = roundId;
      return this;
    }

    public Builder participants(List<String> participants) {
      this.participants.clear();
      this.participants.addAll(participants);
      return this;
    }

    public Builder threshold(int threshold) {
      this.threshold = threshold;
      return this;
    }

    /**
     * Declares how many participants may collude with the server; without this call,
     * {@link CollusionPolicy#defaultColluders(int)} of the participant count.
     *
     * @throws IllegalArgumentException if colluders is negative
     */
    public Builder toleratedColluders(int colluders) {
      if (colluders < 0) {
        throw new IllegalArgumentException("`toleratedColluders` must be >= 0, was " + colluders);
      }
      this.toleratedColluders = colluders;
      return this;
    }

    public Builder vectorLength(int vectorLength) {
      this.vectorLength = vectorLength;
      return this;
    }

    /** Registers a participant's identity public key, switching on the authenticated variant. */
    public Builder identityKey(String participant, byte[] ed25519PublicKey) {
      identityKeys.put(participant, Bytes.copyFrom(ed25519PublicKey));
      return this;
    }

    public SecAggParameters build() {
      int colluders = toleratedColluders != null ? toleratedColluders
          : CollusionPolicy.defaultColluders(Math.max(1, participants.size()));
      if (toleratedColluders == null && threshold >= 2 && threshold <= colluders
          && (neighbours == null || neighbours >= participants.size() - 1)) {
        throw new IllegalArgumentException("`threshold` must exceed the default toleratedColluders = " + colluders
            + " for " + participants.size() + " participants (the largest c below n/3), was " + threshold
            + ": raise the threshold or declare toleratedColluders explicitly");
      }
      int n = participants.size();
      int k = neighbours == null || neighbours >= n - 1 ? n - 1 : neighbours;
      return new SecAggParameters(
          roundId, participants, threshold, colluders, vectorLength, new HashMap<>(identityKeys), noise, k);
    }
  }
}
