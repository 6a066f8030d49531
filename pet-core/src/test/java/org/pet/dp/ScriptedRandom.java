package org.pet.dp;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Replays fixed words first, then continues with a seeded stream; counts the words drawn. */
final class ScriptedRandom implements RandomGenerator {

  private final long[] script;
  private final SplittableRandom rest;
  private int draws;

  ScriptedRandom(long seed, long... script) {
    this.script = script.clone();
    this.rest = new SplittableRandom(seed);
  }

  @Override
  public long nextLong() {
    return draws < script.length ? script[draws++] : drawFromRest();
  }

  private long drawFromRest() {
    draws++;
    return rest.nextLong();
  }

  int draws() {
    return draws;
  }
}
