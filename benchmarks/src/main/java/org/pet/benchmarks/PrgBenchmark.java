package org.pet.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.pet.secagg.Prg;

/**
 * Byte throughput of the secure-aggregation PRG against raw AES: every benchmark handles 64 KiB per
 * invocation and counts one operation per byte, so scores are bytes per microsecond (MB/s).
 *
 * <p>The baseline {@code rawAesEcbInPlace} encrypts a 64 KiB buffer of counter blocks in place with one
 * JCA {@code AES/ECB/NoPadding} call: the cost of the block cipher alone. The target is that
 * {@link Prg} expansion ({@code prgExpand}, {@code prgAddTo}) reaches at least 0.5x the baseline's byte
 * throughput, i.e. that counter handling, copying and adding cost no more than the AES itself.
 *
 * <p>Run configuration: {@link ShortRun}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrgBenchmark extends ShortRun {

  private static final int WORDS = 8192;
  private static final int BYTES = WORDS * Long.BYTES;
  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Cipher aes;
  private byte[] counterBlocks;
  private Prg prg;
  private long[] target;

  @Setup
  public void setUp() throws GeneralSecurityException {
    byte[] seed = new byte[Prg.SEED_BYTES];
    new SplittableRandom(1).nextBytes(seed);
    aes = Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"));
    counterBlocks = new byte[BYTES];
    for (int block = 0; block < BYTES / 16; block++) {
      LITTLE_ENDIAN_LONGS.set(counterBlocks, block * 16, (long) block);
    }
    prg = Prg.fromSeed(seed);
    target = new long[WORDS];
  }

  /** Baseline: one JCA AES/ECB/NoPadding call over 64 KiB of counter blocks, in place. */
  @Benchmark
  @OperationsPerInvocation(BYTES)
  public byte[] rawAesEcbInPlace() throws ShortBufferException {
    aes.update(counterBlocks, 0, BYTES, counterBlocks, 0);
    return counterBlocks;
  }

  /** Masking a vector of 8192 words in place: the hot path of a secure-aggregation client. */
  @Benchmark
  @OperationsPerInvocation(BYTES)
  public long[] prgAddTo() {
    prg.addTo(target);
    return target;
  }

  /** Expanding a seed to a fresh 8192-word share. */
  @Benchmark
  @OperationsPerInvocation(BYTES)
  public long[] prgExpand() {
    return prg.expand(WORDS);
  }
}
