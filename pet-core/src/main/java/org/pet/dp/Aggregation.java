package org.pet.dp;

/**
 * The lifecycle and merging shared by the aggregations: entries in, then exactly one released result or
 * one serialized summary out. Subclasses hold un-noised state that merges by addition.
 */
abstract class Aggregation {

  final AggregationParameters parameters;
  final AggregationState state = new AggregationState();

  Aggregation(AggregationParameters parameters) {
    this.parameters = parameters;
  }

  /** The parameters this aggregation was built with. */
  public final AggregationParameters parameters() {
    return parameters;
  }

  /**
   * Returns the un-noised partial state for merging into an identical aggregation on another worker with
   * {@link #mergeWith(byte[])}. Afterwards this aggregation accepts nothing more and releases nothing: the
   * merged aggregation does. The summary is not private; keep it within the data holder.
   *
   * @throws IllegalStateException if a result was released or a summary serialized already
   */
  public final byte[] getSerializableSummary() {
    state.serialize();
    return new AggregationSummary(type(), parameters, extraParameters(), longState(), doubleState()).toBytes();
  }

  /**
   * Adds the partial state of an aggregation with identical parameters.
   *
   * @throws IllegalArgumentException if the summary is malformed or from different parameters
   * @throws IllegalStateException if a result was released or a summary serialized already
   */
  public final void mergeWith(byte[] summary) {
    state.requireOpen("merge a summary");
    AggregationSummary other = AggregationSummary.parse(summary, type(), parameters, extraParameters());
    if (other.longs().length != longState().length || other.doubles().length != doubleState().length) {
      throw new IllegalArgumentException("cannot merge: the summary's state has a different shape");
    }
    mergeState(other.longs(), other.doubles());
  }

  abstract String type();

  /** Aggregation-specific integer parameters that must also match for a merge. */
  int[] extraParameters() {
    return new int[0];
  }

  abstract long[] longState();

  double[] doubleState() {
    return new double[0];
  }

  abstract void mergeState(long[] longs, double[] doubles);

  /** Releases the result: after this, nothing more can be added or released. */
  final void release() {
    state.releaseResult();
  }

  /** @throws IllegalStateException unless a result has been released */
  final void requireReleased(String what) {
    if (!state.resultReleased()) {
      throw new IllegalStateException(what + " needs the released result: call computeResult() first");
    }
  }
}
