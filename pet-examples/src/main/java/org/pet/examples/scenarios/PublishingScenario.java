package org.pet.examples.scenarios;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * {@link #writingTo(Path)} names one) and printed beside the truth and each number's 95% error bound. A
 * derived total's truth is the true total of every cell it covers; as the suppressed cells are left out
 * of it (so that they cannot be recovered by subtraction), the scenario names them, and checks each
 * total against the published cells it adds, which its bound is about.
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
    List<String> omissions = new ArrayList<>();
    for (ReleaseCell row : rows) {
      boolean total = row.kind() != ReleaseCell.Kind.CELL;
      double[] exact = total ? coveredTruth(row, cells, truth, false) : truth.getOrDefault(row.key(), new double[2]);
      print(out, row, exact);
      if (row.suppressed()) {
        continue;
      }
      // A derived total's bound is about the published cells it adds (ReleaseTable's error bounds).
      double[] added = total ? coveredTruth(row, cells, truth, true) : exact;
      String label = String.join(" / ", row.key());
      String of = total ? " (of its published cells)" : "";
      estimates.add(new Estimate(label + ": count" + of, added[0], row.count().getAsLong(),
          row.countErrorBound().getAsLong()));
      estimates.add(new Estimate(label + ": weekly income" + of, added[1], row.sum().getAsLong(),
          row.sumErrorBound().getAsLong()));
      if (total && added[0] != exact[0]) {
        omissions.add(String.format(Locale.ROOT, "  %s: true total %s residents, income %s; its published cells "
            + "hold %s, income %s", label, Report.number(exact[0]), Report.number(exact[1]), Report.number(added[0]),
            Report.number(added[1])));
      }
    }
    List<String> suppressed = cells.stream().filter(ReleaseCell::suppressed)
        .map(cell -> String.join(" / ", cell.key())).toList();
    out.println();
    if (suppressed.isEmpty()) {
      out.println("No cell suppressed: each derived total adds every cell it covers.");
    } else {
      out.printf("Suppressed (noisy count below %d; neither count nor income published): %s%n", MINIMUM_COUNT,
          String.join(", ", suppressed));
      out.println("Derived totals add the published cells only, so they leave the suppressed ones out (a reader "
          + "cannot recover a suppressed cell by subtraction); the truth column shows the true total, and a "
          + "total's bound is about the published cells it adds:");
      omissions.forEach(out::println);
    }
    ScenarioResult result = new ScenarioResult(name(), estimates);
    Report.withinBound(out, estimates, "published numbers", " (for a derived total, the truth of the published cells "
        + "it adds)");
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
   * The exact count and sum of the cells a total covers: all of them (the true total), or only the
   * published ones (what a derived total adds, and what its bound is about).
   */
  private static double[] coveredTruth(ReleaseCell total, List<ReleaseCell> cells, Map<List<String>, double[]> truth,
      boolean publishedOnly) {
    double[] sum = new double[2];
    for (ReleaseCell cell : cells) {
      if ((!publishedOnly || !cell.suppressed()) && covers(total.key(), cell.key())) {
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
