package org.pet.random;

import java.nio.ByteBuffer;
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
 * <p>Every refill encrypts a zero block under the current key; the first 32 bytes of the keystream become
 * the next key and are wiped from the output buffer, the rest is handed out. Because each key is used for
 * exactly one refill, a fixed counter start is safe. Fresh entropy from the operating system is mixed into
 * the key on construction and every {@link #RESEED_INTERVAL} refills (2^16 refills = 512 MiB of output).
 */
final class AesCtrRandom implements RandomGenerator {

  private static final int KEY_BYTES = 32;
  private static final int BUFFER_BYTES = 8192;
  private static final int RESEED_INTERVAL = 1 << 16;
  private static final IvParameterSpec ZERO_COUNTER = new IvParameterSpec(new byte[16]);

  private final SecureRandom entropy = new SecureRandom();
  private final Cipher cipher;
  private final byte[] key = new byte[KEY_BYTES];
  private final byte[] keystream = new byte[BUFFER_BYTES];
  private final ByteBuffer output = ByteBuffer.wrap(keystream).order(ByteOrder.LITTLE_ENDIAN);
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
    if (output.remaining() < Long.BYTES) {
      refill();
    }
    return output.getLong();
  }

  private void refill() {
    if (refillsSinceReseed == RESEED_INTERVAL) {
      reseed();
    }
    refillsSinceReseed++;
    Arrays.fill(keystream, (byte) 0);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), ZERO_COUNTER);
      cipher.doFinal(keystream, 0, BUFFER_BYTES, keystream, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR keystream generation failed", e);
    }
    System.arraycopy(keystream, 0, key, 0, KEY_BYTES);
    Arrays.fill(keystream, 0, KEY_BYTES, (byte) 0);
    output.clear().position(KEY_BYTES);
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
