package org.pet.benchmarks.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.pet.benchmarks.study.NoiseComparisons.CostRow;
import org.pet.benchmarks.study.NoiseComparisons.DistributedRow;
import org.pet.benchmarks.study.NoiseComparisons.SigmaRow;
import org.pet.benchmarks.study.NoiseComparisons.TightnessRow;

/** Draws the study's PNG charts from its rows: every chart is log-log, with axis titles and a legend. */
final class StudyCharts {

  private static final String EPSILON = "epsilon";

  private StudyCharts() {}

  /**
   * error_AGGREGATION.png: measured RMSE (solid, markers) and predicted RMSE (dashed) against epsilon, one
   * colour per data size.
   */
  static Path error(Path directory, String aggregation, List<ErrorRow> rows) throws IOException {
    XYChart chart = Charts.logLog(aggregation + ": error vs epsilon (Laplace noise, " + rows.get(0).trials()
        + " seeded trials per point)", EPSILON, "RMSE");
    Map<Integer, List<ErrorRow>> bySize = group(rows, ErrorRow::n);
    int colour = 0;
    for (Map.Entry<Integer, List<ErrorRow>> size : bySize.entrySet()) {
      List<ErrorRow> series = size.getValue();
      double[] epsilons = values(series, ErrorRow::epsilon);
      Charts.addSeries(chart, "n=" + size.getKey() + " measured", epsilons, values(series, ErrorRow::rmse),
          Charts.color(colour), false);
      Charts.addSeries(chart, "n=" + size.getKey() + " predicted", epsilons, values(series, ErrorRow::predictedRmse),
          Charts.color(colour), true);
      colour++;
    }
    return save(chart, directory.resolve("error_" + aggregation + ".png"));
  }

  /** relative_error.png: measured relative error of every aggregation at data size {@code n}. */
  static Path relativeError(Path directory, int n, List<ErrorRow> rows) throws IOException {
    XYChart chart = Charts.logLog("Relative error vs epsilon, n=" + n, EPSILON, "RMSE / |truth|");
    Map<String, List<ErrorRow>> byAggregation = group(rows, ErrorRow::aggregation);
    int colour = 0;
    for (Map.Entry<String, List<ErrorRow>> aggregation : byAggregation.entrySet()) {
      List<ErrorRow> series = filter(aggregation.getValue(), r -> r.n() == n);
      Charts.addSeries(chart, aggregation.getKey(), values(series, ErrorRow::epsilon),
          values(series, ErrorRow::relativeError), Charts.color(colour++), false);
    }
    return save(chart, directory.resolve("relative_error.png"));
  }

  /** gaussian_sigma.png: analytic and classical Gaussian sigma against epsilon. */
  static Path gaussianSigma(Path directory, List<SigmaRow> rows) throws IOException {
    XYChart chart = Charts.logLog("Gaussian sigma vs epsilon (L2 sensitivity 1, delta "
        + NoiseComparisons.DELTA + ")", EPSILON, "sigma");
    double[] epsilons = values(rows, SigmaRow::epsilon);
    Charts.addSeries(chart, "analytic (Balle-Wang)", epsilons, values(rows, SigmaRow::analytic), Charts.color(0),
        false);
    Charts.addSeries(chart, "classical sqrt(2 ln(1.25/delta))/eps", epsilons, values(rows, SigmaRow::classical),
        Charts.color(1), true);
    return save(chart, directory.resolve("gaussian_sigma.png"));
  }

  /**
   * noise_tightness.png: standard deviation over the ideal noise's against epsilon, measured (solid) and
   * stated by the mechanism (dashed), one colour per mechanism and L0.
   */
  static Path tightness(Path directory, List<TightnessRow> rows) throws IOException {
    XYChart chart = Charts.logLog("Snapped noise SD / ideal SD (Linf " + NoiseComparisons.TIGHTNESS_LINF
        + ", Gaussian delta " + NoiseComparisons.DELTA + ")", EPSILON, "SD / ideal");
    int colour = 0;
    for (Map.Entry<String, List<TightnessRow>> series : group(rows, r -> r.mechanism() + " L0=" + r.l0()).entrySet()) {
      List<TightnessRow> points = series.getValue();
      double[] epsilons = values(points, TightnessRow::epsilon);
      Charts.addSeries(chart, series.getKey() + " measured", epsilons, values(points, TightnessRow::measuredRatio),
          Charts.color(colour), false);
      Charts.addSeries(chart, series.getKey() + " stated", epsilons, values(points, TightnessRow::statedRatio),
          Charts.color(colour), true);
      colour++;
    }
    return save(chart, directory.resolve("noise_tightness.png"));
  }

  /**
   * distributed_noise.png: variance of distributed over central discrete Gaussian noise against epsilon,
   * for the largest number of participants.
   */
  static Path distributed(Path directory, List<DistributedRow> rows) throws IOException {
    int n = rows.stream().mapToInt(DistributedRow::participants).max().orElseThrow();
    XYChart chart = Charts.logLog("Distributed (t of n=" + n + ") vs central discrete Gaussian, delta "
        + NoiseComparisons.DELTA, EPSILON, "variance ratio distributed / central");
    Map<String, List<DistributedRow>> byConfiguration = group(filter(rows, r -> r.participants() == n),
        r -> "t=" + r.threshold() + ", " + r.survivors() + " survive");
    int colour = 0;
    for (Map.Entry<String, List<DistributedRow>> configuration : byConfiguration.entrySet()) {
      List<DistributedRow> series = configuration.getValue();
      Charts.addSeries(chart, configuration.getKey(), values(series, DistributedRow::epsilon),
          values(series, DistributedRow::varianceRatio), Charts.color(colour++), false);
    }
    return save(chart, directory.resolve("distributed_noise.png"));
  }

  /** noise_cost.png: nanoseconds per sample, secure (solid) and textbook (dashed), against epsilon. */
  static Path cost(Path directory, List<CostRow> rows) throws IOException {
    XYChart chart = Charts.logLog("Time per noise sample: secure vs textbook, same secure source", EPSILON,
        "ns per sample");
    int colour = 0;
    for (Map.Entry<String, List<CostRow>> mechanism : group(rows, CostRow::mechanism).entrySet()) {
      List<CostRow> series = mechanism.getValue();
      double[] epsilons = values(series, CostRow::epsilon);
      Charts.addSeries(chart, mechanism.getKey() + " secure", epsilons, values(series, CostRow::secureNanos),
          Charts.color(colour), false);
      Charts.addSeries(chart, mechanism.getKey() + " textbook", epsilons, values(series, CostRow::textbookNanos),
          Charts.color(colour), true);
      colour++;
    }
    return save(chart, directory.resolve("noise_cost.png"));
  }

  private static Path save(XYChart chart, Path file) throws IOException {
    Charts.save(chart, file);
    return file;
  }

  /** Groups rows by key, keeping the keys' first-seen order. */
  static <R, K> Map<K, List<R>> group(List<R> rows, Function<R, K> key) {
    Map<K, List<R>> groups = new LinkedHashMap<>();
    rows.forEach(row -> groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row));
    return groups;
  }

  static <R> List<R> filter(List<R> rows, Predicate<R> keep) {
    return rows.stream().filter(keep).toList();
  }

  /** One field of each row, in row order (the study emits every series in increasing epsilon). */
  private static <R> double[] values(List<R> rows, ToDoubleFunction<R> field) {
    return rows.stream().mapToDouble(field).toArray();
  }
}
