package org.pet.benchmarks;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.pet.linkage.PsiMessage;
import org.pet.linkage.PsiParameters;
import org.pet.linkage.PsiParty;
import org.pet.linkage.PsiRecord;
import org.pet.linkage.PsiResult;
import org.pet.linkage.PsiWire;

/**
 * A whole data linkage session (private intersection-sum-with-cardinality, Ion et al.) between two sets
 * of {@code size} identifiers each, half of them shared, with the value party's values in [0, 100]: both
 * parties built from their raw input, the four steps run one after the other in this thread, every
 * message encoded with {@link PsiWire} and decoded again as the relay would carry it, noise on both
 * outputs (epsilon 0.5 + 0.5).
 *
 * <p>Each measurement is one session (single-shot; one warm-up and two measured iterations, since a
 * 100,000 x 100,000 session takes minutes on two cores), after a garbage collection outside the timing.
 * The trial setup first runs three 1,000-element sessions so that the single warm-up is not the JIT's
 * only chance. Auxiliary counters report, per session, the bytes of the four encoded messages and the
 * milliseconds of each step: step k is the sender computing message k from the message it received
 * (validating its points included), plus encoding and decoding message k; step 4 also covers the
 * identifier party reading the release; {@code inputsMs} is both parties normalising and deduplicating
 * their raw input.
 *
 * <p>The baseline {@link #rawScalarMultiplications} is the protocol's unavoidable core: every identifier
 * is blinded twice, once by each party, so a session needs 4 x size variable-base P-256 scalar
 * multiplications (Bouncy Castle, normalised to affine as the protocol does). The ratio session /
 * baseline is what the rest costs: hashing to the curve, ElGamal encryption of the values, point
 * compression and validation, shuffles, matching and encoding.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class LinkageBenchmark {

  private static final long MAX_VALUE = 100;
  private static final int WARM_UP_SIZE = 1_000;
  private static final int WARM_UP_SESSIONS = 3;
  private static int sessions;

  /** The size of each party's set; shared by both benchmarks. */
  @State(Scope.Benchmark)
  public static class SetSize {
    @Param({"1000", "100000"})
    public int size;

    /** Collects the previous session's garbage outside the timing. */
    @Setup(Level.Iteration)
    public void collect() {
      System.gc();
    }
  }

  /** Both parties' raw inputs: {@code size} identifiers each, the middle half of the range shared. */
  public static class Inputs extends SetSize {
    List<String> identifiers;
    List<PsiRecord> records;

    @Setup(Level.Trial)
    public void prepare() {
      identifiers = identifiers(0, size);
      records = records(size / 2, size, size);
      List<String> warmIdentifiers = identifiers(0, WARM_UP_SIZE);
      List<PsiRecord> warmRecords = records(WARM_UP_SIZE / 2, WARM_UP_SIZE, 1);
      for (int i = 0; i < WARM_UP_SESSIONS; i++) {
        PsiResult result = runSession(warmIdentifiers, warmRecords, new SessionCounters());
        if (Math.abs(result.cardinality() - WARM_UP_SIZE / 2) > 10 * result.cardinalityHalfWidth()) {
          throw new IllegalStateException("implausible intersection size " + result.cardinality());
        }
      }
    }

    /** Ten-digit identifiers, like NHS numbers. */
    private static List<String> identifiers(int first, int count) {
      List<String> identifiers = new ArrayList<>(count);
      for (int i = first; i < first + count; i++) {
        identifiers.add(Long.toString(4_000_000_000L + i));
      }
      return identifiers;
    }

    private static List<PsiRecord> records(int first, int count, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      List<PsiRecord> records = new ArrayList<>(count);
      for (String identifier : identifiers(first, count)) {
        records.add(new PsiRecord(identifier, random.nextLong(MAX_VALUE + 1)));
      }
      return records;
    }
  }

  /**
   * Per session: bytes of the four encoded messages and milliseconds per step. JMH adds these counters up
   * over the measured iterations, so each session adds its figures divided by the number of measured
   * sessions: the reported score is then the mean per session.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class SessionCounters {
    public double wireBytes;
    public double inputsMs;
    public double step1Ms;
    public double step2Ms;
    public double step3Ms;
    public double step4Ms;
    double weight = 1;

    @Setup(Level.Iteration)
    public void weigh(IterationParams iteration) {
      weight = 1.0 / ((double) iteration.getCount() * iteration.getBatchSize());
    }
  }

  /** A random point and a random blinding exponent, as one party's secret. */
  public static class Baseline extends SetSize {
    ECPoint start;
    BigInteger exponent;

    @Setup(Level.Trial)
    public void prepare() {
      X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
      SecureRandom random = new SecureRandom();
      start = p256.getG().multiply(randomScalar(p256.getN(), random)).normalize();
      exponent = randomScalar(p256.getN(), random);
      multiplyChain(start, exponent, 4 * WARM_UP_SIZE * WARM_UP_SESSIONS);
    }
  }

  /** Uniform in [1, n - 1], as the parties draw their exponents. */
  private static BigInteger randomScalar(BigInteger order, SecureRandom random) {
    BigInteger k;
    do {
      k = new BigInteger(order.bitLength(), random);
    } while (k.signum() == 0 || k.compareTo(order) >= 0);
    return k;
  }

  /** One whole session, from raw inputs to both parties holding the released result. */
  @Benchmark
  public PsiResult session(Inputs inputs, SessionCounters counters) {
    return runSession(inputs.identifiers, inputs.records, counters);
  }

  /**
   * 4 x size variable-base scalar multiplications, each on the previous result (so no precomputed table is
   * reused). No warm-up iteration: the trial setup has already run 12,000 of them.
   */
  @Benchmark
  @Warmup(iterations = 0)
  public ECPoint rawScalarMultiplications(Baseline baseline) {
    return multiplyChain(baseline.start, baseline.exponent, 4 * baseline.size);
  }

  private static ECPoint multiplyChain(ECPoint start, BigInteger exponent, int count) {
    ECPoint point = start;
    for (int i = 0; i < count; i++) {
      point = point.multiply(exponent).normalize();
    }
    return point;
  }

  private static PsiResult runSession(List<String> identifiers, List<PsiRecord> records,
      SessionCounters counters) {
    PsiParameters parameters = PsiParameters.builder().sessionId("linkage-bench-" + sessions++).sum(MAX_VALUE)
        .cardinalityEpsilon(0.5).sumEpsilon(0.5).build();
    long t0 = System.nanoTime();
    PsiParty identifierParty = PsiParty.identifierParty(parameters, identifiers);
    PsiParty valueParty = PsiParty.valueParty(parameters, records);
    long t1 = System.nanoTime();
    byte[] step1 = encodeOnly(identifierParty.start());
    PsiMessage received1 = PsiWire.decode(step1);
    long t2 = System.nanoTime();
    byte[] step2 = encodeOnly(valueParty.receive(received1));
    PsiMessage received2 = PsiWire.decode(step2);
    long t3 = System.nanoTime();
    byte[] step3 = encodeOnly(identifierParty.receive(received2));
    PsiMessage received3 = PsiWire.decode(step3);
    long t4 = System.nanoTime();
    byte[] step4 = encodeOnly(valueParty.receive(received3));
    if (!identifierParty.receive(PsiWire.decode(step4)).isEmpty()) {
      throw new IllegalStateException("the session did not end after step 4");
    }
    long t5 = System.nanoTime();
    PsiResult result = identifierParty.result().orElseThrow();
    if (!result.equals(valueParty.result().orElseThrow())) {
      throw new IllegalStateException("the parties disagree: " + result + " vs " + valueParty.result());
    }
    double weight = counters.weight;
    counters.wireBytes += weight * (step1.length + step2.length + step3.length + step4.length);
    counters.inputsMs += weight * (t1 - t0) / 1e6;
    counters.step1Ms += weight * (t2 - t1) / 1e6;
    counters.step2Ms += weight * (t3 - t2) / 1e6;
    counters.step3Ms += weight * (t4 - t3) / 1e6;
    counters.step4Ms += weight * (t5 - t4) / 1e6;
    return result;
  }

  private static byte[] encodeOnly(List<PsiMessage> messages) {
    if (messages.size() != 1) {
      throw new IllegalStateException("expected one message, got " + messages.size());
    }
    return PsiWire.encode(messages.get(0));
  }
}
