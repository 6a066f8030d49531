package org.pet.random;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CTR keystream generator with fast key erasure; not thread-safe (one instance per thread).
 *
 * <p>Every refill encrypts a zero buffer under the current key; the first 32 bytes of the keystream become
 * the next key and are wiped from the output buffer, the rest is handed out. Because each key is used for
 * exactly one refill, a fixed counter start is safe. Fresh entropy from the operating system is mixed into
 * the key on construction and every {@link #RESEED_INTERVAL} refills (2^13 refills = 512 MiB of output).
 *
 * <p><b>Key erasure and its limit in Java.</b> After each refill the next key replaces the used one in
 * {@code key}, and the cipher is re-keyed with a fixed dummy key, so no object this generator holds still
 * refers to a used key. But the JCE copies every key it is given (into the {@code SecretKeySpec} and the
 * cipher's key schedule) and Java cannot wipe those copies: they become unreachable garbage, and their
 * bytes can stay in freed heap memory until the garbage collector reuses it. A snapshot of the process's
 * memory (a heap dump, a core file, swap) could therefore recover recent keys and the noise drawn from
 * them; keep heap dumps and core files off for processes that draw noise, and encrypt swap.
 */
final class AesCtrRandom implements RandomGenerator {

  private static final int KEY_BYTES = 32;
  /** 64 KiB: the largest single request NIST SP 800-90A allows a CTR_DRBG; amortises re-keying. */
  private static final int BUFFER_BYTES = 1 << 16;
  private static final int RESEED_INTERVAL = 1 << 13;
  private static final byte[] ZEROS = new byte[BUFFER_BYTES];
  private static final IvParameterSpec ZERO_COUNTER = new IvParameterSpec(new byte[16]);
  /** The key the cipher holds between refills, so that it holds no key that produced output. */
  private static final SecretKeySpec DUMMY_KEY = new SecretKeySpec(new byte[KEY_BYTES], "AES");
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final SecureRandom entropy = new SecureRandom();
  private final Cipher cipher;
  private final byte[] key = new byte[KEY_BYTES];
  private final byte[] keystream = new byte[BUFFER_BYTES];
  private int position;
  private int refillsSinceReseed;

  AesCtrRandom() {
    try {
      cipher = Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR is not available in this JVM", e);
    }
    reseed();
    refill();
  }

  @Override
  public long nextLong() {
    if (position > BUFFER_BYTES - Long.BYTES) {
      refill();
    }
    long value = (long) LONGS.get(keystream, position);
    position += Long.BYTES;
    return value;
  }

  private void refill() {
    if (refillsSinceReseed == RESEED_INTERVAL) {
      reseed();
    }
    refillsSinceReseed++;
    try {
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), ZERO_COUNTER);
      cipher.doFinal(ZEROS, 0, BUFFER_BYTES, keystream, 0);
      cipher.init(Cipher.ENCRYPT_MODE, DUMMY_KEY, ZERO_COUNTER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR keystream generation failed", e);
    }
    System.arraycopy(keystream, 0, key, 0, KEY_BYTES);
    Arrays.fill(keystream, 0, KEY_BYTES, (byte) 0);
    position = KEY_BYTES;
  }

  private void reseed() {
    byte[] fresh = new byte[KEY_BYTES];
    entropy.nextBytes(fresh);
    for (int i = 0; i < KEY_BYTES; i++) {
      key[i] ^= fresh[i];
    }
    Arrays.fill(fresh, (byte) 0);
    refillsSinceReseed = 0;
  }
}
