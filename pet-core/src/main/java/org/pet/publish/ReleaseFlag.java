package org.pet.publish;

/** A note attached to a published row, written to the CSV {@code flags} column by its {@link #code()}. */
public enum ReleaseFlag {
  /** The row's noisy count was below the minimum publishable count; its values are withheld. */
  SUPPRESSED("suppressed"),
  /** A total recomputed from the published (rounded, unsuppressed) cells it covers: consistent with them. */
  DERIVED_TOTAL("derived-total"),
  /**
   * A total noised separately from the cells (with its own share of the budget): not the sum of the
   * published cells, but unaffected by their suppression.
   */
  INDEPENDENTLY_NOISED_TOTAL("independent-total");

  private final String code;

  ReleaseFlag(String code) {
    this.code = code;
  }

  /** The flag's spelling in the CSV output. */
  public String code() {
    return code;
  }
}
