package org.pet.linkage;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Runs sessions in-process, every message through its wire encoding, and builds inputs with known overlap. */
final class LinkageSessions {

  private LinkageSessions() {}

  /** The two results, and every message's encoded bytes by sender. */
  record Outcome(PsiResult identifierResult, PsiResult valueResult, List<byte[]> fromIdentifierParty,
      List<byte[]> fromValueParty) {}

  static Outcome run(PsiParty identifierParty, PsiParty valueParty) {
    List<byte[]> fromIdentifier = new ArrayList<>();
    List<byte[]> fromValue = new ArrayList<>();
    List<PsiMessage> pending = identifierParty.start();
    valueParty.start();
    PsiParty receiver = valueParty;
    while (!pending.isEmpty()) {
      List<PsiMessage> next = new ArrayList<>();
      for (PsiMessage message : pending) {
        byte[] wire = PsiWire.encode(message);
        (receiver == valueParty ? fromIdentifier : fromValue).add(wire);
        next.addAll(receiver.receive(PsiWire.decode(wire)));
      }
      pending = next;
      receiver = receiver == valueParty ? identifierParty : valueParty;
    }
    return new Outcome(identifierParty.result().orElseThrow(), valueParty.result().orElseThrow(), fromIdentifier,
        fromValue);
  }

  static IdentifierParty identifierParty(PsiParameters parameters, List<String> identifiers, long seed) {
    return new IdentifierParty(parameters, identifiers, IdentifierNormalizer.standard(), seeded(seed),
        new SplittableRandom(seed));
  }

  static ValueParty valueParty(PsiParameters parameters, List<PsiRecord> records, long seed) {
    return new ValueParty(parameters, records, IdentifierNormalizer.standard(), seeded(seed), new SplittableRandom(seed));
  }

  /** A deterministic SecureRandom for reproducible tests (SHA1PRNG seeded before first use). */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Distinct 10-digit identifiers (NHS-number shaped) from a seeded generator. */
  static List<String> identifiers(int count, RandomGenerator random) {
    java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
    while (distinct.size() < count) {
      distinct.add(Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L)));
    }
    return new ArrayList<>(distinct);
  }
}
