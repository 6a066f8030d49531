package org.pet.linkage;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns a raw identifier (an NHS number, a reference, a name and date of birth) into the exact string both
 * bodies hash, so that formatting differences do not hide a match. Both parties of a linkage session must
 * use the same function; a function that maps a record to the empty string is rejected by the parties.
 */
@FunctionalInterface
public interface IdentifierNormalizer {

  /**
   * Returns the normalised form of {@code raw}.
   *
   * @param raw an identifier as read from the input, never {@code null}
   * @return the string that is hashed; must not be {@code null}
   */
  String normalize(String raw);

  /**
   * The default: Unicode NFKC (so full-width digits and compatibility characters fold to their plain
   * forms), every whitespace character removed ({@code "943 476 5919"} and {@code "9434765919"} match), then
   * lower case in the root locale ({@code "AB12"} and {@code "ab12"} match).
   */
  static IdentifierNormalizer standard() {
    return raw -> Normalizer.normalize(raw, Normalizer.Form.NFKC)
        .replaceAll("\\s+", "")
        .toLowerCase(Locale.ROOT);
  }

  /** Uses identifiers exactly as given: for inputs already in a canonical form. */
  static IdentifierNormalizer exact() {
    return raw -> raw;
  }
}
