package org.pet.publish;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One published row of a {@link ReleaseTable}: a cell of the table, a one-way marginal total or the grand
 * total. All values are post-processed noisy statistics: rounded to the table's base and withheld when
 * suppressed.
 *
 * @param key the group values, one per group column; totals carry the table's total label in the
 *     positions they sum over
 * @param kind whether the row is a cell, a marginal total or the grand total
 * @param count the published count (a multiple of the rounding base); empty when suppressed
 * @param countErrorBound the half-width, rounded up, of an interval around {@code count} that contains the
 *     true count with probability at least 1 - alpha (noise and rounding); empty when suppressed
 * @param sum the published sum of clamped values; empty when suppressed or the table has no values
 * @param sumErrorBound as {@code countErrorBound} for the sum; empty when {@code sum} is
 * @param flags notes on the row (suppression, how a total was made)
 */
public record ReleaseCell(List<String> key, Kind kind, OptionalLong count, OptionalLong countErrorBound,
    OptionalLong sum, OptionalLong sumErrorBound, Set<ReleaseFlag> flags) {

  /** What a row stands for. */
  public enum Kind {
    /** A cell of the table: one combination of group values. */
    CELL,
    /** The total over all other columns for one value of one group column. */
    MARGINAL_TOTAL,
    /** The total over the whole table. */
    GRAND_TOTAL
  }

  /** Copies the key and flags into unmodifiable collections. */
  public ReleaseCell {
    key = List.copyOf(key);
    flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
  }

  /** Returns whether the row's values are withheld. */
  public boolean suppressed() {
    return flags.contains(ReleaseFlag.SUPPRESSED);
  }
}
