package org.pet.examples.scenarios;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pet.dp.LaplaceNoise;
import org.pet.publish.ReleaseCell;
import org.pet.publish.ReleaseTable;

/**
 * Scenario 4, publishing open data: a council publishes residents by district and age band, with their
 * total weekly income, from a (synthetic) household survey, as a {@link ReleaseTable}: epsilon 1, public
 * categories, rows with a noisy count below 10 suppressed, counts rounded to 5 and sums to 100, totals
 * derived from the published cells. The table is written as CSV (a temporary file unless
 * {@link #writingTo(Path)} names one) and printed beside the truth and each number's 95% error bound.
 *
 * <p>For a reproducible run the noise is seeded too, which is insecure: a real release keeps
 * {@link ReleaseTable}'s secure default randomness.
 */
public final class PublishingScenario implements Scenario {

  static final int RESIDENTS = 1500;
  static final double EPSILON = 1.0;
  static final long MINIMUM_COUNT = 10;
  static final long ROUNDING_BASE = 5;
  static final long SUM_ROUNDING_BASE = 100;
  static final double MAX_WEEKLY_INCOME = 1500;
  /** Error bounds are 95% bounds, as {@link Estimate} expects. */
  private static final double ALPHA = 0.05;
  private static final String ROW = "%-11s %-6s %7s %7s %7s %10s %10s %8s  %s%n";

  private final Path output;

  /** The scenario writing its table to a temporary file. */
  public PublishingScenario() {
    this(null);
  }

  private PublishingScenario(Path output) {
    this.output = output;
  }

  @Override
  public String name() {
    return "publishing";
  }

  @Override
  public String description() {
    return "A council publishes a DP table of residents by district and age band, with small cells suppressed "
        + "and counts rounded, to CSV.";
  }

  @Override
  public Scenario writingTo(Path file) {
    return new PublishingScenario(file);
  }

  /** Writes the table, prints it beside the truth and returns every published number. */
  @Override
  public ScenarioResult run(PrintWriter out, long seed) throws IOException {
    Residents data = Residents.generate(seed, RESIDENTS);
    ReleaseTable table = table(seed);
    Map<List<String>, double[]> truth = new HashMap<>();
    for (Residents.Resident resident : data.residents()) {
      List<String> key = List.of(resident.district(), resident.ageBand());
      table.addRecord(resident.id(), key, resident.weeklyIncome());
      double[] cell = truth.computeIfAbsent(key, k -> new double[2]);
      cell[0]++;
      cell[1] += Math.min(MAX_WEEKLY_INCOME, resident.weeklyIncome());
    }
    List<ReleaseCell> rows = table.release();
    Path file = output != null ? output : Files.createTempFile("pet-publishing-", ".csv");
    Files.writeString(file, table.toCsv());
    out.printf("Publishing (synthetic household survey of %d residents, seed %d): epsilon %s, cells below %d "
        + "suppressed, counts rounded to %d, sums to %d%n", RESIDENTS, seed, EPSILON, MINIMUM_COUNT, ROUNDING_BASE,
        SUM_ROUNDING_BASE);
    out.println("(noise seeded from the seed for a reproducible run: insecure; a real release keeps the secure "
        + "default)");
    out.printf("Wrote the table to %s%n%n", file);
    out.printf(ROW, "district", "age", "count", "truth", "bound", "income", "truth", "bound", "flags");
    List<Estimate> estimates = new ArrayList<>();
    List<ReleaseCell> cells = rows.stream().filter(row -> row.kind() == ReleaseCell.Kind.CELL).toList();
    for (ReleaseCell row : rows) {
      double[] exact = row.kind() == ReleaseCell.Kind.CELL ? truth.getOrDefault(row.key(), new double[2])
          : publishedTruth(row, cells, truth);
      print(out, row, exact);
      if (!row.suppressed()) {
        String label = String.join(" / ", row.key());
        estimates.add(new Estimate(label + ": count", exact[0], row.count().getAsLong(),
            row.countErrorBound().getAsLong()));
        estimates.add(new Estimate(label + ": weekly income", exact[1], row.sum().getAsLong(),
            row.sumErrorBound().getAsLong()));
      }
    }
    ScenarioResult result = new ScenarioResult(name(), estimates);
    out.printf("%n%d of %d published numbers are within their 95%% bound of the truth%n",
        estimates.stream().filter(Estimate::withinBound).count(), estimates.size());
    return result;
  }

  private static ReleaseTable table(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return ReleaseTable.builder()
        .groupColumns("district", "age_band")
        .categories("district", Residents.DISTRICTS)
        .categories("age_band", Residents.AGE_BANDS)
        .epsilon(EPSILON)
        .valueBounds(0, MAX_WEEKLY_INCOME)
        .minimumCount(MINIMUM_COUNT)
        .roundingBase(ROUNDING_BASE)
        .sumRoundingBase(SUM_ROUNDING_BASE)
        .totals(ReleaseTable.Totals.DERIVED_FROM_PUBLISHED)
        .alpha(ALPHA)
        .random(random.split())
        .noise(new LaplaceNoise(random.split()))
        .build();
  }

  /**
   * The truth a derived total's bound is about: the exact count and sum of the published (unsuppressed)
   * cells it adds up.
   */
  private static double[] publishedTruth(ReleaseCell total, List<ReleaseCell> cells, Map<List<String>, double[]> truth) {
    double[] sum = new double[2];
    for (ReleaseCell cell : cells) {
      if (!cell.suppressed() && covers(total.key(), cell.key())) {
        double[] exact = truth.getOrDefault(cell.key(), new double[2]);
        sum[0] += exact[0];
        sum[1] += exact[1];
      }
    }
    return sum;
  }

  private static boolean covers(List<String> totalKey, List<String> cellKey) {
    for (int i = 0; i < totalKey.size(); i++) {
      if (!totalKey.get(i).equals("Total") && !totalKey.get(i).equals(cellKey.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static void print(PrintWriter out, ReleaseCell row, double[] exact) {
    String flags = String.join(";", row.flags().stream().map(flag -> flag.code()).toList());
    if (row.suppressed()) {
      out.printf(ROW, row.key().get(0), row.key().get(1), ReleaseTable.SUPPRESSED_MARKER, Report.number(exact[0]), "",
          ReleaseTable.SUPPRESSED_MARKER, Report.number(exact[1]), "", flags);
      return;
    }
    out.printf(ROW, row.key().get(0), row.key().get(1), row.count().getAsLong(), Report.number(exact[0]),
        Report.bound(row.countErrorBound().getAsLong()), row.sum().getAsLong(), Report.number(exact[1]),
        Report.bound(row.sumErrorBound().getAsLong()), flags);
  }

  public static void main(String[] args) throws Exception {
    Scenarios.main(new PublishingScenario(), args);
  }
}
