package org.pet.benchmarks.study;

import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * What the privacy/utility study runs: the epsilon grid, data sizes, trial counts and where it writes.
 *
 * @param out the output directory (created if missing)
 * @param quick whether this is the quick configuration
 * @param epsilons the epsilon grid of the error and noise comparisons
 * @param sizes the synthetic data sizes
 * @param trials seeded trials per cell for count, sum, mean, variance and median, {@code >= 200}
 * @param histogramTrials seeded trials per cell for the histogram (each re-adds every record), {@code >= 200}
 * @param tightnessSamples draws per point of the snapped versus ideal noise comparison
 * @param participants the numbers of secure-aggregation participants n for the distributed-noise comparison
 * @param costEpsilons the epsilons of the secure versus textbook noise timing
 * @param costSamples samples per timing of the secure versus textbook noise comparison
 * @param costWarmUpMillis untimed sampling before each timing, in milliseconds
 * @param threads worker threads for the error trials
 */
public record StudyConfig(Path out, boolean quick, double[] epsilons, int[] sizes, int trials, int histogramTrials,
    int tightnessSamples, int[] participants, double[] costEpsilons, int costSamples,
    long costWarmUpMillis, int threads) {

  /** The command-line usage of {@code java -jar benchmarks.jar study}. */
  public static final String USAGE = "usage: java -jar benchmarks/target/benchmarks.jar study [--out DIR] [--quick]\n"
      + "  --out DIR  where to write the CSV and PNG files (default " + defaultOut() + ")\n"
      + "  --quick    3 epsilons x 2 sizes instead of 13 x 4 (seconds instead of minutes)";

  /** The least number of trials per cell. */
  public static final int MIN_TRIALS = 200;

  /** The validated configuration. */
  public StudyConfig {
    if (trials < MIN_TRIALS || histogramTrials < MIN_TRIALS) {
      throw new IllegalArgumentException("`trials` and `histogramTrials` must be >= " + MIN_TRIALS + ", were "
          + trials + " and " + histogramTrials);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("`threads` must be >= 1, was " + threads);
    }
  }

  /** The default output directory, {@code benchmarks/results/study}. */
  public static Path defaultOut() {
    return Path.of("benchmarks", "results", "study");
  }

  /** The full study: 13 epsilons from 0.01 to 10 (4 per decade), sizes 100 to 100,000. */
  public static StudyConfig full(Path out) {
    double[] epsilons = IntStream.rangeClosed(0, 12).mapToDouble(k -> 0.01 * Math.pow(10, k / 4.0)).toArray();
    return new StudyConfig(out, false, epsilons, new int[] {100, 1_000, 10_000, 100_000}, 1000, 200, 50_000,
        new int[] {10, 100}, new double[] {0.01, 0.1, 1, 10}, 200_000, 1500, Runtime.getRuntime().availableProcessors());
  }

  /** The quick study for tests: epsilon 0.1, 1 and 10, sizes 1,000 and 10,000; noise timed at epsilon 1. */
  public static StudyConfig quick(Path out) {
    return new StudyConfig(out, true, new double[] {0.1, 1, 10}, new int[] {1_000, 10_000}, 1000, 200, 5_000,
        new int[] {100}, new double[] {1}, 20_000, 300, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Parses the study's command line: {@code [--out DIR] [--quick]}.
   *
   * @return the configuration, or null if {@code --help} was asked for
   * @throws IllegalArgumentException for an unknown option or a missing value
   */
  public static StudyConfig parse(String... args) {
    Path out = defaultOut();
    boolean quick = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> {
          if (i + 1 == args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException("`--out` needs a directory");
          }
          out = Path.of(args[++i]);
        }
        case "--help", "-h" -> {
          return null;
        }
        default -> throw new IllegalArgumentException("unknown option `" + args[i] + "`");
      }
    }
    return quick ? quick(out) : full(out);
  }
}
