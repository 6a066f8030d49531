package org.pet.vdaf;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Prio3 (draft-irtf-cfrg-vdaf-20, section 7) over a validity circuit, with XofTurboShake128: Prio3Count,
 * Prio3Sum, Prio3SumVec, Prio3Histogram and Prio3MultihotCountVec. Operations follow the draft's names and are deterministic
 * given the nonce and randomness the caller passes; messages use the draft's byte encodings.
 *
 * <p>A client {@link #shard}s a measurement into one input share per aggregator; each aggregator runs
 * {@link #verifyInit} on its share, the verifier shares are combined by
 * {@link #verifierSharesToMessage} (which throws if the proof does not verify), {@link #verifyNext} yields
 * the output share, {@link #aggregate} sums output shares, and {@link #unshard} combines aggregate shares.
 *
 * @param <E> the field's element type
 * @param <M> the measurement type
 * @param <R> the aggregate result type
 */
public final class Prio3<E extends FieldElement<E>, M, R> {

  /** VERSION of the draft, bound into every domain separation tag. */
  static final int VERSION = 18;
  public static final int NONCE_SIZE = 16;
  static final int USAGE_MEAS_SHARE = 1;
  static final int USAGE_PROOF_SHARE = 2;
  static final int USAGE_JOINT_RANDOMNESS = 3;
  static final int USAGE_PROVE_RANDOMNESS = 4;
  static final int USAGE_QUERY_RANDOMNESS = 5;
  static final int USAGE_JOINT_RAND_SEED = 6;
  static final int USAGE_JOINT_RAND_PART = 7;
  private static final int SEED = XofTurboShake128.SEED_SIZE;

  private final int id;
  private final int shares;
  private final int proofs;
  private final ValidityCircuit<E, M, R> valid;
  private final FlpBbcggi19<E> flp;
  private final Field<E> field;

  Prio3(int id, ValidityCircuit<E, M, R> valid, int shares, int proofs) {
    if (shares < 2 || shares > 255 || proofs < 1 || proofs > 255) {
      throw new IllegalArgumentException("SHARES must be in [2, 256) and PROOFS in [1, 256), were " + shares
          + " and " + proofs);
    }
    this.id = id;
    this.valid = valid;
    this.shares = shares;
    this.proofs = proofs;
    this.flp = new FlpBbcggi19<>(valid);
    this.field = valid.field;
  }

  /** Prio3Count (ID 0x00000001): measurements 0 or 1, Field64, one proof. */
  public static Prio3<Field64.Element, Long, Long> count(int shares) {
    return new Prio3<>(0x00000001, new Count<>(Field64.FIELD), shares, 1);
  }

  /**
   * Prio3Sum (ID 0x00000002): integers in [0, maxMeasurement], Field64, one proof.
   *
   * @throws IllegalArgumentException if maxMeasurement is not in [1, p)
   */
  public static Prio3<Field64.Element, Long, Long> sum(int shares, long maxMeasurement) {
    return new Prio3<>(0x00000002, new Sum<>(Field64.FIELD, maxMeasurement), shares, 1);
  }

  /**
   * Prio3SumVec (ID 0x00000003): vectors of {@code length} integers in [0, maxMeasurement], Field128.
   *
   * @throws IllegalArgumentException if a parameter is below 1
   */
  public static Prio3<Field128.Element, List<Long>, List<Long>> sumVec(int shares, int length, long maxMeasurement,
      int chunkLength) {
    return new Prio3<>(0x00000003, new SumVec<>(Field128.FIELD, length, maxMeasurement, chunkLength), shares, 1);
  }

  /**
   * Prio3Histogram (ID 0x00000004): one of {@code length} buckets, Field128.
   *
   * @throws IllegalArgumentException if a parameter is below 1
   */
  public static Prio3<Field128.Element, Integer, List<Long>> histogram(int shares, int length, int chunkLength) {
    return new Prio3<>(0x00000004, new Histogram<>(Field128.FIELD, length, chunkLength), shares, 1);
  }

  /**
   * Prio3MultihotCountVec (ID 0x00000005): {@code length} booleans with at most {@code maxWeight} set, Field128.
   *
   * @throws IllegalArgumentException unless 1 &lt;= maxWeight &lt;= length and chunkLength &gt;= 1
   */
  public static Prio3<Field128.Element, List<Boolean>, List<Long>> multihotCountVec(int shares, int length,
      long maxWeight, int chunkLength) {
    return new Prio3<>(0x00000005, new MultihotCountVec<>(Field128.FIELD, length, maxWeight, chunkLength), shares, 1);
  }

  private boolean usesJointRand() {
    return valid.jointRandLen() > 0;
  }

  /** VERIFY_KEY_SIZE. */
  public int verifyKeySize() {
    return XofTurboShake128.SEED_SIZE;
  }

  /** RAND_SIZE: the random bytes {@link #shard} consumes. */
  public int randSize() {
    return SEED * shares * (usesJointRand() ? 2 : 1);
  }

  public int shares() {
    return shares;
  }

  /**
   * The result of sharding: the public share (empty without joint randomness) and one encoded input
   * share per aggregator (the leader's field vectors, then the helpers' seeds).
   */
  public record Sharded(byte[] publicShare, List<byte[]> inputShares) {}

  /**
   * One aggregator's verification state - its output share and the joint randomness seed it computed
   * (null without joint randomness) - and the verifier share it broadcasts.
   */
  public record Verification<E>(List<E> outShare, byte[] correctedJointRandSeed, byte[] verifierShare) {}

  /**
   * shard(ctx, measurement, nonce, rand).
   *
   * @throws IllegalArgumentException if the nonce or randomness has the wrong size, or the measurement
   *     cannot be encoded
   */
  public Sharded shard(byte[] ctx, M measurement, byte[] nonce, byte[] rand) {
    requireSize(nonce, NONCE_SIZE, "nonce");
    requireSize(rand, randSize(), "rand");
    return shardEncoded(ctx, valid.encode(measurement), nonce, rand);
  }

  /**
   * Shards an already encoded measurement of {@link #measurementLength()} elements without checking that
   * it encodes a valid measurement: what a faulty or malicious client does. The proof is computed as an
   * honest client would; aggregators reject the report unless the encoding is valid.
   */
  Sharded shardEncoded(byte[] ctx, List<E> meas, byte[] nonce, byte[] rand) {
    requireSize(nonce, NONCE_SIZE, "nonce");
    requireSize(rand, randSize(), "rand");
    if (meas.size() != valid.measLen()) {
      throw new IllegalArgumentException("an encoded measurement has " + valid.measLen() + " elements, had "
          + meas.size());
    }
    int l = XofTurboShake128.SEED_SIZE;
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < rand.length; i += l) {
      seeds.add(Arrays.copyOfRange(rand, i, i + l));
    }
    int helpers = shares - 1;
    List<byte[]> helperShares = new ArrayList<>();
    List<byte[]> helperBlinds = new ArrayList<>();
    for (int j = 0; j < helpers; j++) {
      helperShares.add(seeds.get(usesJointRand() ? 2 * j : j));
      if (usesJointRand()) {
        helperBlinds.add(seeds.get(2 * j + 1));
      }
    }
    int next = usesJointRand() ? 2 * helpers : helpers;
    byte[] leaderBlind = usesJointRand() ? seeds.get(next++) : null;
    byte[] proveSeed = seeds.get(next);
    List<E> leaderMeasShare = meas;
    List<byte[]> jointRandParts = new ArrayList<>();
    for (int j = 0; j < helpers; j++) {
      List<E> helperMeasShare = helperMeasShare(ctx, j + 1, helperShares.get(j));
      leaderMeasShare = sub(leaderMeasShare, helperMeasShare);
      if (usesJointRand()) {
        jointRandParts.add(jointRandPart(ctx, j + 1, helperBlinds.get(j), helperMeasShare, nonce));
      }
    }
    List<E> jointRands = List.of();
    if (usesJointRand()) {
      jointRandParts.add(0, jointRandPart(ctx, 0, leaderBlind, leaderMeasShare, nonce));
      jointRands = jointRands(ctx, jointRandSeed(ctx, jointRandParts));
    }
    List<E> proveRands = proveRands(ctx, proveSeed);
    List<E> leaderProofsShare = new ArrayList<>();
    for (int k = 0; k < proofs; k++) {
      int from = k * flp.proveRandLen();
      List<E> jointRand = jointRands.isEmpty() ? List.of()
          : jointRands.subList(k * valid.jointRandLen(), (k + 1) * valid.jointRandLen());
      leaderProofsShare.addAll(flp.prove(meas, proveRands.subList(from, from + flp.proveRandLen()), jointRand));
    }
    for (int j = 0; j < helpers; j++) {
      leaderProofsShare = sub(leaderProofsShare, helperProofsShare(ctx, j + 1, helperShares.get(j)));
    }
    List<byte[]> inputShares = new ArrayList<>();
    byte[] leader = concat(field.encodeVec(leaderMeasShare), field.encodeVec(leaderProofsShare));
    inputShares.add(usesJointRand() ? concat(leader, leaderBlind) : leader);
    for (int j = 0; j < helpers; j++) {
      inputShares.add(usesJointRand() ? concat(helperShares.get(j), helperBlinds.get(j)) : helperShares.get(j).clone());
    }
    return new Sharded(concat(jointRandParts.toArray(byte[][]::new)), inputShares);
  }

  /**
   * verify_init(verify_key, ctx, agg_id, agg_param = None, nonce, public_share, input_share).
   *
   * @throws IllegalArgumentException if a message is malformed or a test point is a root of unity
   */
  public Verification<E> verifyInit(byte[] verifyKey, byte[] ctx, int aggId, byte[] nonce, byte[] publicShare,
      byte[] inputShare) {
    requireSize(verifyKey, verifyKeySize(), "verify_key");
    requireSize(nonce, NONCE_SIZE, "nonce");
    if (aggId < 0 || aggId >= shares) {
      throw new IllegalArgumentException("`agg_id` must be in [0, " + shares + "), was " + aggId);
    }
    int blindBytes = usesJointRand() ? SEED : 0;
    requireSize(publicShare, usesJointRand() ? SEED * shares : 0, "public share");
    List<E> measShare;
    List<E> proofsShare;
    byte[] blind;
    if (aggId == 0) {
      int measBytes = valid.measLen() * field.encodedSize();
      int proofBytes = flp.proofLen() * proofs * field.encodedSize();
      requireSize(inputShare, measBytes + proofBytes + blindBytes, "leader input share");
      measShare = field.decodeVec(Arrays.copyOfRange(inputShare, 0, measBytes));
      proofsShare = field.decodeVec(Arrays.copyOfRange(inputShare, measBytes, measBytes + proofBytes));
      blind = Arrays.copyOfRange(inputShare, measBytes + proofBytes, inputShare.length);
    } else {
      requireSize(inputShare, SEED + blindBytes, "helper input share");
      byte[] share = Arrays.copyOfRange(inputShare, 0, SEED);
      measShare = helperMeasShare(ctx, aggId, share);
      proofsShare = helperProofsShare(ctx, aggId, share);
      blind = Arrays.copyOfRange(inputShare, SEED, inputShare.length);
    }
    List<E> outShare = valid.truncate(measShare);
    byte[] jointRandPart = null;
    byte[] correctedSeed = null;
    List<E> jointRands = List.of();
    if (usesJointRand()) {
      jointRandPart = jointRandPart(ctx, aggId, blind, measShare, nonce);
      List<byte[]> parts = new ArrayList<>();
      for (int j = 0; j < shares; j++) {
        parts.add(j == aggId ? jointRandPart : Arrays.copyOfRange(publicShare, j * SEED, (j + 1) * SEED));
      }
      correctedSeed = jointRandSeed(ctx, parts);
      jointRands = jointRands(ctx, correctedSeed);
    }
    List<E> queryRands = queryRands(verifyKey, ctx, nonce);
    List<E> verifiersShare = new ArrayList<>();
    for (int k = 0; k < proofs; k++) {
      List<E> proofShare = proofsShare.subList(k * flp.proofLen(), (k + 1) * flp.proofLen());
      List<E> queryRand = queryRands.subList(k * flp.queryRandLen(), (k + 1) * flp.queryRandLen());
      List<E> jointRand = jointRands.isEmpty() ? List.of()
          : jointRands.subList(k * valid.jointRandLen(), (k + 1) * valid.jointRandLen());
      verifiersShare.addAll(flp.query(measShare, proofShare, queryRand, jointRand, shares));
    }
    byte[] verifierShare = field.encodeVec(verifiersShare);
    return new Verification<>(outShare, correctedSeed,
        jointRandPart == null ? verifierShare : concat(verifierShare, jointRandPart));
  }

  /**
   * verifier_shares_to_message: combines the verifier shares and decides.
   *
   * @return the verifier message (empty without joint randomness)
   * @throws VdafVerificationException if the proof verifier check fails
   * @throws IllegalArgumentException if a share is malformed
   */
  public byte[] verifierSharesToMessage(byte[] ctx, List<byte[]> verifierShares) {
    if (verifierShares.size() != shares) {
      throw new IllegalArgumentException("need " + shares + " verifier shares, had " + verifierShares.size());
    }
    List<E> verifiers = field.zeros(flp.verifierLen() * proofs);
    int verifierBytes = flp.verifierLen() * proofs * field.encodedSize();
    List<byte[]> jointRandParts = new ArrayList<>();
    for (byte[] share : verifierShares) {
      requireSize(share, verifierBytes + (usesJointRand() ? SEED : 0), "verifier share");
      verifiers = add(verifiers, field.decodeVec(Arrays.copyOfRange(share, 0, verifierBytes)));
      jointRandParts.add(Arrays.copyOfRange(share, verifierBytes, share.length));
    }
    for (int k = 0; k < proofs; k++) {
      if (!flp.decide(verifiers.subList(k * flp.verifierLen(), (k + 1) * flp.verifierLen()))) {
        throw new VdafVerificationException("proof verifier check failed");
      }
    }
    return usesJointRand() ? jointRandSeed(ctx, jointRandParts) : new byte[0];
  }

  /**
   * verify_next: the output share once the verifier message has been received.
   *
   * @throws VdafVerificationException if the verifier message is not the joint randomness seed this
   *     aggregator computed (empty without joint randomness)
   */
  public List<E> verifyNext(Verification<E> state, byte[] verifierMessage) {
    byte[] expected = state.correctedJointRandSeed() == null ? new byte[0] : state.correctedJointRandSeed();
    if (!java.security.MessageDigest.isEqual(expected, verifierMessage)) {
      throw new VdafVerificationException("joint randomness check failed");
    }
    return state.outShare();
  }

  /** agg_init + agg_update over the output shares. */
  public List<E> aggregate(List<List<E>> outShares) {
    List<E> aggShare = field.zeros(valid.outputLen());
    for (List<E> outShare : outShares) {
      aggShare = add(aggShare, outShare);
    }
    return aggShare;
  }

  /** unshard: the aggregate result from every aggregator's aggregate share. */
  public R unshard(List<List<E>> aggShares, int numMeasurements) {
    return valid.decode(aggregate(aggShares), numMeasurements);
  }

  public Field<E> field() {
    return field;
  }

  /**
   * The circuit's encoding of a measurement, which checks it is valid (what shard does first).
   *
   * @throws IllegalArgumentException if the measurement is not valid
   */
  List<E> encode(M measurement) {
    return valid.encode(measurement);
  }

  /** MEAS_LEN: the elements of an encoded measurement. */
  int measurementLength() {
    return valid.measLen();
  }

  /** OUTPUT_LEN: the elements of an output (and aggregate) share. */
  public int outputLength() {
    return valid.outputLen();
  }

  /**
   * Whether every aggregator's joint randomness part, as its verifier share carries it, is the part the
   * public share claims. verify_next checks only that the message matches the seed this aggregator corrected
   * with its own part - that is, that the other aggregators' claimed parts are right - so a client can make
   * one of two aggregators accept and the other reject. An aggregator that computes the message and also
   * requires this makes both reach the same decision. Always true without joint randomness.
   *
   * @throws IllegalArgumentException if the public or a verifier share has the wrong size
   */
  public boolean jointRandPartsMatch(byte[] publicShare, List<byte[]> verifierShares) {
    if (!usesJointRand()) {
      return true;
    }
    requireSize(publicShare, SEED * shares, "public share");
    if (verifierShares.size() != shares) {
      throw new IllegalArgumentException("need " + shares + " verifier shares, had " + verifierShares.size());
    }
    int verifierBytes = flp.verifierLen() * proofs * field.encodedSize();
    boolean match = true;
    for (int j = 0; j < shares; j++) {
      byte[] share = verifierShares.get(j);
      requireSize(share, verifierBytes + SEED, "verifier share");
      match &= java.security.MessageDigest.isEqual(Arrays.copyOfRange(publicShare, j * SEED, (j + 1) * SEED),
          Arrays.copyOfRange(share, verifierBytes, verifierBytes + SEED));
    }
    return match;
  }

  private byte[] dst(int usage, byte[] ctx) {
    return concat(new byte[] {(byte) VERSION, 0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id,
        (byte) (usage >>> 8), (byte) usage}, ctx);
  }

  private List<E> helperMeasShare(byte[] ctx, int aggId, byte[] share) {
    return XofTurboShake128.expandIntoVec(field, share, dst(USAGE_MEAS_SHARE, ctx), new byte[] {(byte) aggId},
        valid.measLen());
  }

  private List<E> helperProofsShare(byte[] ctx, int aggId, byte[] share) {
    return XofTurboShake128.expandIntoVec(field, share, dst(USAGE_PROOF_SHARE, ctx),
        new byte[] {(byte) proofs, (byte) aggId}, flp.proofLen() * proofs);
  }

  private List<E> proveRands(byte[] ctx, byte[] proveSeed) {
    return XofTurboShake128.expandIntoVec(field, proveSeed, dst(USAGE_PROVE_RANDOMNESS, ctx),
        new byte[] {(byte) proofs}, flp.proveRandLen() * proofs);
  }

  private List<E> queryRands(byte[] verifyKey, byte[] ctx, byte[] nonce) {
    return XofTurboShake128.expandIntoVec(field, verifyKey, dst(USAGE_QUERY_RANDOMNESS, ctx),
        concat(new byte[] {(byte) proofs}, nonce), flp.queryRandLen() * proofs);
  }

  private byte[] jointRandPart(byte[] ctx, int aggId, byte[] blind, List<E> measShare, byte[] nonce) {
    return XofTurboShake128.deriveSeed(blind, dst(USAGE_JOINT_RAND_PART, ctx),
        concat(new byte[] {(byte) aggId}, nonce, field.encodeVec(measShare)));
  }

  private byte[] jointRandSeed(byte[] ctx, List<byte[]> parts) {
    return XofTurboShake128.deriveSeed(new byte[SEED], dst(USAGE_JOINT_RAND_SEED, ctx), concat(parts.toArray(byte[][]::new)));
  }

  private List<E> jointRands(byte[] ctx, byte[] seed) {
    return XofTurboShake128.expandIntoVec(field, seed, dst(USAGE_JOINT_RANDOMNESS, ctx), new byte[] {(byte) proofs},
        valid.jointRandLen() * proofs);
  }

  private List<E> add(List<E> left, List<E> right) {
    if (left.size() != right.size()) {
      throw new IllegalArgumentException("mismatched vector sizes");
    }
    List<E> sum = new ArrayList<>(left.size());
    for (int i = 0; i < left.size(); i++) {
      sum.add(left.get(i).add(right.get(i)));
    }
    return sum;
  }

  private List<E> sub(List<E> left, List<E> right) {
    if (left.size() != right.size()) {
      throw new IllegalArgumentException("mismatched vector sizes");
    }
    List<E> difference = new ArrayList<>(left.size());
    for (int i = 0; i < left.size(); i++) {
      difference.add(left.get(i).sub(right.get(i)));
    }
    return difference;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static void requireSize(byte[] value, int size, String name) {
    Objects.requireNonNull(value, name);
    if (value.length != size) {
      throw new IllegalArgumentException("`" + name + "` must have " + size + " bytes, had " + value.length);
    }
  }
}
