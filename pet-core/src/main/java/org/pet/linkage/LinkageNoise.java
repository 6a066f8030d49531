package org.pet.linkage;

import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.pet.dp.DiscreteLaplaceNoise;
import org.pet.dp.DiscreteLaplaceSampler;

/**
 * The DP noise of a session: discrete Laplace (Canonne, Kamath and Steinke 2020) of scale 1/epsilon on the
 * size (sensitivity 1) and maxValue/epsilon on the sum (sensitivity maxValue), or none.
 */
final class LinkageNoise {

  /** The error bounds reported in {@link PsiResult} hold with this probability of failure each. */
  static final double ERROR_ALPHA = 0.05;
  /** The decryption range covers the noise except with this probability. */
  static final double DECRYPTION_ALPHA = 0x1p-40;

  private final PsiParameters parameters;
  private final DiscreteLaplaceSampler cardinality;
  private final DiscreteLaplaceSampler sum;

  LinkageNoise(PsiParameters parameters, RandomGenerator random) {
    this.parameters = parameters;
    DiscreteLaplaceNoise mechanism = new DiscreteLaplaceNoise(random);
    this.cardinality = parameters.isNoised() ? mechanism.sampler(1, parameters.cardinalityEpsilon()) : null;
    this.sum = parameters.isNoised() && parameters.computesSum()
        ? mechanism.sampler(parameters.maxValue(), parameters.sumEpsilon()) : null;
  }

  long cardinalityNoise() {
    return cardinality == null ? 0 : cardinality.sample();
  }

  long sumNoise() {
    return sum == null ? 0 : sum.sample();
  }

  /** Noise on the sum lies in [-w, w] except with probability {@link #DECRYPTION_ALPHA}. */
  long sumNoiseBound() {
    return sum == null ? 0 : sum.confidenceHalfWidth(DECRYPTION_ALPHA);
  }

  PsiResult result(long releasedCardinality, OptionalLong releasedSum, int identifierPartySize, int valuePartySize) {
    return new PsiResult(releasedCardinality, releasedSum, identifierPartySize, valuePartySize,
        parameters.epsilon(),
        cardinality == null ? 0 : cardinality.confidenceHalfWidth(ERROR_ALPHA),
        sum == null ? 0 : sum.confidenceHalfWidth(ERROR_ALPHA));
  }
}
