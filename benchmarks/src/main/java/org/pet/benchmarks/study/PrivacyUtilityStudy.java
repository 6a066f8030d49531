package org.pet.benchmarks.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.pet.benchmarks.study.ErrorTrials.Aggregation;
import org.pet.benchmarks.study.NoiseComparisons.CostRow;
import org.pet.benchmarks.study.NoiseComparisons.DistributedRow;
import org.pet.benchmarks.study.NoiseComparisons.SigmaRow;
import org.pet.benchmarks.study.NoiseComparisons.TightnessRow;

/**
 * The privacy/utility study: how much error each DP aggregation has at each epsilon, measured over
 * seeded trials on synthetic data and drawn beside the error {@code ErrorPrediction} predicts; plus four
 * noise comparisons (analytic vs classical Gaussian sigma, snapped vs ideal noise, distributed vs central
 * noise, secure vs textbook sampling time). Run it as {@code java -jar benchmarks/target/benchmarks.jar study [--out DIR] [--quick]}.
 *
 * <p><b>Output</b> (in the output directory, replaced on every run):
 * <ul>
 *   <li>{@code errors.csv} ({@link ErrorRow#HEADER}): count, sum, mean, variance, median and histogram
 *       (with partition selection) at every epsilon and data size, with {@code >= 200} seeded trials each;</li>
 *   <li>{@code gaussian_sigma.csv}, {@code noise_tightness.csv}, {@code distributed_noise.csv},
 *       {@code noise_cost.csv}: the comparisons
 *       (headers in {@link NoiseComparisons});</li>
 *   <li>PNG charts, all log-log with axis titles and legends: {@code error_AGGREGATION.png},
 *       {@code relative_error.png}, {@code gaussian_sigma.png}, {@code noise_tightness.png},
 *       {@code distributed_noise.png},
 *       {@code noise_cost.png};</li>
 *   <li>{@code summary.txt}: the key findings, also printed.</li>
 * </ul>
 *
 * <p>The error trials are reproducible: each cell's noise is seeded from the aggregation, the data size
 * and epsilon, so a cell gives the same numbers in the quick and the full study and on any number of
 * threads. The seeded noise is for this study only; releases use the secure default. The timings are not
 * reproducible. The study spends no real privacy budget: the data is synthetic.
 */
public final class PrivacyUtilityStudy {

  /** The relative tolerance within which measured and predicted RMSE are said to agree. */
  public static final double AGREEMENT_TOLERANCE = 0.15;

  private static final long SEED = 0x5eed_2026L;

  /**
   * What a run wrote.
   *
   * @param directory the output directory
   * @param files the CSV, PNG and text files written, in order
   * @param findings the key findings, one sentence per line
   */
  public record Report(Path directory, List<Path> files, List<String> findings) {}

  private PrivacyUtilityStudy() {}

  /**
   * Runs the study from the command line ({@link StudyConfig#USAGE}); exits with status 2 on a bad option.
   *
   * @throws IOException if an output file cannot be written
   * @throws InterruptedException if interrupted while waiting for the trials
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    StudyConfig config;
    try {
      config = StudyConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("study: " + e.getMessage());
      System.err.println(StudyConfig.USAGE);
      System.exit(2);
      return;
    }
    if (config == null) {
      System.out.println(StudyConfig.USAGE);
      return;
    }
    long start = System.nanoTime();
    Report report = run(config, Progress.onTerminal());
    report.findings().forEach(System.out::println);
    System.out.printf("Wrote %d files to %s in %.0f s%n", report.files().size(), report.directory().toAbsolutePath(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Runs the study with {@code config}, writing into {@code config.out()} (created if missing).
   *
   * @param showProgress whether to draw a progress bar on standard error
   * @return what was written
   * @throws IOException if an output file cannot be written
   * @throws InterruptedException if interrupted while waiting for the trials
   */
  public static Report run(StudyConfig config, boolean showProgress) throws IOException, InterruptedException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // charts are drawn off-screen, also without a display
    }
    Path out = Files.createDirectories(config.out());
    List<Dataset> datasets = new ArrayList<>();
    for (int size : config.sizes()) {
      datasets.add(Dataset.generate(size, SEED + size));
    }
    int cells = Aggregation.values().length * datasets.size() * config.epsilons().length;
    List<Path> files = new ArrayList<>();
    List<ErrorRow> errors;
    List<CostRow> cost = new ArrayList<>();
    List<SigmaRow> sigma;
    List<TightnessRow> tightness;
    List<DistributedRow> distributed;
    try (Progress progress = Progress.of("study", cells + config.costEpsilons().length + 2L, showProgress)) {
      errors = errorTrials(config, datasets, progress);
      sigma = NoiseComparisons.gaussianSigma(config.epsilons());
      tightness = NoiseComparisons.tightness(config.epsilons(), config.tightnessSamples());
      distributed = NoiseComparisons.distributedVersusCentral(config.epsilons(), config.participants());
      progress.step("noise comparisons");
      // Alone, after the trials, so that nothing competes for the cores; the trials' garbage is collected
      // and an untimed rehearsal runs every sampler at every epsilon first, so that no timing pays for
      // the collector or for compiling a path another epsilon had not taken.
      System.gc();
      for (double epsilon : config.costEpsilons()) {
        NoiseComparisons.cost(epsilon, config.costSamples() / 10, config.costWarmUpMillis() / 5);
      }
      for (double epsilon : config.costEpsilons()) {
        cost.addAll(NoiseComparisons.cost(epsilon, config.costSamples(), config.costWarmUpMillis()));
        progress.step("noise cost");
      }
      files.add(write(out.resolve("errors.csv"), ErrorRow.HEADER, errors));
      files.add(write(out.resolve("gaussian_sigma.csv"), SigmaRow.HEADER, sigma));
      files.add(write(out.resolve("noise_tightness.csv"), TightnessRow.HEADER, tightness));
      files.add(write(out.resolve("distributed_noise.csv"), DistributedRow.HEADER, distributed));
      files.add(write(out.resolve("noise_cost.csv"), CostRow.HEADER, cost));
      for (Aggregation aggregation : Aggregation.values()) {
        files.add(StudyCharts.error(out, aggregation.label(),
            StudyCharts.filter(errors, r -> r.aggregation().equals(aggregation.label()))));
      }
      files.add(StudyCharts.relativeError(out, config.sizes()[config.sizes().length - 1], errors));
      files.add(StudyCharts.gaussianSigma(out, sigma));
      files.add(StudyCharts.tightness(out, tightness));
      files.add(StudyCharts.distributed(out, distributed));
      files.add(StudyCharts.cost(out, cost));
      progress.step("charts");
    }
    List<String> findings = Findings.of(errors, sigma, tightness, distributed, cost, AGREEMENT_TOLERANCE);
    Path summary = out.resolve("summary.txt");
    Files.write(summary, findings, StandardCharsets.UTF_8);
    files.add(summary);
    return new Report(out, List.copyOf(files), findings);
  }

  /**
   * Every (aggregation, size, epsilon) cell on {@code config.threads()} threads, the costliest first; the
   * rows come back in (aggregation, size, epsilon) order.
   */
  private static List<ErrorRow> errorTrials(StudyConfig config, List<Dataset> datasets, Progress progress)
      throws InterruptedException {
    record Cell(Aggregation aggregation, Dataset data, double epsilon, int trials) {
      long cost() {
        return aggregation == Aggregation.HISTOGRAM ? (long) trials * data.size() : trials;
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (Aggregation aggregation : Aggregation.values()) {
      int trials = aggregation == Aggregation.HISTOGRAM ? config.histogramTrials() : config.trials();
      for (Dataset data : datasets) {
        for (double epsilon : config.epsilons()) {
          cells.add(new Cell(aggregation, data, epsilon, trials));
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    try {
      List<Future<ErrorRow>> futures = new ArrayList<>(Collections.nCopies(cells.size(), null));
      List<Integer> costliestFirst = IntStream.range(0, cells.size()).boxed()
          .sorted(Comparator.comparingLong((Integer i) -> cells.get(i).cost()).reversed()).toList();
      for (int i : costliestFirst) {
        Cell cell = cells.get(i);
        futures.set(i, pool.submit(() -> {
          ErrorRow row = ErrorTrials.run(cell.aggregation(), cell.data(), cell.epsilon(), cell.trials(),
              seed(cell.aggregation(), cell.data().size(), cell.epsilon()));
          progress.step(cell.aggregation().label() + " n=" + cell.data().size());
          return row;
        }));
      }
      List<ErrorRow> rows = new ArrayList<>();
      for (Future<ErrorRow> future : futures) {
        rows.add(future.get());
      }
      return rows;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The seed of one cell: the same cell gets the same seed in every configuration. */
  private static long seed(Aggregation aggregation, int size, double epsilon) {
    long seed = SEED;
    seed = seed * 31 + aggregation.ordinal();
    seed = seed * 31 + size;
    return seed * 31 + Double.doubleToLongBits(epsilon);
  }

  private static Path write(Path file, List<String> header, List<? extends Csv.Row> rows) throws IOException {
    Csv.write(file, header, rows);
    return file;
  }
}
