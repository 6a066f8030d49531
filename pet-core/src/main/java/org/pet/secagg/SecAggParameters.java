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
 * @param threshold t, {@code 2 <= t <= participants}
 * @param toleratedColluders c, the number of participants that may collude with the server which the
 *     round's guarantees account for, {@code 0 <= c < t}; the builder's default is
 *     {@link CollusionPolicy#defaultColluders(int)}, the largest c below n/3, so that a default round and a
 *     participant with the default policy agree
 * @param vectorLength length of every input vector, {@code >= 1}
 * @param identityKeys participant id to its 32-byte Ed25519 public key; empty for the unauthenticated
 *     variant, otherwise one key for every participant
 * @param noise distributed DP noise every participant adds to its input before masking, calibrated for at
 *     most {@code threshold - toleratedColluders} survivors; {@code null} for an exact sum
 */
public record SecAggParameters(String roundId, List<String> participants, int threshold, int toleratedColluders,
    int vectorLength, Map<String, Bytes> identityKeys, DistributedNoise noise) {

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
    participants = List.copyOf(participants);
    if (participants.size() < 2 || participants.size() > MAX_PARTICIPANTS) {
      throw new IllegalArgumentException(
          "`participants` must hold 2 to " + MAX_PARTICIPANTS + " ids, had " + participants.size());
    }
    if (participants.stream().anyMatch(String::isBlank) || new HashSet<>(participants).size() != participants.size()) {
      throw new IllegalArgumentException("`participants` must be distinct, non-blank ids");
    }
    if (threshold < 2 || threshold > participants.size()) {
      throw new IllegalArgumentException(
          "`threshold` must be in [2, " + participants.size() + "], was " + threshold);
    }
    if (toleratedColluders < 0 || toleratedColluders >= threshold) {
      throw new IllegalArgumentException("`toleratedColluders` must be in [0, threshold = " + threshold
          + "), was " + toleratedColluders + ": with c >= t colluders hold t shares of every secret");
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
    if (noise != null && (noise.dimension() != vectorLength || noise.minimumSurvivors() > threshold - toleratedColluders)) {
      throw new IllegalArgumentException("`noise` must have dimension " + vectorLength
          + " and be calibrated for at most threshold - toleratedColluders = " + threshold + " - "
          + toleratedColluders + " = " + (threshold - toleratedColluders) + " survivors, was " + noise);
    }
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

  /** Builder for {@link SecAggParameters}; {@link #build()} validates. */
  public static final class Builder {
    private String roundId;
    private final List<String> participants = new ArrayList<>();
    private int threshold;
    private Integer toleratedColluders;
    private int vectorLength;
    private final Map<String, Bytes> identityKeys = new LinkedHashMap<>();
    private DistributedNoise noise;

    private Builder() {}

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
      if (toleratedColluders == null && threshold >= 2 && threshold <= colluders) {
        throw new IllegalArgumentException("`threshold` must exceed the default toleratedColluders = " + colluders
            + " for " + participants.size() + " participants (the largest c below n/3), was " + threshold
            + ": raise the threshold or declare toleratedColluders explicitly");
      }
      return new SecAggParameters(
          roundId, participants, threshold, colluders, vectorLength, new HashMap<>(identityKeys), noise);
    }
  }
}
