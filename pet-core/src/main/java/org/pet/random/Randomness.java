package org.pet.random;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
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
  private static final ThreadLocal<SecureRandom> SECURE_RANDOM = ThreadLocal.withInitial(Randomness::newDrbg);

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
   * Returns the calling thread's {@link SecureRandom} for key material: key pairs, PRG seeds,
   * secret-sharing coefficients and nonces. It is a NIST SP 800-90A Hash_DRBG (SHA-256, 256-bit security
   * strength, the JDK's "DRBG") instantiated from the operating system's entropy, one per thread: the
   * JDK's default native generator serialises every caller in the JVM on one lock, which made agencies
   * generating Shamir shares concurrently wait on each other. Each instance is itself thread-safe, so
   * handing it to another thread is correct, merely slower. Slower than {@link #secureNoiseSource()}; use
   * it for secrets, not for bulk noise.
   */
  public static SecureRandom secureRandom() {
    return SECURE_RANDOM.get();
  }

  private static SecureRandom newDrbg() {
    try {
      return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY,
          "pet/Randomness".getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG is unavailable", e);
    }
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
