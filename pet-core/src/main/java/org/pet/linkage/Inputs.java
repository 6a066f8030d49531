package org.pet.linkage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;

/** Normalising and deduplicating a party's input, with the documented combination rule for values. */
final class Inputs {

  private Inputs() {}

  /** Distinct normalised identifiers. */
  static LinkedHashSet<String> identifiers(Collection<String> raw, IdentifierNormalizer normalizer) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    int row = 0;
    for (String identifier : raw) {
      distinct.add(normalize(normalizer, identifier, row++));
    }
    return distinct;
  }

  /** Normalised identifier to its combined value: each clamped to [0, maxValue], summed, total clamped. */
  static Map<String, Long> values(Collection<PsiRecord> records, IdentifierNormalizer normalizer, long maxValue) {
    Map<String, Long> combined = new LinkedHashMap<>();
    int row = 0;
    for (PsiRecord record : records) {
      long clamped = Math.max(0, Math.min(maxValue, record.value()));
      combined.merge(normalize(normalizer, record.identifier(), row++), clamped,
          (a, b) -> Math.min(maxValue, a + b));
    }
    return combined;
  }

  private static String normalize(IdentifierNormalizer normalizer, String raw, int row) {
    Objects.requireNonNull(raw, () -> "identifier at row " + row);
    String normalized = normalizer.normalize(raw);
    if (normalized == null || normalized.isEmpty()) {
      // the identifier itself never appears in the message: it is personal data
      throw new IllegalArgumentException("identifier at row " + row + " is empty after normalisation");
    }
    return normalized;
  }
}
