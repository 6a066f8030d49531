package org.pet.random;

import java.util.random.RandomGenerator;

/** Thread-safe facade: each thread draws from its own {@link AesCtrRandom}, so no lock is ever taken. */
final class ThreadLocalAesCtrRandom implements RandomGenerator {

  private static final ThreadLocal<AesCtrRandom> PER_THREAD = ThreadLocal.withInitial(AesCtrRandom::new);

  /** The calling thread's generator. */
  RandomGenerator current() {
    return PER_THREAD.get();
  }

  @Override
  public long nextLong() {
    return PER_THREAD.get().nextLong();
  }

  @Override
  public void nextBytes(byte[] bytes) {
    PER_THREAD.get().nextBytes(bytes);
  }
}
