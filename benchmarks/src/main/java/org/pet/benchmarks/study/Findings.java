package org.pet.benchmarks.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import org.pet.benchmarks.study.NoiseComparisons.CostRow;
import org.pet.benchmarks.study.NoiseComparisons.DistributedRow;
import org.pet.benchmarks.study.NoiseComparisons.SigmaRow;
import org.pet.benchmarks.study.NoiseComparisons.TightnessRow;

/** The study's key findings in plain sentences, computed from its rows (written to summary.txt). */
final class Findings {

  private Findings() {}

  static List<String> of(List<ErrorRow> errors, List<SigmaRow> sigma, List<TightnessRow> tightness,
      List<DistributedRow> distributed, List<CostRow> cost, double tolerance) {
    List<String> lines = new ArrayList<>();
    lines.add("Predicted vs measured RMSE (agreement: |measured/predicted - 1| <= " + percent(tolerance) + "):");
    for (Map.Entry<String, List<ErrorRow>> e : StudyCharts.group(errors, ErrorRow::aggregation).entrySet()) {
      lines.add("  " + e.getKey() + ": " + agreement(e.getValue(), tolerance));
    }
    lines.add("Histogram districts released (partition selection), at the epsilon nearest 1:");
    List<ErrorRow> histogram = StudyCharts.filter(errors, r -> r.aggregation().equals("histogram"));
    for (List<ErrorRow> size : StudyCharts.group(histogram, ErrorRow::n).values()) {
      ErrorRow row = nearest(size, ErrorRow::epsilon, 1);
      lines.add("  n=" + row.n() + ", epsilon " + number(row.epsilon()) + ": " + percent(row.releasedFraction())
          + " released, relative RMSE " + number(row.relativeError()));
    }
    List<SigmaRow> proved = StudyCharts.filter(sigma, SigmaRow::classicalValid);
    if (!proved.isEmpty()) {
      lines.add("Gaussian sigma, classical / analytic for epsilon < 1 (where the classical bound is proved): "
          + range(proved, SigmaRow::classicalOverAnalytic) + " (variance x" + range(proved,
          r -> r.classicalOverAnalytic() * r.classicalOverAnalytic()) + ")");
    }
    lines.add("Snapped noise SD / ideal SD (Linf " + NoiseComparisons.TIGHTNESS_LINF + ", over epsilon):");
    StudyCharts.group(tightness, r -> r.mechanism() + ", L0 " + r.l0()).forEach((name, rows) -> lines.add("  "
        + name + ": stated " + ratioRange(rows, TightnessRow::statedRatio) + ", measured "
        + ratioRange(rows, TightnessRow::measuredRatio) + " (" + rows.get(0).samples() + " draws each)"));
    lines.add("Distributed (secure aggregation) vs central discrete Gaussian noise, variance ratio over epsilon:");
    var configurations = StudyCharts.group(distributed,
        r -> "n=" + r.participants() + ", t=" + r.threshold() + ", " + r.survivors() + " survive");
    configurations.forEach((name, rows) -> lines.add("  " + name + ": " + range(rows, DistributedRow::varianceRatio)));
    lines.add("Secure vs textbook noise, time per sample on the same secure source (System.nanoTime):");
    StudyCharts.group(cost, CostRow::mechanism).forEach((mechanism, rows) -> lines.add("  " + mechanism
        + ": secure/textbook " + range(rows, CostRow::secureOverTextbook) + " (secure "
        + range(rows, CostRow::secureNanos) + " ns, textbook " + range(rows, CostRow::textbookNanos) + " ns)"));
    return lines;
  }

  private static String agreement(List<ErrorRow> rows, double tolerance) {
    List<ErrorRow> predicted = StudyCharts.filter(rows, r -> !Double.isNaN(r.predictedRmse()));
    if (predicted.isEmpty()) {
      return "no prediction";
    }
    List<ErrorRow> applies = StudyCharts.filter(predicted, ErrorRow::predictionApplies);
    List<ErrorRow> outside = StudyCharts.filter(predicted, r -> !r.predictionApplies());
    StringBuilder text = new StringBuilder();
    if (!applies.isEmpty()) {
      text.append("where the prediction applies, ").append(applies.stream().filter(r -> r.agreesWithin(tolerance))
          .count()).append(" of ").append(applies.size()).append(" cells agree (measured/predicted ")
          .append(range(applies, ErrorRow::measuredOverPredicted)).append(")");
    }
    if (!outside.isEmpty()) {
      List<ErrorRow> disagree = StudyCharts.filter(outside, r -> !r.agreesWithin(tolerance));
      text.append(text.length() == 0 ? "" : "; ").append("outside its regime (").append(outside.get(0).prediction())
          .append("), ").append(disagree.size()).append(" of ").append(outside.size()).append(" cells disagree");
      disagree.stream().max(Comparator.comparingDouble(r -> Math.abs(Math.log(r.measuredOverPredicted()))))
          .ifPresent(worst -> text.append(", worst measured/predicted ").append(number(worst.measuredOverPredicted()))
              .append(" at n=").append(worst.n()).append(", epsilon ").append(number(worst.epsilon())));
    }
    return text.toString();
  }

  private static <R> R nearest(List<R> rows, ToDoubleFunction<R> field, double target) {
    return rows.stream().min(Comparator.comparingDouble(r -> Math.abs(Math.log(field.applyAsDouble(r) / target))))
        .orElseThrow();
  }

  private static <R> String range(List<R> rows, ToDoubleFunction<R> field) {
    return range(rows, field, Findings::number);
  }

  /** A range of ratios near 1, to four decimals. */
  private static <R> String ratioRange(List<R> rows, ToDoubleFunction<R> field) {
    return range(rows, field, value -> String.format(Locale.ROOT, "%.4f", value));
  }

  private static <R> String range(List<R> rows, ToDoubleFunction<R> field, DoubleFunction<String> format) {
    double min = rows.stream().mapToDouble(field).min().orElse(Double.NaN);
    double max = rows.stream().mapToDouble(field).max().orElse(Double.NaN);
    return format.apply(min) + " to " + format.apply(max);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3g", value);
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
  }
}
