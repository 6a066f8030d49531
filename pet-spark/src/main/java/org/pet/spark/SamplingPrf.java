package org.pet.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.pet.random.Randomness;

/**
 * The randomness of contribution bounding ({@link UnitSampler}): a keyed pseudorandom function, AES-256 on
 * one block, under a key drawn from {@link Randomness#secureRandom()} for one query. The block is
 * {@code h1 (8 bytes) || h2 (4 bytes) || counter (4 bytes)}, little-endian, where (h1, h2) are Spark's
 * 64-bit xxHash and 32-bit Murmur3 of (privacy unit, group) and the counter is 0 for the group's key (the
 * unit keeps its L0 groups with the smallest keys) and 1 for the seed of the generator that samples the
 * group's rows; the output is the first 8 bytes of the ciphertext.
 *
 * <p><b>Why a PRF rather than a generator:</b> the keys are a deterministic function of the data and the
 * query's secret key, so a Spark task that is retried (a lost executor, a fetch failure) bounds its units
 * exactly as the first attempt did, and no privacy unit can end up with one sample in some groups and
 * another in others. Distinct inputs give independent-looking uniform keys if AES is a pseudorandom
 * permutation; a hash collision of two (unit, group) pairs (about 2^-96 per pair) only correlates their
 * keys, never breaks the bounds, which the sampler enforces whatever the keys.
 *
 * <p>The key is secret: whoever knows it can predict which rows are sampled. It lives in this object,
 * which Spark ships to the executors of the one query; {@link #toString()} does not reveal it. Each
 * deserialized copy uses one cipher per thread.
 */
final class SamplingPrf implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int KEY_BYTES = 32;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] key;
  private transient ThreadLocal<Block> blocks;

  /** One cipher and its buffers, for one thread. */
  private static final class Block {
    final Cipher cipher;
    final byte[] in = new byte[16];
    final byte[] out = new byte[16];

    Block(byte[] key) {
      try {
        cipher = Cipher.getInstance("AES/ECB/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-256 is unavailable", e);
      }
    }
  }

  private SamplingPrf(byte[] key) {
    this.key = key;
    this.blocks = ThreadLocal.withInitial(() -> new Block(key));
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    blocks = ThreadLocal.withInitial(() -> new Block(key));
  }

  /** A PRF under a fresh secret key. */
  static SamplingPrf withFreshKey() {
    byte[] key = new byte[KEY_BYTES];
    Randomness.secureRandom().nextBytes(key);
    return new SamplingPrf(key);
  }

  /** A PRF under a caller's key, so that tests can repeat a bounding. Never for releases. */
  static SamplingPrf withKeyForTesting(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw Checks.invalid("key", KEY_BYTES + " bytes", key.length + " bytes");
    }
    return new SamplingPrf(key.clone());
  }

  /** The PRF of one block (see the class documentation). */
  long apply(long h1, int h2, int counter) {
    Block block = blocks.get();
    LONGS.set(block.in, 0, h1);
    INTS.set(block.in, 8, h2);
    INTS.set(block.in, 12, counter);
    try {
      block.cipher.doFinal(block.in, 0, 16, block.out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256 failed on one block", e);
    }
    return (long) LONGS.get(block.out, 0);
  }

  /** The PRF as a Spark column of (h1: long, h2: int, counter: int); deterministic. */
  Column column(Column h1, Column h2, Column counter) {
    UDF3<Long, Integer, Integer, Long> prf = (a, b, c) -> apply(a, b, c);
    UserDefinedFunction udf = functions.udf(prf, DataTypes.LongType);
    return udf.apply(h1, h2, counter);
  }

  @Override
  public String toString() {
    return "SamplingPrf[key hidden]";
  }
}
