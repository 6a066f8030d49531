package org.pet.vdaf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Prio3 instance run by two aggregators, the leader (aggregator id 0) and the helper (1), with
 * measurements, shares and aggregates as plain integers and bytes, so that servers and clients need not
 * know the field or measurement types of {@link Prio3}.
 *
 * <p>One report's verification: each aggregator runs {@link #verifyInit} on its input share; the helper
 * receives the leader's verifier share and computes the verifier message ({@link #verifierMessage}), which
 * also checks that both joint randomness parts are the ones the public share claims (see {@link
 * Prio3#jointRandPartsMatch}); the leader receives the message and adds the output share ({@link
 * AggregateShare#add}, whose verify_next passes whenever the helper's checks did). A report therefore either
 * verifies at both aggregators or is rejected at both.
 *
 * <p>Aggregate results are decoded as signed integers: an aggregate share may carry DP noise
 * ({@link AggregateShare#addNoise}), which can take a count below zero.
 */
public final class TwoAggregatorPrio3 {

  /** The leader's aggregator id. */
  public static final int LEADER = 0;
  /** The helper's aggregator id. */
  public static final int HELPER = 1;

  private final Prio3Config config;
  private final Typed<?, ?, ?> typed;

  private TwoAggregatorPrio3(Prio3Config config, Typed<?, ?, ?> typed) {
    this.config = config;
    this.typed = typed;
  }

  /** The two-aggregator instance of {@code config}. */
  public static TwoAggregatorPrio3 of(Prio3Config config) {
    Objects.requireNonNull(config, "config");
    Typed<?, ?, ?> typed = switch (config.type()) {
      case COUNT -> new Typed<>(Prio3.count(2), m -> checkedBit(m[0]));
      case SUM -> new Typed<>(Prio3.sum(2, config.maxMeasurement()), m -> m[0]);
      case SUM_VEC -> new Typed<>(Prio3.sumVec(2, config.length(), config.maxMeasurement(), config.chunkLength()),
          TwoAggregatorPrio3::boxed);
      case HISTOGRAM -> new Typed<>(Prio3.histogram(2, config.length(), config.chunkLength()), m -> checkedBucket(m[0],
          config.length()));
      case MULTIHOT_COUNT_VEC -> new Typed<>(Prio3.multihotCountVec(2, config.length(), config.maxMeasurement(),
          config.chunkLength()), m -> bits(m, config.maxMeasurement()));
    };
    return new TwoAggregatorPrio3(config, typed);
  }

  public Prio3Config config() {
    return config;
  }

  /** RAND_SIZE: the random bytes {@link #shard} consumes. */
  public int randSize() {
    return typed.prio3.randSize();
  }

  /** VERIFY_KEY_SIZE. */
  public int verifyKeySize() {
    return typed.prio3.verifyKeySize();
  }

  /**
   * Shards a measurement given as {@link Prio3Config#measurementInputs()} integers: Count 0 or 1; Sum a value
   * in [0, maxMeasurement]; SumVec {@code length} such values; Histogram the bucket index in [0, length);
   * MultihotCountVec {@code length} values 0 or 1 with at most maxWeight ones.
   *
   * @throws IllegalArgumentException if the measurement is not valid for the task, or the nonce or
   *     randomness has the wrong size
   */
  public Prio3.Sharded shard(byte[] ctx, long[] measurement, byte[] nonce, byte[] rand) {
    checkLength(measurement);
    return typed.shard(ctx, measurement, nonce, rand);
  }

  /**
   * Checks a measurement as {@link #shard} would, without sharding or proving.
   *
   * @throws IllegalArgumentException if the measurement is not valid for the task
   */
  public void validate(long[] measurement) {
    checkLength(measurement);
    typed.encode(measurement);
  }

  private void checkLength(long[] measurement) {
    Objects.requireNonNull(measurement, "measurement");
    if (measurement.length != config.measurementInputs()) {
      throw new IllegalArgumentException(config + " takes " + config.measurementInputs() + " integer(s) per "
          + "measurement, had " + measurement.length);
    }
  }

  /**
   * Shards an encoded measurement (the circuit's field elements, as integers in [0, p)) without checking it
   * encodes a valid measurement: a faulty or malicious client, for testing that aggregators reject such
   * reports. Honest clients use {@link #shard}.
   *
   * @throws IllegalArgumentException if the encoding has the wrong length or an element is outside [0, p)
   */
  public Prio3.Sharded shardUnchecked(byte[] ctx, BigInteger[] encodedMeasurement, byte[] nonce, byte[] rand) {
    return typed.shardEncoded(ctx, encodedMeasurement, nonce, rand);
  }

  /** MEAS_LEN: the field elements of an encoded measurement (for {@link #shardUnchecked}). */
  public int encodedMeasurementLength() {
    return typed.prio3.measurementLength();
  }

  /**
   * One aggregator's verify_init.
   *
   * @throws InvalidReportException (MALFORMED) if the public or input share is malformed
   */
  public Prepared verifyInit(byte[] verifyKey, byte[] ctx, int aggId, byte[] nonce, byte[] publicShare,
      byte[] inputShare) throws InvalidReportException {
    checkAggId(aggId);
    try {
      return new Prepared(aggId, publicShare, typed.prio3.verifyInit(verifyKey, ctx, aggId, nonce, publicShare,
          inputShare));
    } catch (IllegalArgumentException e) {
      throw new InvalidReportException(InvalidReportException.Reason.MALFORMED, e.getMessage());
    }
  }

  /**
   * verifier_shares_to_message from this aggregator's and the peer's verifier shares, after checking both
   * joint randomness parts against the public share ({@link Prio3#jointRandPartsMatch}).
   *
   * @throws InvalidReportException (PROOF_REJECTED, JOINT_RANDOMNESS_MISMATCH or MALFORMED)
   */
  public byte[] verifierMessage(byte[] ctx, Prepared own, byte[] peerVerifierShare) throws InvalidReportException {
    try {
      List<byte[]> shares = own.aggId == LEADER ? List.of(own.verifierShare(), peerVerifierShare)
          : List.of(peerVerifierShare, own.verifierShare());
      if (!typed.prio3.jointRandPartsMatch(own.publicShare, shares)) {
        throw new InvalidReportException(InvalidReportException.Reason.JOINT_RANDOMNESS_MISMATCH,
            "the public share's joint randomness parts are not the ones the aggregators computed");
      }
      return typed.prio3.verifierSharesToMessage(ctx, shares);
    } catch (VdafVerificationException e) {
      throw new InvalidReportException(InvalidReportException.Reason.PROOF_REJECTED, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidReportException(InvalidReportException.Reason.MALFORMED, e.getMessage());
    }
  }

  /** An empty aggregate share. */
  public AggregateShare newAggregateShare() {
    return new AggregateShare(typed.zeros());
  }

  /**
   * An aggregate share from its encoding (the field's vector encoding, {@link AggregateShare#encode}).
   *
   * @throws IllegalArgumentException if the encoding has the wrong length or holds a value outside the field
   */
  public AggregateShare decodeAggregateShare(byte[] encoded) {
    return new AggregateShare(typed.decode(encoded));
  }

  /**
   * unshard over signed integers: the leader's and helper's aggregate shares summed, each element read as
   * the integer in (-p/2, p/2] it is congruent to.
   *
   * @throws IllegalArgumentException if a share is malformed or there are not two
   * @throws ArithmeticException if an element does not fit a long
   */
  public long[] unshard(List<byte[]> aggregateShares) {
    if (aggregateShares.size() != 2) {
      throw new IllegalArgumentException("unshard needs the leader's and the helper's aggregate shares, had "
          + aggregateShares.size());
    }
    AggregateShare sum = decodeAggregateShare(aggregateShares.get(0));
    sum.addAll(decodeAggregateShare(aggregateShares.get(1)));
    return sum.signedValues();
  }

  private static void checkAggId(int aggId) {
    if (aggId != LEADER && aggId != HELPER) {
      throw new IllegalArgumentException("`aggId` must be 0 (leader) or 1 (helper), was " + aggId);
    }
  }

  /** One aggregator's state for one report between verify_init and verify_next. */
  public final class Prepared {
    private final int aggId;
    private final byte[] publicShare;
    private final Prio3.Verification<?> verification;

    private Prepared(int aggId, byte[] publicShare, Prio3.Verification<?> verification) {
      this.aggId = aggId;
      this.publicShare = publicShare.clone();
      this.verification = verification;
    }

    /** The verifier share to send to the other aggregator. */
    public byte[] verifierShare() {
      return verification.verifierShare().clone();
    }
  }

  /** A running sum of output shares (agg_init and agg_update); not thread-safe. */
  public final class AggregateShare {
    private final List<?> elements;
    private int reports;

    private AggregateShare(List<?> elements) {
      this.elements = elements;
    }

    /**
     * verify_next, then agg_update with the output share.
     *
     * @throws InvalidReportException (JOINT_RANDOMNESS_MISMATCH) if the message is not the joint randomness
     *     seed this aggregator computed; the share is then unchanged
     */
    public void add(Prepared prepared, byte[] verifierMessage) throws InvalidReportException {
      try {
        typed.addOutShare(elements, prepared.verification, verifierMessage);
      } catch (VdafVerificationException e) {
        throw new InvalidReportException(InvalidReportException.Reason.JOINT_RANDOMNESS_MISMATCH, e.getMessage());
      }
      reports++;
    }

    /** Adds another aggregate share (the same task's) element by element. */
    public void addAll(AggregateShare other) {
      typed.addInto(elements, other.elements);
      reports += other.reports;
    }

    /**
     * Adds integer noise (signed, reduced modulo p) to every element.
     *
     * @throws IllegalArgumentException if the noise vector's length is not {@link #length()}
     */
    public void addNoise(long[] noise) {
      if (noise.length != elements.size()) {
        throw new IllegalArgumentException("noise must have " + elements.size() + " elements, had " + noise.length);
      }
      typed.addSigned(elements, noise);
    }

    /** OUTPUT_LEN. */
    public int length() {
      return elements.size();
    }

    /** How many output shares {@link #add} has added to this object (not counting {@link #addAll}'s). */
    public int reports() {
      return reports;
    }

    /** The field's vector encoding. */
    public byte[] encode() {
      return typed.encode(elements);
    }

    long[] signedValues() {
      return typed.signed(elements);
    }
  }

  /** The typed operations behind the facade. */
  private static final class Typed<E extends FieldElement<E>, M, R> {
    private final Prio3<E, M, R> prio3;
    private final java.util.function.Function<long[], M> measurement;

    Typed(Prio3<E, M, R> prio3, java.util.function.Function<long[], M> measurement) {
      this.prio3 = prio3;
      this.measurement = measurement;
    }

    Prio3.Sharded shard(byte[] ctx, long[] values, byte[] nonce, byte[] rand) {
      return prio3.shard(ctx, measurement.apply(values), nonce, rand);
    }

    void encode(long[] values) {
      prio3.encode(measurement.apply(values));
    }

    Prio3.Sharded shardEncoded(byte[] ctx, BigInteger[] encoded, byte[] nonce, byte[] rand) {
      List<E> elements = new ArrayList<>(encoded.length);
      for (BigInteger value : encoded) {
        if (value.signum() < 0) {
          throw new IllegalArgumentException("an encoded element must be in [0, p), was " + value);
        }
        elements.add(prio3.field().of(value));
      }
      return prio3.shardEncoded(ctx, elements, nonce, rand);
    }

    List<E> zeros() {
      return new ArrayList<>(prio3.field().zeros(prio3.outputLength()));
    }

    List<E> decode(byte[] encoded) {
      if (encoded.length != prio3.outputLength() * prio3.field().encodedSize()) {
        throw new IllegalArgumentException("an aggregate share has " + prio3.outputLength() * prio3.field().encodedSize()
            + " bytes, had " + encoded.length);
      }
      return new ArrayList<>(prio3.field().decodeVec(encoded));
    }

    @SuppressWarnings("unchecked")
    void addOutShare(List<?> into, Prio3.Verification<?> verification, byte[] message) {
      List<E> outShare = prio3.verifyNext((Prio3.Verification<E>) verification, message);
      addInto(into, outShare);
    }

    @SuppressWarnings("unchecked")
    void addInto(List<?> into, List<?> other) {
      List<E> sum = (List<E>) into;
      List<E> addend = (List<E>) other;
      for (int i = 0; i < sum.size(); i++) {
        sum.set(i, sum.get(i).add(addend.get(i)));
      }
    }

    @SuppressWarnings("unchecked")
    void addSigned(List<?> into, long[] values) {
      List<E> sum = (List<E>) into;
      for (int i = 0; i < sum.size(); i++) {
        sum.set(i, sum.get(i).add(prio3.field().of(values[i])));
      }
    }

    @SuppressWarnings("unchecked")
    byte[] encode(List<?> elements) {
      return prio3.field().encodeVec((List<E>) elements);
    }

    @SuppressWarnings("unchecked")
    long[] signed(List<?> elements) {
      BigInteger p = prio3.field().modulus();
      BigInteger half = p.shiftRight(1);
      long[] values = new long[elements.size()];
      for (int i = 0; i < values.length; i++) {
        BigInteger value = ((List<E>) elements).get(i).toBigInteger();
        values[i] = (value.compareTo(half) > 0 ? value.subtract(p) : value).longValueExact();
      }
      return values;
    }
  }

  private static long checkedBit(long value) {
    if (value != 0 && value != 1) {
      throw new IllegalArgumentException("a Prio3Count measurement must be 0 or 1, was " + value);
    }
    return value;
  }

  private static int checkedBucket(long bucket, int length) {
    if (bucket < 0 || bucket >= length) {
      throw new IllegalArgumentException("a Prio3Histogram measurement must be a bucket in [0, " + length
          + "), was " + bucket);
    }
    return (int) bucket;
  }

  private static List<Long> boxed(long[] values) {
    List<Long> list = new ArrayList<>(values.length);
    for (long value : values) {
      list.add(value);
    }
    return list;
  }

  private static List<Boolean> bits(long[] values, long maxWeight) {
    List<Boolean> list = new ArrayList<>(values.length);
    long weight = 0;
    for (long value : values) {
      weight += checkedBit(value);
      list.add(value == 1);
    }
    if (weight > maxWeight) {
      throw new IllegalArgumentException("a Prio3MultihotCountVec measurement may set at most " + maxWeight
          + " elements, set " + weight);
    }
    return list;
  }
}
