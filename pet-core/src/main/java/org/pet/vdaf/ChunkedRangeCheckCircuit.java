package org.pet.vdaf;

import java.util.List;

/**
 * What SumVec, Histogram and MultihotCountVec share: one ParallelSum(Mul) gadget of {@code chunkLength}
 * multiplications, called once per chunk of the measurement with one joint randomness element per call
 * ({@link RangeChecks#parallelRangeCheck}), and results decoded as non-negative counts.
 *
 * @param <E> the field's element type
 * @param <M> the measurement type
 */
abstract class ChunkedRangeCheckCircuit<E extends FieldElement<E>, M> extends ValidityCircuit<E, M, List<Long>> {

  private final int measLen;
  private final int evalOutputLen;
  private final int outputLen;
  private final int chunkLength;
  private final int calls;
  private final List<Gadget<E>> gadgets;

  /**
   * @param measLen the length of the encoded measurement, all of which the range check covers
   * @param evalOutputLen the number of circuit outputs
   * @param outputLen the length of the aggregatable output
   * @throws IllegalArgumentException if chunkLength is below 1
   */
  ChunkedRangeCheckCircuit(Field<E> field, int measLen, int evalOutputLen, int outputLen, int chunkLength) {
    super(field);
    if (chunkLength < 1) {
      throw new IllegalArgumentException("`chunkLength` must be >= 1, was " + chunkLength);
    }
    this.measLen = measLen;
    this.evalOutputLen = evalOutputLen;
    this.outputLen = outputLen;
    this.chunkLength = chunkLength;
    this.calls = RangeChecks.calls(measLen, chunkLength);
    this.gadgets = List.of(new Gadget.ParallelSum<E>(new Gadget.Mul<E>(), chunkLength));
  }

  @Override
  final List<Gadget<E>> gadgets() {
    return gadgets;
  }

  @Override
  final List<Integer> gadgetCalls() {
    return List.of(calls);
  }

  @Override
  final int jointRandLen() {
    return calls;
  }

  @Override
  final int measLen() {
    return measLen;
  }

  @Override
  final int evalOutputLen() {
    return evalOutputLen;
  }

  @Override
  final int outputLen() {
    return outputLen;
  }

  /** The range check over the whole encoded measurement: zero if every element is 0 or 1. */
  final E rangeCheck(List<E> meas, List<E> jointRand, int numShares, List<Gadget<E>> gadgets) {
    return RangeChecks.parallelRangeCheck(field, meas, jointRand, numShares, chunkLength, calls, gadgets.get(0));
  }

  @Override
  final List<Long> decode(List<E> output, int numMeasurements) {
    return output.stream().map(x -> x.toBigInteger().longValueExact()).toList();
  }
}
