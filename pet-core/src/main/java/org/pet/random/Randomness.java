package org.pet.random;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * The one place pet obtains randomness: for noise ({@link #secureNoiseSource()}) and for keys, seeds,
 * shares and nonces ({@link #secureRandom()}).
 *
 * <p>{@link #secureNoiseSource()} is a cryptographically secure generator: AES-256 in counter mode with
 * fast key erasure (Bernstein, "Fast-key-erasure random-number generators", 2017), keyed from the
 * operating system's {@link java.security.SecureRandom} and re-keyed from it periodically. Each thread gets
 * its own keystream, read in bulk, so a draw costs a few nanoseconds instead of the hundreds a
 * {@code SecureRandom} call costs. After every refill the key used to produce earlier output is overwritten,
 * so a later memory compromise does not reveal noise already drawn.
 *
 * <p>Production code never takes a seed. Tests inject a seeded {@link RandomGenerator} through the
 * explicit constructors of the mechanisms instead.
 */
public final class Randomness {

  private static final ThreadLocalAesCtrRandom SECURE_NOISE_SOURCE = new ThreadLocalAesCtrRandom();
  private static final SecureRandom SECURE_RANDOM = new SecureRandom();

  private Randomness() {}

  /**
   * Returns the shared, thread-safe, cryptographically secure generator used by default for all DP noise.
   *
   * @return a generator whose every method may be called concurrently from any thread
   */
  public static RandomGenerator secureNoiseSource() {
    return SECURE_NOISE_SOURCE;
  }

  /**
   * Returns the shared operating-system {@link SecureRandom} for key material: key pairs, PRG seeds,
   * secret-sharing coefficients and nonces. Thread-safe; slower than {@link #secureNoiseSource()}, so use
   * it for secrets, not for bulk noise.
   */
  public static SecureRandom secureRandom() {
    return SECURE_RANDOM;
  }

  /**
   * Returns a generator with the same output distribution as {@code random} for use by the calling
   * thread during one operation: for the shared secure source, the calling thread's own keystream (one
   * thread-local lookup instead of one per draw); any other generator is returned as it is. The result
   * must not be stored or handed to another thread.
   *
   * @param random a generator, typically a mechanism's configured source
   * @return {@code random}, or the calling thread's stream of the shared secure source
   */
  public static RandomGenerator threadBound(RandomGenerator random) {
    return random == SECURE_NOISE_SOURCE ? SECURE_NOISE_SOURCE.current() : random;
  }
}
