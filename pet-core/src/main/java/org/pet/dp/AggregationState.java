package org.pet.dp;

/**
 * The one-shot lifecycle of an aggregation: entries and merges while open; then either one released
 * result or one serialized summary, after which the aggregation accepts nothing more.
 */
final class AggregationState {

  private enum Stage { OPEN, RESULT_RELEASED, SUMMARY_SERIALIZED }

  private Stage stage = Stage.OPEN;

  /** @throws IllegalStateException unless the aggregation is still open */
  void requireOpen(String action) {
    if (stage != Stage.OPEN) {
      throw new IllegalStateException("cannot " + action + ": " + describe());
    }
  }

  /** Marks the result as released; a second release throws. */
  void releaseResult() {
    requireOpen("compute a result");
    stage = Stage.RESULT_RELEASED;
  }

  /** Marks the state as handed out for merging elsewhere; nothing can follow. */
  void serialize() {
    requireOpen("serialize a summary");
    stage = Stage.SUMMARY_SERIALIZED;
  }

  boolean resultReleased() {
    return stage == Stage.RESULT_RELEASED;
  }

  private String describe() {
    return stage == Stage.RESULT_RELEASED
        ? "the result was already released (a result is released once)"
        : "the summary was already serialized for merging";
  }
}
