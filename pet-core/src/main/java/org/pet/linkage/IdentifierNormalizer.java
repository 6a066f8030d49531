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
   * The code points removed by {@link #standard()}: exactly those with the Unicode White_Space property
   * (PropList.txt) - TAB, LF, VT, FF, CR, SPACE, U+0085, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029,
   * U+202F, U+205F and U+3000. Other control characters (U+001C to U+001F, which Java's
   * {@code Character.isWhitespace} would also remove) are kept.
   */
  String WHITE_SPACE = "\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
      + "\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

  /**
   * The default: Unicode NFKC (so full-width digits and compatibility characters fold to their plain
   * forms), every {@link #WHITE_SPACE} code point removed ({@code "943 476 5919"} and {@code "9434765919"}
   * match), then the Unicode full lower-case mapping ({@code String.toLowerCase(Locale.ROOT)}, as
   * Python's {@code str.lower()}: {@code "AB12"} and {@code "ab12"} match).
   */
  static IdentifierNormalizer standard() {
    java.util.regex.Pattern whiteSpace = java.util.regex.Pattern.compile("[" + WHITE_SPACE + "]+");
    return raw -> whiteSpace.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)).replaceAll("")
        .toLowerCase(Locale.ROOT);
  }

  /** Uses identifiers exactly as given: for inputs already in a canonical form. */
  static IdentifierNormalizer exact() {
    return raw -> raw;
  }
}
