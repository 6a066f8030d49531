package org.pet.vdaf;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.pet.secagg.DistributedNoise;

/**
 * The discrete DP noise one aggregator adds to its aggregate share of a batch before releasing it.
 *
 * <p><b>Guarantee.</b> Neighbouring batches differ by adding or removing one report; the aggregate changes
 * by at most the task's sensitivity ({@link Prio3Config#l2Sensitivity()} for the discrete Gaussian,
 * {@link Prio3Config#l1Sensitivity()} for the discrete Laplace). Each aggregator draws noise that alone
 * makes the aggregate (epsilon, delta)-DP (a {@link DistributedNoise} calibrated for one honest party), and
 * keeps it secret. The released total - the sum of both noisy shares - therefore meets the target against
 * the collector and against either aggregator (colluding with the collector or not), as long as the
 * other aggregator follows the protocol: the honest aggregator's noise is independent of everything the
 * others see. When both are honest the total carries both noises (twice the variance). Each collected batch
 * is one release; releases compose.
 */
public final class AggregateShareNoise {

  private final DistributedNoise noise;

  private AggregateShareNoise(DistributedNoise noise) {
    this.noise = noise;
  }

  /**
   * Discrete Gaussian noise for (epsilon, delta)-DP of the task's aggregate (L2 sensitivity).
   *
   * @throws IllegalArgumentException if epsilon or delta is out of range
   */
  public static AggregateShareNoise discreteGaussian(Prio3Config config, double epsilon, double delta) {
    return new AggregateShareNoise(DistributedNoise.discreteGaussian(epsilon, delta, config.l2Sensitivity(),
        config.outputLength(), 1));
  }

  /**
   * Discrete Laplace noise for pure epsilon-DP of the task's aggregate (L1 sensitivity).
   *
   * @throws IllegalArgumentException if epsilon is out of range or the scale too large to sample exactly
   */
  public static AggregateShareNoise discreteLaplace(Prio3Config config, double epsilon) {
    return new AggregateShareNoise(DistributedNoise.discreteLaplace(epsilon, config.l1Sensitivity(),
        config.outputLength(), 1));
  }

  /** The same noise drawn from {@code random} instead of a secure generator: reproducible tests only. */
  public AggregateShareNoise withRandom(RandomGenerator random) {
    return new AggregateShareNoise(noise.withRandom(Objects.requireNonNull(random, "random")));
  }

  /** One aggregator's noise vector, one independent draw per element of the aggregate. */
  public long[] sample() {
    long[] values = new long[noise.dimension()];
    noise.addShareTo(values);
    return values;
  }

  /** The (epsilon, delta) the released aggregate meets if at least one aggregator is honest. */
  public DistributedNoise.PrivacyGuarantee guarantee() {
    return noise.target();
  }

  /** The variance per element of one aggregator's noise (the total has twice this when both add theirs). */
  public double variance() {
    return noise.totalVariance(1);
  }

  public DistributedNoise.Mechanism mechanism() {
    return noise.mechanism();
  }

  @Override
  public String toString() {
    return "AggregateShareNoise{" + noise + "}";
  }
}
