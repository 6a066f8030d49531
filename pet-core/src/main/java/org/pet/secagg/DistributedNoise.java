package org.pet.secagg;

import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.pet.dp.DiscreteGaussianSampler;
import org.pet.random.Randomness;

/**
 * Distributed differential-privacy noise for secure aggregation: each client adds an integer noise share
 * to every coordinate of its fixed-point encoded vector before masking, so that the sum the server learns
 * carries the sum of the survivors' shares, a DP mechanism. The noise is calibrated for the worst case of
 * only {@code minimumSurvivors} honest surviving clients (at most the threshold t less the tolerated
 * colluders c); {@link #achievedFor(int)} reports the guarantee for the actual number.
 *
 * <p><b>Guarantee.</b> Neighbouring inputs: one client's (or one privacy unit's) contribution changes the
 * summed integer vector by a vector of integers whose norm is at most the stated sensitivity in integer
 * (fixed-point) units: L2 norm for {@link #discreteGaussian}, L1 norm for {@link #discreteLaplace}. The
 * released value is the summed vector plus the sum of the shares of m honest survivors, each drawn with this
 * object's randomness and kept secret. Shares known to the adversary protect nothing: if up to c clients
 * may collude with the server, calibrate with {@code minimumSurvivors} = (protocol threshold - c) and report
 * {@code achievedFor(m - c)} for m survivors - {@link SecAggParameters} enforces the first for its
 * {@code toleratedColluders} and {@link SecAggServer} reports the second. With m &gt;= t honest survivors
 * the sum is at least as private as the target:
 * it is the sum of t shares plus independent noise (post-processing).
 *
 * <ul>
 *   <li>{@link #discreteGaussian}: each share is N_Z(0, sigma^2) per coordinate, drawn exactly
 *       ({@link DiscreteGaussianSampler}). A sum of discrete Gaussians is not a discrete Gaussian; its
 *       privacy is the zCDP bound of Kairouz, Liu and Steinke (ICML 2021, arXiv:2102.06387), Theorem 1
 *       (from their Proposition 14): for sigma &gt;= 1/2 the sum of m shares in d dimensions is
 *       (epsHat^2 / 2)-zCDP with
 *       epsHat = min( sqrt(D2^2/(m sigma^2) + 2 tau d), D2/(sqrt(m) sigma) + tau sqrt(d) ) and
 *       tau = 10 sum_{k=1}^{m-1} exp(-2 pi^2 sigma^2 k/(k+1)); by post-processing, m shares are as private
 *       as the best of 1, ..., m of them. The zCDP value is converted to (epsilon, delta) by Canonne, Kamath
 *       and Steinke (NeurIPS 2020), Proposition 12 / Corollary 13. sigma is the smallest (to 1e-13
 *       relative, and at least 1/2) for which t shares meet the target.</li>
 *   <li>{@link #discreteLaplace}: pure epsilon-DP. Each share is X - Y with X, Y independent Polya
 *       NB(1/t, p), p = exp(-epsilon / D1), drawn exactly; t shares sum to a discrete Laplace variable with
 *       ratio p, which is epsilon-DP for L1 sensitivity D1. With m &lt; t survivors the sum is still
 *       (D1 (ln(1/p) + ln(t/m)))-DP, reported by {@link #achievedFor}: it is a difference of two
 *       independent NB(r, p), r = m/t &lt; 1, whose probability at z is sum_y f(y) f(y + |z|) with f
 *       the NB(r, p) mass function, and f(k) / f(k + 1) = (k + 1) / (p (r + k)) lies in (1/p, 1/(p r)],
 *       so neighbouring integers' probabilities differ by a factor of at most 1/(p r). Drawing a share
 *       costs about (D1/epsilon)^(1 - 1/t) proposals per coordinate, so this mechanism is refused when
 *       that exceeds 2^12: use the discrete Gaussian for large sensitivities.</li>
 * </ul>
 *
 * <p>All privacy figures are evaluated in double precision. Instances are immutable and thread-safe when
 * their random source is (the default, {@link Randomness#secureNoiseSource()}, is).
 */
public final class DistributedNoise {

  /** Largest accepted mean number of proposals per Polya draw (see {@link #discreteLaplace}). */
  static final double MAX_EXPECTED_PROPOSALS = 0x1p12;
  /** Largest discrete Laplace scale the exact sampler accepts. */
  private static final double MAX_LAPLACE_SCALE = 0x1p52;

  /** The noise family of the shares. */
  public enum Mechanism {
    /** Discrete Gaussian shares: approximate (epsilon, delta)-DP via zCDP, L2 sensitivity. */
    DISCRETE_GAUSSIAN,
    /** Polya-difference shares summing to a discrete Laplace variable: pure epsilon-DP, L1 sensitivity. */
    DISCRETE_LAPLACE
  }

  /**
   * An (epsilon, delta)-DP guarantee.
   *
   * @param epsilon finite and {@code >= 0}
   * @param delta in [0, 1); 0 for pure epsilon-DP
   */
  public record PrivacyGuarantee(double epsilon, double delta) {
    /** @throws IllegalArgumentException if a field is out of range */
    public PrivacyGuarantee {
      if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
        throw invalid("epsilon", "finite and >= 0", epsilon);
      }
      if (!(delta >= 0 && delta < 1)) {
        throw invalid("delta", "in [0, 1)", delta);
      }
    }
  }

  private final Mechanism mechanism;
  private final double epsilon;
  /** 0 for {@link Mechanism#DISCRETE_LAPLACE}. */
  private final double delta;
  /** L2 for the Gaussian, L1 for the Laplace mechanism. */
  private final double sensitivity;
  private final int dimension;
  private final int minimumSurvivors;
  /** sigma of a Gaussian share, or the discrete Laplace scale of t Polya-difference shares. */
  private final double parameter;
  private final RandomGenerator random;
  private final LongSupplier share;
  private final double shareVariance;

  private DistributedNoise(Mechanism mechanism, double epsilon, double delta, double sensitivity,
      int dimension, int minimumSurvivors, double parameter, RandomGenerator random) {
    this.mechanism = mechanism;
    this.epsilon = epsilon;
    this.delta = delta;
    this.sensitivity = sensitivity;
    this.dimension = dimension;
    this.minimumSurvivors = minimumSurvivors;
    this.parameter = parameter;
    this.random = random;
    if (mechanism == Mechanism.DISCRETE_GAUSSIAN) {
      DiscreteGaussianSampler sampler = DiscreteGaussianSampler.withSigma(parameter, random);
      this.share = sampler::sample;
      this.shareVariance = sampler.variance();
    } else {
      PolyaSampler polya = new PolyaSampler(parameter, minimumSurvivors, random);
      this.share = () -> polya.sample() - polya.sample();
      this.shareVariance = 2 * PolyaSampler.variance(parameter, minimumSurvivors);
    }
  }

  /**
   * Discrete Gaussian shares calibrated so that the sum over {@code minimumSurvivors} survivors is
   * (epsilon, delta)-DP for integer vectors of the given L2 sensitivity (see the class description).
   *
   * @param epsilon finite and {@code > 0}
   * @param delta in (0, 1)
   * @param l2Sensitivity finite and {@code > 0}, in integer units
   * @param dimension the vector length, {@code >= 1}
   * @param minimumSurvivors the number of honest survivors, at most t - c, {@code >= 1}
   * @throws IllegalArgumentException if a parameter is out of range, or the per-client sigma would exceed
   *     2^50
   */
  public static DistributedNoise discreteGaussian(
      double epsilon, double delta, double l2Sensitivity, int dimension, int minimumSurvivors) {
    checkPositive("epsilon", epsilon);
    if (!(delta > 0 && delta < 1)) {
      throw invalid("delta", "in (0, 1)", delta);
    }
    checkPositive("l2Sensitivity", l2Sensitivity);
    checkAtLeastOne("dimension", dimension);
    checkAtLeastOne("minimumSurvivors", minimumSurvivors);
    double sigma = DiscreteGaussianSum.calibrateSigma(
        epsilon, delta, l2Sensitivity, dimension, minimumSurvivors);
    return new DistributedNoise(Mechanism.DISCRETE_GAUSSIAN, epsilon, delta, l2Sensitivity, dimension,
        minimumSurvivors, sigma, Randomness.secureNoiseSource());
  }

  /**
   * Polya-difference shares whose sum over {@code minimumSurvivors} survivors is a discrete Laplace
   * variable with scale l1Sensitivity / epsilon (rounded up to a double), hence epsilon-DP for integer
   * vectors of the given L1 sensitivity (see the class description).
   *
   * @param epsilon finite and {@code > 0}
   * @param l1Sensitivity finite and {@code > 0}, in integer units
   * @param dimension the vector length, {@code >= 1}
   * @param minimumSurvivors the number of honest survivors, at most t - c, {@code >= 1}
   * @throws IllegalArgumentException if a parameter is out of range, or sampling would need more than
   *     2^12 proposals per draw on average
   */
  public static DistributedNoise discreteLaplace(
      double epsilon, double l1Sensitivity, int dimension, int minimumSurvivors) {
    checkPositive("epsilon", epsilon);
    checkPositive("l1Sensitivity", l1Sensitivity);
    checkAtLeastOne("dimension", dimension);
    checkAtLeastOne("minimumSurvivors", minimumSurvivors);
    double scale = l1Sensitivity / epsilon;
    if (Math.fma(scale, epsilon, -l1Sensitivity) < 0) {
      scale = Math.nextUp(scale); // the quotient was rounded down; more noise keeps the guarantee
    }
    double proposals = PolyaSampler.expectedProposals(scale, minimumSurvivors);
    if (!(scale <= MAX_LAPLACE_SCALE) || !(proposals <= MAX_EXPECTED_PROPOSALS)) {
      throw new IllegalArgumentException("`l1Sensitivity / epsilon` must be small enough for exact Polya "
          + "sampling (at most 2^12 proposals per draw), was " + scale + " needing " + proposals
          + " proposals; use discreteGaussian or rescale the data");
    }
    return new DistributedNoise(Mechanism.DISCRETE_LAPLACE, epsilon, 0, l1Sensitivity, dimension,
        minimumSurvivors, scale, Randomness.secureNoiseSource());
  }

  /**
   * Returns the same configuration drawing from {@code random} instead of the secure default. For
   * reproducible tests only: the noise is only as unpredictable as this generator.
   *
   * @throws NullPointerException if random is null
   */
  public DistributedNoise withRandom(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    return new DistributedNoise(
        mechanism, epsilon, delta, sensitivity, dimension, minimumSurvivors, parameter, random);
  }

  /** Returns the noise family. */
  public Mechanism mechanism() {
    return mechanism;
  }

  /** Returns the vector length d that {@link #addShareTo} expects. */
  public int dimension() {
    return dimension;
  }

  /** Returns the number of honest survivors the noise is calibrated for (at most t - c in a round). */
  public int minimumSurvivors() {
    return minimumSurvivors;
  }

  /** Returns the target guarantee for {@code minimumSurvivors} survivors (delta 0 for pure DP). */
  public PrivacyGuarantee target() {
    return new PrivacyGuarantee(epsilon, delta);
  }

  /**
   * Returns the sigma of each client's discrete Gaussian share (the parameter; the share's variance is
   * slightly below sigma^2 for small sigma).
   *
   * @throws IllegalStateException if the mechanism is not {@link Mechanism#DISCRETE_GAUSSIAN}
   */
  public double perClientSigma() {
    if (mechanism != Mechanism.DISCRETE_GAUSSIAN) {
      throw new IllegalStateException("perClientSigma is defined for DISCRETE_GAUSSIAN, not " + mechanism);
    }
    return parameter;
  }

  /**
   * Adds one client's noise share to every coordinate, wrapping modulo 2^64 as secure aggregation does.
   *
   * @param vector the client's encoded vector, of length {@link #dimension()}; modified in place
   * @throws IllegalArgumentException if the length is not the configured dimension
   * @throws NullPointerException if vector is null
   */
  public void addShareTo(long[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          "`vector.length` must be the dimension " + dimension + ", was " + vector.length);
    }
    for (int i = 0; i < vector.length; i++) {
      vector[i] += share.getAsLong();
    }
  }

  /**
   * Returns the exact variance per coordinate of the sum of {@code survivors} shares: survivors times one
   * share's variance (for the Gaussian, the exact discrete Gaussian variance
   * {@link DiscreteGaussianSampler#variance()}; for the Laplace, 2 p / (t (1 - p)^2)).
   *
   * @throws IllegalArgumentException if survivors is below 1
   */
  public double totalVariance(int survivors) {
    checkAtLeastOne("survivors", survivors);
    return survivors * shareVariance;
  }

  /**
   * Returns the guarantee of the sum of {@code survivors} honest survivors' shares, at the target delta
   * for the Gaussian and with delta 0 for the Laplace mechanism. Never weaker for more survivors; meets the
   * target for {@code survivors >= minimumSurvivors}; weaker than the target below it. The Gaussian bound
   * costs O(survivors) time.
   *
   * @throws IllegalArgumentException if survivors is below 1
   */
  public PrivacyGuarantee achievedFor(int survivors) {
    return new PrivacyGuarantee(achievedEpsilon(survivors), delta);
  }

  /**
   * Returns rho such that the sum of {@code survivors} honest shares is rho-zCDP (Bun and Steinke 2016),
   * for composing rounds: the bound above for the Gaussian, epsilon^2 / 2 of the pure guarantee for the
   * Laplace mechanism.
   *
   * @throws IllegalArgumentException if survivors is below 1
   */
  public double concentratedRho(int survivors) {
    checkAtLeastOne("survivors", survivors);
    if (mechanism == Mechanism.DISCRETE_GAUSSIAN) {
      return DiscreteGaussianSum.rho(parameter, sensitivity, dimension, survivors);
    }
    double pure = achievedEpsilon(survivors);
    return pure * pure / 2;
  }

  private double achievedEpsilon(int survivors) {
    checkAtLeastOne("survivors", survivors);
    if (mechanism == Mechanism.DISCRETE_GAUSSIAN) {
      return DiscreteGaussianSum.epsilon(parameter, delta, sensitivity, dimension, survivors);
    }
    // One unit of shift changes the log-probability of a difference of two NB(m/t, p) by at most
    // ln(1/p) + max(0, ln(t/m)) (see the class description), and ln(1/p) = 1/scale. One rounding of
    // D1/scale: it cannot exceed epsilon, since scale >= D1/epsilon exactly.
    double laplace = sensitivity / parameter;
    return survivors >= minimumSurvivors
        ? laplace : laplace + sensitivity * Math.log((double) minimumSurvivors / survivors);
  }

  @Override
  public String toString() {
    String sensitivityName = mechanism == Mechanism.DISCRETE_GAUSSIAN ? "l2Sensitivity" : "l1Sensitivity";
    String parameterName = mechanism == Mechanism.DISCRETE_GAUSSIAN ? "perClientSigma" : "laplaceScale";
    return "DistributedNoise{mechanism=" + mechanism + ", epsilon=" + epsilon + ", delta=" + delta + ", "
        + sensitivityName + "=" + sensitivity + ", dimension=" + dimension + ", minimumSurvivors="
        + minimumSurvivors + ", " + parameterName + "=" + parameter + "}";
  }

  private static void checkPositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(name, "finite and > 0", value);
    }
  }

  private static void checkAtLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("`" + name + "` must be >= 1, was " + value);
    }
  }

  private static IllegalArgumentException invalid(String name, String requirement, double value) {
    return new IllegalArgumentException("`" + name + "` must be " + requirement + ", was " + value);
  }
}
