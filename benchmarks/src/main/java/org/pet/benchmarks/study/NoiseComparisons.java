package org.pet.benchmarks.study;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import org.pet.benchmarks.InsecureTextbookNoise;
import org.pet.dp.DiscreteGaussianNoise;
import org.pet.dp.DiscreteLaplaceNoise;
import org.pet.dp.GaussianNoise;
import org.pet.dp.IntegerNoiseSampler;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.Noise;
import org.pet.random.Randomness;
import org.pet.secagg.DistributedNoise;

/**
 * The study's four comparisons of noise mechanisms: analytic versus classical Gaussian calibration, the
 * snapped mechanisms' noise against the ideal continuous noise, distributed (secure aggregation) versus
 * central discrete Gaussian noise, and the time per sample of pet's secure samplers versus textbook ones.
 */
final class NoiseComparisons {

  /** The delta of every Gaussian comparison. */
  static final double DELTA = 1e-5;
  /**
   * The L2 sensitivity of the distributed comparison in integer units: one unit of a value encoded with 16
   * fractional bits, so that the lattice's discreteness does not dominate.
   */
  static final double FIXED_POINT_SENSITIVITY = 1 << 16;

  private static volatile double sink;

  private NoiseComparisons() {}

  /**
   * sigma of the analytic Gaussian mechanism ({@link GaussianNoise#sigma}, Balle and Wang 2018) and of the
   * classical one, sqrt(2 ln(1.25 / delta)) / epsilon (Dwork and Roth 2014, Theorem A.1, proved only for
   * epsilon < 1), for L2 sensitivity 1.
   *
   * @param epsilon the epsilon
   * @param delta the delta
   * @param analytic the analytic sigma
   * @param classical the classical sigma
   * @param classicalOverAnalytic classical / analytic: the factor of noise the analytic calibration saves
   * @param classicalValid whether the classical bound is proved at this epsilon (epsilon < 1)
   */
  record SigmaRow(double epsilon, double delta, double analytic, double classical, double classicalOverAnalytic,
      boolean classicalValid) implements Csv.Row {
    static final List<String> HEADER = List.of("epsilon", "delta", "sigma_analytic", "sigma_classical",
        "classical_over_analytic", "classical_valid");

    @Override
    public List<Object> fields() {
      return List.of(epsilon, delta, analytic, classical, classicalOverAnalytic, classicalValid);
    }
  }

  /**
   * The standard deviation of a snapped real-valued mechanism against the ideal continuous noise for the
   * same parameters: sqrt(2) L1 / epsilon for Laplace, the analytic sigma for Gaussian.
   *
   * @param mechanism "laplace" or "gaussian"
   * @param epsilon the epsilon
   * @param l0 the number of partitions one unit contributes to
   * @param lInf the per-partition sensitivity
   * @param statedRatio the mechanism's own exact standard deviation ({@code Noise.variance}) / ideal
   * @param measuredRatio the standard deviation of {@code samples} draws / ideal
   * @param samples the number of draws
   */
  record TightnessRow(String mechanism, double epsilon, int l0, double lInf, double statedRatio,
      double measuredRatio, int samples) implements Csv.Row {
    static final List<String> HEADER = List.of("mechanism", "epsilon", "l0", "linf", "stated_sd_over_ideal",
        "measured_sd_over_ideal", "samples");

    @Override
    public List<Object> fields() {
      return List.of(mechanism, epsilon, l0, lInf, statedRatio, measuredRatio, samples);
    }
  }

  /**
   * Distributed discrete Gaussian noise for secure aggregation, calibrated so that {@code threshold}
   * honest survivors meet (epsilon, delta), against one central discrete Gaussian at the same (epsilon,
   * delta), for one coordinate of L2 sensitivity {@link #FIXED_POINT_SENSITIVITY}.
   *
   * @param epsilon the target epsilon
   * @param delta the target delta
   * @param participants n
   * @param threshold t, the survivors the noise is calibrated for
   * @param survivors the survivors whose shares the sum carries, t to n
   * @param perClientSigma sigma of one participant's share
   * @param distributedVariance the variance of the sum of the survivors' shares
   * @param centralVariance the variance of the central discrete Gaussian
   * @param varianceRatio distributed / central
   * @param achievedEpsilon the epsilon the survivors' noise achieves at delta (below the target if more than
   *     t survive)
   */
  record DistributedRow(double epsilon, double delta, int participants, int threshold, int survivors,
      double perClientSigma, double distributedVariance, double centralVariance, double varianceRatio,
      double achievedEpsilon) implements Csv.Row {
    static final List<String> HEADER = List.of("epsilon", "delta", "participants", "threshold", "survivors",
        "per_client_sigma", "distributed_variance", "central_variance", "variance_ratio", "achieved_epsilon");

    @Override
    public List<Object> fields() {
      return List.of(epsilon, delta, participants, threshold, survivors, perClientSigma, distributedVariance,
          centralVariance, varianceRatio, achievedEpsilon);
    }
  }

  /**
   * Time per sample of a secure mechanism and of the textbook sampler on the same secure source, measured
   * with {@link System#nanoTime()} (the JMH benchmarks measure the same more carefully).
   *
   * @param mechanism laplace, gaussian, discrete_laplace or discrete_gaussian
   * @param epsilon the epsilon (sensitivity 1; delta {@link #DELTA} for the Gaussians)
   * @param secureNanos nanoseconds per secure sample
   * @param textbookNanos nanoseconds per textbook sample
   * @param secureOverTextbook the ratio
   */
  record CostRow(String mechanism, double epsilon, double secureNanos, double textbookNanos,
      double secureOverTextbook) implements Csv.Row {
    static final List<String> HEADER =
        List.of("mechanism", "epsilon", "secure_ns_per_sample", "textbook_ns_per_sample", "secure_over_textbook");

    @Override
    public List<Object> fields() {
      return List.of(mechanism, epsilon, secureNanos, textbookNanos, secureOverTextbook);
    }
  }

  /** The analytic and classical sigma at each epsilon, delta {@link #DELTA}, sensitivity 1. */
  static List<SigmaRow> gaussianSigma(double[] epsilons) {
    List<SigmaRow> rows = new ArrayList<>();
    for (double epsilon : epsilons) {
      double analytic = GaussianNoise.sigma(1, epsilon, DELTA);
      double classical = Math.sqrt(2 * Math.log(1.25 / DELTA)) / epsilon;
      rows.add(new SigmaRow(epsilon, DELTA, analytic, classical, classical / analytic, epsilon < 1));
    }
    return rows;
  }

  /** The Linf of the tightness comparison: not a power of two, so the grid cannot fit it exactly. */
  static final double TIGHTNESS_LINF = 0.75;
  /** The L0 values of the tightness comparison. */
  static final int[] TIGHTNESS_L0 = {1, 10, 100, 1000};

  /**
   * {@code LaplaceNoise} and {@code GaussianNoise} (delta {@link #DELTA}) against the ideal noise at each
   * epsilon and each L0 in {@link #TIGHTNESS_L0}, Linf {@link #TIGHTNESS_LINF}, from their stated variance
   * and from {@code samples} seeded draws.
   */
  static List<TightnessRow> tightness(double[] epsilons, int samples) {
    List<TightnessRow> rows = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (boolean gaussian : new boolean[] {false, true}) {
      Noise noise = gaussian ? new GaussianNoise(random) : new LaplaceNoise(random);
      Double delta = gaussian ? DELTA : null;
      for (int l0 : TIGHTNESS_L0) {
        for (double epsilon : epsilons) {
          double ideal = gaussian ? GaussianNoise.sigma(Math.sqrt(l0) * TIGHTNESS_LINF, epsilon, DELTA)
              : Math.sqrt(2) * l0 * TIGHTNESS_LINF / epsilon;
          double sumOfSquares = 0;
          for (int i = 0; i < samples; i++) {
            double z = noise.addNoise(0.0, l0, TIGHTNESS_LINF, epsilon, delta) / ideal;
            sumOfSquares += z * z;
          }
          double stated = Math.sqrt(noise.variance(l0, TIGHTNESS_LINF, epsilon, delta)) / ideal;
          rows.add(new TightnessRow(gaussian ? "gaussian" : "laplace", epsilon, l0, TIGHTNESS_LINF, stated,
              Math.sqrt(sumOfSquares / samples), samples));
        }
      }
    }
    return rows;
  }

  /**
   * Distributed against central noise at each epsilon, for each n in {@code participantCounts}, each
   * threshold t in {floor(n/2) + 1, floor(2n/3) + 1, n} and survivors t and n.
   */
  static List<DistributedRow> distributedVersusCentral(double[] epsilons, int[] participantCounts) {
    Noise central = new DiscreteGaussianNoise(new SplittableRandom(0)); // computes variances, draws nothing
    List<DistributedRow> rows = new ArrayList<>();
    for (double epsilon : epsilons) {
      double centralVariance = central.variance(1, FIXED_POINT_SENSITIVITY, epsilon, DELTA);
      for (int n : participantCounts) {
        for (int t : new TreeSet<>(List.of(n / 2 + 1, n * 2 / 3 + 1, n))) {
          DistributedNoise noise = DistributedNoise.discreteGaussian(epsilon, DELTA, FIXED_POINT_SENSITIVITY, 1, t);
          for (int m : new TreeSet<>(List.of(t, n))) {
            double variance = noise.totalVariance(m);
            rows.add(new DistributedRow(epsilon, DELTA, n, t, m, noise.perClientSigma(), variance, centralVariance,
                variance / centralVariance, noise.achievedFor(m).epsilon()));
          }
        }
      }
    }
    return rows;
  }

  /**
   * The four secure mechanisms against their textbook counterparts at one epsilon, each timed over
   * {@code samples} draws after {@code warmUpMillis} of untimed draws.
   */
  static List<CostRow> cost(double epsilon, int samples, long warmUpMillis) {
    var source = Randomness.secureNoiseSource();
    double x = 41.5;
    double sigma = GaussianNoise.sigma(1, epsilon, DELTA);
    Noise laplace = new LaplaceNoise();
    Noise gaussian = new GaussianNoise();
    IntegerNoiseSampler discreteLaplace = new DiscreteLaplaceNoise().sampler(1, epsilon);
    IntegerNoiseSampler discreteGaussian = new DiscreteGaussianNoise().sampler(1, epsilon, DELTA);
    return List.of(
        costRow("laplace", epsilon, () -> laplace.addNoise(x, 1, 1.0, epsilon, null),
            () -> x + InsecureTextbookNoise.laplace(source, 1 / epsilon), samples, warmUpMillis),
        costRow("gaussian", epsilon, () -> gaussian.addNoise(x, 1, 1.0, epsilon, DELTA),
            () -> x + InsecureTextbookNoise.gaussian(source, sigma), samples, warmUpMillis),
        costRow("discrete_laplace", epsilon, discreteLaplace::sample,
            () -> Math.round(InsecureTextbookNoise.laplace(source, 1 / epsilon)), samples, warmUpMillis),
        costRow("discrete_gaussian", epsilon, discreteGaussian::sample,
            () -> Math.round(InsecureTextbookNoise.gaussian(source, sigma)), samples, warmUpMillis));
  }

  private static CostRow costRow(String mechanism, double epsilon, DoubleSupplier secure, DoubleSupplier textbook,
      int samples, long warmUpMillis) {
    double secureNanos = nanosPerSample(secure, samples, warmUpMillis);
    double textbookNanos = nanosPerSample(textbook, samples, warmUpMillis);
    return new CostRow(mechanism, epsilon, secureNanos, textbookNanos, secureNanos / textbookNanos);
  }

  /**
   * The fastest of three timed runs of {@code samples} draws, after {@code warmUpMillis} of untimed draws
   * so that the just-in-time compiler has compiled the sampler (a new epsilon sends the secure mechanisms
   * down a path not yet profiled, which can cost a recompilation).
   */
  private static double nanosPerSample(DoubleSupplier sampler, int samples, long warmUpMillis) {
    double sum = 0;
    long warmUpEnd = System.nanoTime() + warmUpMillis * 1_000_000L;
    while (System.nanoTime() < warmUpEnd) {
      for (int i = 0; i < 1000; i++) {
        sum += sampler.getAsDouble();
      }
    }
    double best = Double.POSITIVE_INFINITY;
    for (int run = 0; run < 3; run++) {
      long start = System.nanoTime();
      for (int i = 0; i < samples; i++) {
        sum += sampler.getAsDouble();
      }
      best = Math.min(best, (double) (System.nanoTime() - start) / samples);
    }
    sink += sum; // keeps the draws from being optimised away
    return best;
  }
}
