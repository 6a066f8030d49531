package org.pet.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.pet.examples.csv.CsvFile;
import org.pet.examples.csv.CsvRow;
import org.pet.publish.ReleaseCell;
import org.pet.publish.ReleaseTable;
import org.pet.spark.SparkReleaseTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pet release}: a disclosure-controlled differentially private table of a CSV file, offline, built
 * by {@link ReleaseTable}: noisy counts (and sums of a bounded value column) per group, small cells
 * suppressed, values rounded, totals, and an error bound on every published number; written as CSV. With
 * {@code --engine spark} the noisy table is computed by pet-spark's {@link SparkReleaseTable} in a Spark session
 * on {@code --master} (Spark must be on the classpath: {@link SparkAvailability}), with the same disclosure
 * control and CSV.
 */
@Command(name = "release",
    description = {
        "Publish a disclosure-controlled differentially private table of a CSV file (offline, no server).",
        "Counts (and, with --value, sums) per group get noise, rows whose noisy count is below --min-cell are "
            + "suppressed ([c]), counts are rounded to --round-to, and every number carries an error bound "
            + "that holds with probability 1 - alpha. Output columns: the group columns, count, count_error, "
            + "[sum, sum_error,] flags."})
final class ReleaseCommand implements Callable<Integer> {

  /** How totals are produced (see {@link ReleaseTable.Totals}). */
  enum TotalsChoice {
    NONE(ReleaseTable.Totals.NONE),
    DERIVED(ReleaseTable.Totals.DERIVED_FROM_PUBLISHED),
    INDEPENDENT(ReleaseTable.Totals.INDEPENDENTLY_NOISED);

    private final ReleaseTable.Totals totals;

    TotalsChoice(ReleaseTable.Totals totals) {
      this.totals = totals;
    }
  }

  /** Where the table is computed. */
  enum Engine {
    LOCAL, SPARK
  }

  /**
   * A released table.
   *
   * @param rows the published rows
   * @param csv their CSV
   */
  record Released(List<ReleaseCell> rows, String csv) {}

  @Spec
  private CommandSpec spec;

  @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
      description = "local (in this process, default) or spark (pet-spark in a Spark session on --master; needs "
          + "Spark on the classpath; no --seed, laplace noise, totals none or derived).")
  private Engine engine;

  @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
      description = "The Spark master for --engine spark (default ${DEFAULT-VALUE}).")
  private String master;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "CSV file with a header row, one record per row.")
  private Path input;

  @Option(names = "--group-by", required = true, split = ",", paramLabel = "COL",
      description = "Group column(s), comma-separated or repeated; the table has a row per combination.")
  private List<String> groupBy;

  @Option(names = "--unit", paramLabel = "COL",
      description = "Privacy-unit column (a person or household id). Default: every row is a different unit, "
          + "which is right only if no one appears in two rows.")
  private String unit;

  @Option(names = "--value", paramLabel = "COL",
      description = "Numeric column to sum per group (needs --lower and --upper).")
  private String value;

  @Option(names = "--lower", paramLabel = "L", description = "Values are clamped to [L, U] before summing.")
  private Double lower;

  @Option(names = "--upper", paramLabel = "U", description = "See --lower.")
  private Double upper;

  @Option(names = "--epsilon", required = true, paramLabel = "E",
      description = "Privacy budget of the whole table, finite and > 0.")
  private double epsilon;

  @Option(names = "--delta", defaultValue = "0", paramLabel = "D",
      description = "Delta of the whole table, in [0, 1) (default ${DEFAULT-VALUE}); must be > 0 unless every "
          + "group column has --categories (groups are then selected privately).")
  private double delta;

  @Option(names = "--categories", paramLabel = "COL=V1,V2,...",
      description = "The public categories of a group column (repeat per column; all group columns or none). "
          + "With them every combination is published, and no budget goes to choosing groups.")
  private List<String> categories = new ArrayList<>();

  @Option(names = "--min-cell", defaultValue = "0", paramLabel = "N",
      description = "Suppress rows whose noisy count is below N (default ${DEFAULT-VALUE}).")
  private long minCell;

  @Option(names = "--round-to", defaultValue = "1", paramLabel = "B",
      description = "Round counts to a multiple of B (default ${DEFAULT-VALUE}).")
  private long roundTo;

  @Option(names = "--sum-round-to", defaultValue = "1", paramLabel = "B",
      description = "Round sums to a multiple of B (default ${DEFAULT-VALUE}).")
  private long sumRoundTo;

  @Option(names = "--max-groups-per-unit", defaultValue = "1", paramLabel = "N",
      description = "Most groups one unit counts in; extra rows are dropped at random (default ${DEFAULT-VALUE}).")
  private int maxGroupsPerUnit;

  @Option(names = "--max-rows-per-group", defaultValue = "1", paramLabel = "N",
      description = "Most rows one unit counts in one group (default ${DEFAULT-VALUE}).")
  private int maxRowsPerGroup;

  @Option(names = "--totals", defaultValue = "derived", paramLabel = "KIND",
      description = "none, derived (totals added up from the published cells; free) or independent (noised "
          + "separately with a share of the budget); default ${DEFAULT-VALUE}.")
  private TotalsChoice totals;

  @Option(names = "--total-label", defaultValue = "Total", paramLabel = "TEXT",
      description = "Label of total rows in the group columns (default ${DEFAULT-VALUE}).")
  private String totalLabel;

  @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A",
      description = "Error bounds hold with probability 1 - A (default ${DEFAULT-VALUE}).")
  private double alpha;

  @Option(names = "--noise", defaultValue = "laplace", paramLabel = "KIND", converter = NoiseKind.Converter.class,
      description = "laplace, gaussian (needs --delta), discrete-laplace or discrete-gaussian (integer bounds); "
          + "default ${DEFAULT-VALUE}.")
  private NoiseKind noise;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the table here (default: standard output).")
  private Path output;

  @Mixin
  private PrecisionOption precision;

  @Option(names = "--seed", paramLabel = "S",
      description = "INSECURE, for tests only: seeds the noise and the sampling so the output is reproducible. "
          + "Anyone who knows the seed can remove the noise; never publish a table made with it.")
  private Long seed;

  @Override
  public Integer call() {
    Released result = engine == Engine.SPARK ? onSpark() : locally();
    List<ReleaseCell> rows = result.rows();
    String released = result.csv();
    PrintWriter out = spec.commandLine().getOut();
    if (seed != null) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": warning: --seed makes the noise predictable; "
          + "never publish this table");
    }
    if (output == null) {
      out.print(released);
      return 0;
    }
    try {
      Files.writeString(output, released);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    long suppressed = rows.stream().filter(ReleaseCell::suppressed).count();
    out.printf("wrote %d rows (%d suppressed) to %s; epsilon %s, delta %s; error bounds hold with probability %s%n",
        rows.size(), suppressed, output, precision.numbers().parameter(epsilon), precision.numbers().parameter(delta),
        precision.numbers().parameter(1 - alpha));
    return 0;
  }

  private Released locally() {
    ReleaseTable table = buildTable();
    if (output != null) {
      Inputs.outputFile("--output", output);
    }
    CsvFile csv = CsvFile.read("--input", input);
    addRecords(csv, table);
    List<ReleaseCell> rows = table.release();
    return new Released(rows, table.toCsv());
  }

  /** Checks the options as {@link #buildTable()} does, then releases on Spark. */
  private Released onSpark() {
    if (seed != null || noise != NoiseKind.LAPLACE || totals == TotalsChoice.INDEPENDENT) {
      throw new UsageException("--engine spark releases with secure laplace noise and totals none or derived: "
          + "drop --seed, --noise and --totals independent");
    }
    buildTable();
    SparkAvailability.require(getClass().getClassLoader());
    if (output != null) {
      Inputs.outputFile("--output", output);
    }
    Inputs.require(Files.isRegularFile(input), "--input", "a readable file", input);
    SparkReleaseTable.Builder table = SparkReleaseTable.builder().groupBy(groupBy.toArray(String[]::new))
        .epsilon(epsilon).delta(delta).alpha(alpha).minimumCount(minCell).roundingBase(roundTo)
        .sumRoundingBase(sumRoundTo).maxGroupsContributed(maxGroupsPerUnit)
        .maxContributionsPerGroup(maxRowsPerGroup).totals(totals.totals).totalLabel(totalLabel);
    if (unit != null) {
      table.privacyUnit(unit);
    }
    if (value != null) {
      table.value(value, lower, upper);
    }
    forEachCategory((column, values) -> table.categories(column, values));
    return SparkReleaseEngine.release(master, input.toString(), table);
  }

  /** Checks every option and builds the empty table; nothing is read yet. */
  private ReleaseTable buildTable() {
    Inputs.epsilon("--epsilon", epsilon);
    Inputs.delta("--delta", delta);
    Inputs.require(alpha > 0 && alpha < 1, "--alpha", "in (0, 1)", alpha);
    Inputs.atLeast("--min-cell", minCell, 0);
    Inputs.atLeast("--round-to", roundTo, 1);
    Inputs.atLeast("--sum-round-to", sumRoundTo, 1);
    Inputs.atLeast("--max-groups-per-unit", maxGroupsPerUnit, 1);
    Inputs.atLeast("--max-rows-per-group", maxRowsPerGroup, 1);
    if ((value == null) != (lower == null) || (value == null) != (upper == null)) {
      throw new UsageException("--value, --lower and --upper go together: give all three or none");
    }
    if (value != null) {
      Inputs.finite("--lower", lower);
      Inputs.finite("--upper", upper);
      Inputs.require(lower < upper, "--upper", "> --lower (" + lower + ")", upper);
    }
    if (categories.isEmpty() && delta == 0) {
      throw new UsageException("--delta must be > 0 when the groups are chosen privately; give it, or list every "
          + "group column's --categories");
    }
    ReleaseTable.Builder builder = ReleaseTable.builder().epsilon(epsilon).delta(delta).alpha(alpha)
        .minimumCount(minCell).roundingBase(roundTo).sumRoundingBase(sumRoundTo)
        .maxPartitionsContributed(maxGroupsPerUnit).maxContributionsPerPartition(maxRowsPerGroup)
        .totals(totals.totals);
    try {
      builder.groupColumns(groupBy.toArray(String[]::new)).totalLabel(totalLabel);
      forEachCategory(builder::categories);
      if (seed != null) {
        SplittableRandom random = new SplittableRandom(seed);
        builder.random(random.split()).noise(noise.create(random.split()));
      } else {
        builder.noise(noise.create(null));
      }
      if (value != null) {
        builder.valueBounds(lower, upper);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid table parameters: " + e.getMessage(), e);
    }
  }

  /** Passes each {@code --categories COL=V1,V2} as column and values. */
  private void forEachCategory(BiConsumer<String, List<String>> action) {
    for (String category : categories) {
      int equals = category.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("--categories must look like COLUMN=VALUE1,VALUE2,..., was " + category);
      }
      action.accept(category.substring(0, equals), Arrays.asList(category.substring(equals + 1).split(",", -1)));
    }
  }

  private void addRecords(CsvFile csv, ReleaseTable table) {
    int[] groups = groupBy.stream().mapToInt(csv::column).toArray();
    int unitColumn = unit == null ? -1 : csv.column(unit);
    int valueColumn = value == null ? -1 : csv.column(value);
    for (CsvRow row : csv.rows()) {
      List<String> key = new ArrayList<>(groups.length);
      for (int column : groups) {
        if (row.text(column).equals(totalLabel)) {
          throw row.error(column, "\"" + totalLabel + "\" is the label of total rows; choose another with "
              + "--total-label");
        }
        key.add(row.text(column));
      }
      String unitId = unitColumn < 0 ? "row " + row.line() : row.text(unitColumn);
      if (valueColumn < 0) {
        table.addRecord(unitId, key);
      } else {
        table.addRecord(unitId, key, row.number(valueColumn));
      }
    }
  }
}
