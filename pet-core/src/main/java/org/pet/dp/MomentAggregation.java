package org.pet.dp;

/** The moments and merging shared by {@link BoundedMean} and {@link BoundedVariance}. */
abstract class MomentAggregation extends SummingAggregation {

  final NormalizedMoments moments;

  MomentAggregation(AggregationParameters parameters, boolean squares) {
    this(parameters, new NormalizedMoments(parameters, squares));
  }

  private MomentAggregation(AggregationParameters parameters, NormalizedMoments moments) {
    super(parameters, moments);
    this.moments = moments;
  }

  @Override
  final long[] longState() {
    return moments.state();
  }

  @Override
  final void mergeState(long[] longs, double[] doubles) {
    moments.merge(longs);
  }
}
