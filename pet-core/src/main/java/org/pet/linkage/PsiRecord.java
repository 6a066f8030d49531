package org.pet.linkage;

import java.util.Objects;

/**
 * One row of the value party's input: an identifier and the integer value attached to it (for example a
 * person's number of A&amp;E visits).
 *
 * @param identifier the raw identifier, normalised by the party's {@link IdentifierNormalizer}
 * @param value the value; clamped to {@code [0, maxValue]} by the party
 */
public record PsiRecord(String identifier, long value) {
  public PsiRecord {
    Objects.requireNonNull(identifier, "identifier");
  }
}
