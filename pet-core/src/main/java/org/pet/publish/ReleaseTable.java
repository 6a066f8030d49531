package org.pet.publish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.pet.dp.ConfidenceInterval;
import org.pet.dp.DpHistogram;
import org.pet.dp.LaplaceNoise;
import org.pet.dp.Noise;
import org.pet.random.Randomness;

/**
 * A statistics-office release table: differentially private counts (and sums of a bounded value) per
 * combination of group columns, followed by statistical disclosure control applied to the noisy output
 * only, with an error bound on every published number.
 *
 * <p><b>Guarantee.</b> The whole table, totals included, is (epsilon, delta)-differentially private for
 * the neighbouring relation "add or remove all records of one privacy unit" (a person or household),
 * with each unit bounded to {@code maxPartitionsContributed} cells and {@code maxContributionsPerPartition}
 * records per cell (see {@link DpHistogram} for the bounding, the noise sensitivities and partition
 * selection). If categories are given for every group column, the table's cells are their cartesian
 * product, all published whatever the data (records outside the categories are dropped); otherwise cells
 * are chosen by private partition selection, which needs {@code delta > 0}.
 *
 * <p><b>Budget.</b> With {@link Totals#NONE} or {@link Totals#DERIVED_FROM_PUBLISHED} the cells' histogram
 * receives the whole (epsilon, delta); derived totals are post-processing and cost nothing. With
 * {@link Totals#INDEPENDENTLY_NOISED}, epsilon and delta are split equally among the cells, each one-way
 * marginal table (one per group column, when there are two or more columns) and the grand total, each a
 * separate {@link DpHistogram}. A marginal histogram bounds each unit to {@code maxPartitionsContributed}
 * marginal values and {@code maxPartitionsContributed * maxContributionsPerPartition} records per value;
 * the grand total to one key and {@code maxPartitionsContributed * maxContributionsPerPartition} records.
 * Inside each histogram the budget is split as {@link DpHistogram} documents.
 *
 * <p><b>Disclosure control, in this order, on noisy values only</b> (so it is post-processing and cannot
 * weaken the guarantee; suppression here is a presentation rule, not the protection):
 * <ol>
 *   <li><b>Suppression</b>: a row whose noisy count (before rounding) is below {@code minimumCount} is
 *       published as suppressed, with neither count nor sum. Published counts may round to just below the
 *       minimum (by less than half the base).</li>
 *   <li><b>Rounding</b>: counts to a multiple of {@code roundingBase}, sums to a multiple of
 *       {@code sumRoundingBase}, each to the nearest multiple with halves rounded up (towards positive
 *       infinity): {@code base * floor(x / base + 1/2)}.</li>
 *   <li><b>Totals</b>: see {@link Totals}. Derived totals add the published (rounded, unsuppressed) cells
 *       they cover, so they always agree with the table; suppression is then applied to them too.</li>
 * </ol>
 *
 * <p><b>Error bounds.</b> Each published count (sum) carries {@code ceil(h + base / 2)}, where h is the
 * half-width of the noise's exact (1 - alpha) confidence interval ({@link Noise#computeConfidenceInterval})
 * and base / 2 the largest rounding error: with probability at least 1 - alpha the published number is
 * within that bound of the true (bounded) count (sum) of the row. A derived total over m published cells
 * carries {@code ceil(m (h' + base / 2))} with h' the half-width at level alpha / K, K the number of cells
 * before suppression: by the union bound, all K cells are within h' of their truth at once with
 * probability at least 1 - alpha, so the bound holds for the true total of the cells the derived total
 * adds (suppressed cells are not in derived totals). Bounds describe the noise and rounding only; under
 * partition selection, cells kept are biased towards larger noisy counts.
 *
 * <p><b>CSV</b> ({@link #toCsv()}): RFC 4180 - comma-separated, CRLF after every record including the last,
 * a field is enclosed in double quotes when it holds a comma, a double quote, CR or LF, and a double quote
 * inside it is doubled. A header row names the group columns, then {@code count}, {@code count_error},
 * ({@code sum}, {@code sum_error} when the table has values) and {@code flags}. A suppressed row has
 * {@value #SUPPRESSED_MARKER} in its count and sum fields and empty error fields. {@code flags} lists
 * {@link ReleaseFlag#code()}s separated by {@code ;}. Totals hold the total label (default
 * {@code Total}) in the columns they sum over. Rows: cells (in category order, or sorted by their group
 * values when cells are selected privately), then marginal totals column by column, then the grand total.
 *
 * <p><b>Lifecycle.</b> Records in, then exactly one {@link #release()}; a second release, or adding records
 * after it, throws {@link IllegalStateException}; {@link #toCsv()} formats the released rows. Instead of
 * records and {@code release()}, cells noised elsewhere (e.g. on Spark) can be published once with
 * {@link #releaseNoisy(Map, NoiseIntervals)}: the same disclosure control on their values. Not
 * thread-safe.
 */
public final class ReleaseTable {

  /** The CSV marker of a suppressed value (the "confidential" symbol of UK official statistics). */
  public static final String SUPPRESSED_MARKER = "[c]";

  private static final List<String> RESERVED_COLUMNS =
      List.of("count", "count_error", "sum", "sum_error", "flags");
  private static final int MAX_CELLS = 1 << 24;

  /** The clamp interval of record values, when the table has sums. */
  private record ValueBounds(double lower, double upper) {}

  /**
   * The noise's confidence intervals of cells noised outside this table, for
   * {@link #releaseNoisy(Map, NoiseIntervals)}: as {@link DpHistogram#countConfidenceInterval} and
   * {@link DpHistogram#sumConfidenceInterval}, an interval that holds the true value with probability at least
   * {@code 1 - alpha} over the noise, for any alpha in (0, 1). The same for every cell of the table.
   */
  public interface NoiseIntervals {
    /** The interval of a cell's true count, given its noisy count. */
    ConfidenceInterval count(double noisyCount, double alpha);

    /** The interval of a cell's true sum, given its noisy sum; called only for tables with values. */
    ConfidenceInterval sum(double noisySum, double alpha);
  }

  /** How totals are produced. */
  public enum Totals {
    /** No totals. */
    NONE,
    /**
     * Marginal totals (for two or more group columns) and a grand total recomputed from the published
     * cells: consistent with the table, free of budget, flagged {@link ReleaseFlag#DERIVED_TOTAL}.
     */
    DERIVED_FROM_PUBLISHED,
    /**
     * Marginal totals and a grand total noised separately, each with its own share of the budget:
     * they include suppressed cells' data but do not add up to the published cells; flagged
     * {@link ReleaseFlag#INDEPENDENTLY_NOISED_TOTAL}.
     */
    INDEPENDENTLY_NOISED
  }

  private final List<String> columns;
  private final List<List<String>> categories;
  private final boolean withSum;
  private final long minimumCount;
  private final long roundingBase;
  private final long sumRoundingBase;
  private final double alpha;
  private final Totals totals;
  private final String totalLabel;
  private final DpHistogram<List<String>> cells;
  private final List<DpHistogram<List<String>>> marginals = new ArrayList<>();
  private final DpHistogram<List<String>> grandTotal;
  private List<ReleaseCell> released;
  private boolean hasRecords;

  private ReleaseTable(Builder b, List<List<String>> categories) {
    this.columns = List.copyOf(b.columns);
    this.categories = categories;
    this.withSum = b.valueBounds != null;
    this.minimumCount = b.minimumCount;
    this.roundingBase = b.roundingBase;
    this.sumRoundingBase = b.sumRoundingBase;
    this.alpha = b.alpha;
    this.totals = b.totals;
    this.totalLabel = b.totalLabel;
    boolean independent = totals == Totals.INDEPENDENTLY_NOISED;
    int marginalTables = independent && columns.size() >= 2 ? columns.size() : 0;
    int shares = independent ? 2 + marginalTables : 1;
    double epsilon = b.epsilon / shares;
    double delta = b.delta / shares;
    Noise noise = b.noise == null ? new LaplaceNoise() : b.noise;
    this.cells = histogram(b, noise, epsilon, delta, b.maxPartitions, b.maxContributions,
        categories == null ? null : product(categories));
    if (!independent) {
      this.grandTotal = null;
      return;
    }
    long perTotal = (long) b.maxPartitions * b.maxContributions;
    if (perTotal > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("`maxPartitionsContributed` * `maxContributionsPerPartition` must "
          + "be <= 2^31 - 1 for independently noised totals, was " + perTotal);
    }
    for (int j = 0; j < marginalTables; j++) {
      List<List<String>> keys = null;
      if (categories != null) {
        keys = new ArrayList<>();
        for (String value : categories.get(j)) {
          keys.add(marginalKey(j, value));
        }
      }
      marginals.add(histogram(b, noise, epsilon, delta, b.maxPartitions, (int) perTotal, keys));
    }
    this.grandTotal = histogram(b, noise, epsilon, delta, 1, (int) perTotal, List.of(grandKey()));
  }

  /** Returns a builder; {@code groupColumns} and {@code epsilon} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the group column names, in order. */
  public List<String> columns() {
    return columns;
  }

  /**
   * Adds a record of a table without values (no {@code valueBounds}).
   *
   * @param privacyUnitId the person or household the record belongs to
   * @param group one value per group column; none may equal the total label
   * @throws IllegalArgumentException if an argument is invalid, or the table has values
   * @throws IllegalStateException if the table has been released
   */
  public void addRecord(String privacyUnitId, List<String> group) {
    if (withSum) {
      throw new IllegalArgumentException("`value` is required: the table has `valueBounds`");
    }
    add(privacyUnitId, group, 0);
  }

  /**
   * Adds a record with a value, clamped into the table's {@code valueBounds}.
   *
   * @throws IllegalArgumentException if an argument is invalid or NaN, or the table has no value bounds
   * @throws IllegalStateException if the table has been released
   */
  public void addRecord(String privacyUnitId, List<String> group, double value) {
    if (!withSum) {
      throw new IllegalArgumentException("`value` must not be given: the table has no `valueBounds`");
    }
    if (Double.isNaN(value)) {
      throw PublishChecks.invalid("value", "a number", value);
    }
    add(privacyUnitId, group, value);
  }

  private void add(String privacyUnitId, List<String> group, double value) {
    if (released != null) {
      throw new IllegalStateException("the table was already released; records cannot be added");
    }
    PublishChecks.checkNotNull("privacyUnitId", privacyUnitId);
    PublishChecks.checkNotNull("group", group);
    if (group.size() != columns.size()) {
      throw PublishChecks.invalid("group", columns.size() + " values, one per group column",
          group.size() + " values");
    }
    for (String part : group) {
      if (part == null) {
        throw new IllegalArgumentException("`group` must not contain null");
      }
      if (part.equals(totalLabel)) {
        throw PublishChecks.invalid("group", "free of the total label \"" + totalLabel + "\"", group);
      }
    }
    List<String> key = List.copyOf(group);
    hasRecords = true;
    cells.addEntry(privacyUnitId, key, value);
    if (grandTotal != null) {
      for (int j = 0; j < marginals.size(); j++) {
        marginals.get(j).addEntry(privacyUnitId, marginalKey(j, key.get(j)), value);
      }
      grandTotal.addEntry(privacyUnitId, grandKey(), value);
    }
  }

  /**
   * Noises, selects, suppresses, rounds and totals the table: its one release.
   *
   * @return the published rows: cells, then marginal totals, then the grand total
   * @throws IllegalStateException if the table has already been released
   */
  public List<ReleaseCell> release() {
    if (released != null) {
      throw new IllegalStateException("the table was already released; a table is released once");
    }
    return publishAll(cells.computeResult(), intervalsOf(cells));
  }

  /**
   * Applies this table's disclosure control - suppression, rounding, derived totals and error bounds, as
   * documented on the class - to cells noised elsewhere (e.g. by another engine running the same
   * mechanisms), instead of {@link #release()}: this table's own noise and budget are not used. The privacy
   * guarantee is the one of whatever noised {@code noisyCells}; this step is post-processing and cannot
   * weaken it. It is this table's one release.
   *
   * @param noisyCells the released cells: one value per group column as key (none the total label); with
   *     categories, exactly their cartesian product; a sum in every cell when the table has value bounds
   * @param intervals the noise's confidence intervals of a cell's count and sum
   * @return the published rows: cells (in category order, or sorted by key), then derived totals
   * @throws IllegalArgumentException if a cell does not fit the table (as above), or the table's totals are
   *     {@link Totals#INDEPENDENTLY_NOISED} (they need the records)
   * @throws IllegalStateException if the table has already been released or records were added
   */
  public List<ReleaseCell> releaseNoisy(Map<List<String>, DpHistogram.Cell> noisyCells, NoiseIntervals intervals) {
    if (released != null) {
      throw new IllegalStateException("the table was already released; a table is released once");
    }
    if (hasRecords) {
      throw new IllegalStateException("records were added; release them with release()");
    }
    PublishChecks.checkNotNull("noisyCells", noisyCells);
    PublishChecks.checkNotNull("intervals", intervals);
    PublishChecks.require(totals != Totals.INDEPENDENTLY_NOISED, "totals", "NONE or DERIVED_FROM_PUBLISHED for "
        + "cells noised elsewhere", totals);
    for (Map.Entry<List<String>, DpHistogram.Cell> cell : noisyCells.entrySet()) {
      List<String> key = cell.getKey();
      PublishChecks.require(key != null && key.size() == columns.size()
          && key.stream().allMatch(part -> part != null && !part.equals(totalLabel)), "noisyCells", "keyed by " + columns.size() + " values, none null or \""
          + totalLabel + "\"", key);
      PublishChecks.require(!withSum || cell.getValue().sum().isPresent(), "noisyCells",
          "holding a sum in every cell", key);
    }
    Map<List<String>, DpHistogram.Cell> ordered = noisyCells;
    if (categories != null) {
      List<List<String>> product = product(categories);
      PublishChecks.require(noisyCells.keySet().equals(new LinkedHashSet<>(product)), "noisyCells",
          "exactly the categories' " + product.size() + " combinations", noisyCells.size() + " other cells");
      ordered = new LinkedHashMap<>();
      for (List<String> key : product) {
        ordered.put(key, noisyCells.get(key));
      }
    }
    return publishAll(ordered, intervals);
  }

  private List<ReleaseCell> publishAll(Map<List<String>, DpHistogram.Cell> noisy, NoiseIntervals intervals) {
    List<List<String>> keys = new ArrayList<>(noisy.keySet());
    if (categories == null) {
      keys.sort(ReleaseTable::compareKeys);
    }
    List<ReleaseCell> rows = new ArrayList<>();
    for (List<String> key : keys) {
      rows.add(publish(key, ReleaseCell.Kind.CELL, noisy.get(key), intervals, null));
    }
    if (totals == Totals.DERIVED_FROM_PUBLISHED) {
      rows.addAll(derivedTotals(rows, intervals));
    } else if (totals == Totals.INDEPENDENTLY_NOISED) {
      rows.addAll(independentTotals());
    }
    released = List.copyOf(rows);
    return released;
  }

  private static NoiseIntervals intervalsOf(DpHistogram<List<String>> histogram) {
    return new NoiseIntervals() {
      @Override
      public ConfidenceInterval count(double noisyCount, double alpha) {
        return histogram.countConfidenceInterval(noisyCount, alpha);
      }

      @Override
      public ConfidenceInterval sum(double noisySum, double alpha) {
        return histogram.sumConfidenceInterval(noisySum, alpha);
      }
    };
  }

  /**
   * Returns the released rows as CSV (see the class documentation for the format).
   *
   * @throws IllegalStateException if the table has not been released yet
   */
  public String toCsv() {
    if (released == null) {
      throw new IllegalStateException("the table has not been released yet; call release() first");
    }
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>(columns);
    header.addAll(withSum ? RESERVED_COLUMNS : List.of("count", "count_error", "flags"));
    writeRecord(csv, header);
    for (ReleaseCell row : released) {
      List<String> fields = new ArrayList<>(row.key());
      fields.add(format(row.count(), row.suppressed()));
      fields.add(format(row.countErrorBound(), false));
      if (withSum) {
        fields.add(format(row.sum(), row.suppressed()));
        fields.add(format(row.sumErrorBound(), false));
      }
      List<String> codes = new ArrayList<>();
      row.flags().forEach(flag -> codes.add(flag.code()));
      fields.add(String.join(";", codes));
      writeRecord(csv, fields);
    }
    return csv.toString();
  }

  private ReleaseCell publish(List<String> key, ReleaseCell.Kind kind, DpHistogram.Cell noisy,
      NoiseIntervals source, ReleaseFlag flag) {
    Set<ReleaseFlag> flags = EnumSet.noneOf(ReleaseFlag.class);
    if (flag != null) {
      flags.add(flag);
    }
    if (noisy.count() < minimumCount) {
      flags.add(ReleaseFlag.SUPPRESSED);
      OptionalLong none = OptionalLong.empty();
      return new ReleaseCell(key, kind, none, none, none, none, flags);
    }
    OptionalLong count = OptionalLong.of(roundToBase(noisy.count(), roundingBase));
    OptionalLong countError = OptionalLong.of(errorBound(
        halfWidth(source.count(noisy.count(), alpha)), roundingBase));
    OptionalLong sum = OptionalLong.empty();
    OptionalLong sumError = OptionalLong.empty();
    if (withSum) {
      double noisySum = noisy.sum().orElseThrow();
      sum = OptionalLong.of(roundToBase(noisySum, sumRoundingBase));
      sumError = OptionalLong.of(errorBound(
          halfWidth(source.sum(noisySum, alpha)), sumRoundingBase));
    }
    return new ReleaseCell(key, kind, count, countError, sum, sumError, flags);
  }

  private List<ReleaseCell> derivedTotals(List<ReleaseCell> cellRows, NoiseIntervals intervals) {
    int cellCount = cellRows.size();
    double countHalfWidth = 0;
    double sumHalfWidth = 0;
    if (cellCount > 0) {
      countHalfWidth = halfWidth(intervals.count(0, alpha / cellCount));
      sumHalfWidth = withSum ? halfWidth(intervals.sum(0, alpha / cellCount)) : 0;
    }
    List<ReleaseCell> rows = new ArrayList<>();
    if (columns.size() >= 2) {
      for (int j = 0; j < columns.size(); j++) {
        for (String value : marginalValues(j, cellRows)) {
          List<ReleaseCell> members = new ArrayList<>();
          for (ReleaseCell cell : cellRows) {
            if (cell.key().get(j).equals(value)) {
              members.add(cell);
            }
          }
          rows.add(derivedRow(marginalKey(j, value), ReleaseCell.Kind.MARGINAL_TOTAL, members,
              countHalfWidth, sumHalfWidth));
        }
      }
    }
    rows.add(derivedRow(grandKey(), ReleaseCell.Kind.GRAND_TOTAL, cellRows, countHalfWidth, sumHalfWidth));
    return rows;
  }

  private ReleaseCell derivedRow(List<String> key, ReleaseCell.Kind kind, List<ReleaseCell> members,
      double countHalfWidth, double sumHalfWidth) {
    long count = 0;
    long sum = 0;
    int published = 0;
    for (ReleaseCell member : members) {
      if (!member.suppressed()) {
        published++;
        count += member.count().orElseThrow();
        sum += withSum ? member.sum().orElseThrow() : 0;
      }
    }
    Set<ReleaseFlag> flags = EnumSet.of(ReleaseFlag.DERIVED_TOTAL);
    if (count < minimumCount) {
      flags.add(ReleaseFlag.SUPPRESSED);
      OptionalLong none = OptionalLong.empty();
      return new ReleaseCell(key, kind, none, none, none, none, flags);
    }
    OptionalLong countError =
        OptionalLong.of((long) Math.ceil(published * (countHalfWidth + roundingBase / 2.0)));
    OptionalLong sumError = withSum
        ? OptionalLong.of((long) Math.ceil(published * (sumHalfWidth + sumRoundingBase / 2.0)))
        : OptionalLong.empty();
    return new ReleaseCell(key, kind, OptionalLong.of(count), countError,
        withSum ? OptionalLong.of(sum) : OptionalLong.empty(), sumError, flags);
  }

  private List<ReleaseCell> independentTotals() {
    List<ReleaseCell> rows = new ArrayList<>();
    for (int j = 0; j < marginals.size(); j++) {
      DpHistogram<List<String>> marginal = marginals.get(j);
      Map<List<String>, DpHistogram.Cell> noisy = marginal.computeResult();
      List<List<String>> keys = new ArrayList<>(noisy.keySet());
      if (categories == null) {
        keys.sort(ReleaseTable::compareKeys);
      }
      for (List<String> key : keys) {
        rows.add(publish(key, ReleaseCell.Kind.MARGINAL_TOTAL, noisy.get(key), intervalsOf(marginal),
            ReleaseFlag.INDEPENDENTLY_NOISED_TOTAL));
      }
    }
    DpHistogram.Cell total = grandTotal.computeResult().get(grandKey());
    rows.add(publish(grandKey(), ReleaseCell.Kind.GRAND_TOTAL, total, intervalsOf(grandTotal),
        ReleaseFlag.INDEPENDENTLY_NOISED_TOTAL));
    return rows;
  }

  /** The values of column j that marginal totals are published for. */
  private Iterable<String> marginalValues(int j, List<ReleaseCell> cellRows) {
    if (categories != null) {
      return categories.get(j);
    }
    Set<String> values = new TreeSet<>();
    for (ReleaseCell cell : cellRows) {
      values.add(cell.key().get(j));
    }
    return values;
  }

  private List<String> marginalKey(int column, String value) {
    List<String> key = new ArrayList<>(Collections.nCopies(columns.size(), totalLabel));
    key.set(column, value);
    return List.copyOf(key);
  }

  private List<String> grandKey() {
    return Collections.nCopies(columns.size(), totalLabel);
  }

  private DpHistogram<List<String>> histogram(Builder b, Noise noise, double epsilon, double delta,
      int maxPartitions, int maxContributions, List<List<String>> publicKeys) {
    DpHistogram.Builder<List<String>> h = DpHistogram.<List<String>>builder().epsilon(epsilon).delta(delta)
        .noise(noise).maxPartitionsContributed(maxPartitions)
        .maxContributionsPerPartition(maxContributions).random(b.random);
    if (withSum) {
      h.lower(b.valueBounds.lower()).upper(b.valueBounds.upper());
    }
    if (publicKeys != null) {
      h.publicKeys(publicKeys);
    }
    return h.build();
  }

  /** The nearest multiple of {@code base}, halves rounded up: {@code base * floor(x / base + 1/2)}. */
  static long roundToBase(double x, long base) {
    return base * (long) Math.floor(x / base + 0.5);
  }

  private static long errorBound(double halfWidth, long base) {
    return (long) Math.ceil(halfWidth + base / 2.0);
  }

  private static double halfWidth(ConfidenceInterval interval) {
    return interval.width() / 2;
  }

  private static String format(OptionalLong value, boolean suppressed) {
    if (suppressed) {
      return SUPPRESSED_MARKER;
    }
    return value.isPresent() ? Long.toString(value.getAsLong()) : "";
  }

  private static void writeRecord(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      String field = fields.get(i);
      if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
          || field.indexOf('\n') >= 0) {
        csv.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        csv.append(field);
      }
    }
    csv.append("\r\n");
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** The cartesian product of the columns' categories, first column varying slowest. */
  private static List<List<String>> product(List<List<String>> categories) {
    List<List<String>> keys = List.of(List.of());
    for (List<String> values : categories) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : keys) {
        for (String value : values) {
          List<String> key = new ArrayList<>(prefix);
          key.add(value);
          next.add(List.copyOf(key));
        }
      }
      keys = next;
    }
    return keys;
  }

  /**
   * Parameters of a {@link ReleaseTable}. Each setter checks its argument at once and throws
   * {@link IllegalArgumentException} naming it; {@link #build()} checks that they fit together.
   */
  public static final class Builder {
    private List<String> columns;
    private final Map<String, List<String>> categories = new LinkedHashMap<>();
    private double epsilon = Double.NaN;
    private double delta;
    private Noise noise;
    private int maxPartitions = 1;
    private int maxContributions = 1;
    private ValueBounds valueBounds;
    private long minimumCount;
    private long roundingBase = 1;
    private long sumRoundingBase = 1;
    private double alpha = 0.05;
    private Totals totals = Totals.DERIVED_FROM_PUBLISHED;
    private String totalLabel = "Total";
    private RandomGenerator random = Randomness.secureNoiseSource();

    private Builder() {}

    /**
     * The group columns, in order; required. Names must be distinct, not blank, and not one of the
     * output columns {@code count}, {@code count_error}, {@code sum}, {@code sum_error}, {@code flags}.
     */
    public Builder groupColumns(String... names) {
      PublishChecks.checkNotNull("groupColumns", names);
      PublishChecks.require(names.length > 0, "groupColumns", "at least one column", "[]");
      Set<String> seen = new LinkedHashSet<>();
      for (String name : names) {
        PublishChecks.checkNotBlank("groupColumns", name);
        if (RESERVED_COLUMNS.contains(name) || !seen.add(name)) {
          throw PublishChecks.invalid("groupColumns", "distinct and not one of " + RESERVED_COLUMNS,
              List.of(names));
        }
      }
      this.columns = List.copyOf(seen);
      return this;
    }

    /**
     * The public categories of one group column (a published classification, fixed independently of the
     * data). Give them for every column or for none: with them the table is their cartesian product and no
     * budget goes to partition selection.
     */
    public Builder categories(String column, List<String> values) {
      PublishChecks.checkNotBlank("categories", column);
      PublishChecks.checkNotNull("categories", values);
      boolean hasNull = values.stream().anyMatch(value -> value == null);
      boolean distinct = new LinkedHashSet<>(values).size() == values.size();
      PublishChecks.require(!values.isEmpty() && !hasNull && distinct, "categories",
          "non-empty, distinct and free of null for \"" + column + "\"", values);
      categories.put(column, List.copyOf(values));
      return this;
    }

    /** Total epsilon of the table; required, finite and {@code > 0}. */
    public Builder epsilon(double epsilon) {
      PublishChecks.require(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY, "epsilon", "finite and > 0",
          epsilon);
      this.epsilon = epsilon;
      return this;
    }

    /** Total delta of the table, in [0, 1); default 0; must be {@code > 0} without categories. */
    public Builder delta(double delta) {
      PublishChecks.require(delta >= 0 && delta < 1, "delta", "in [0, 1)", delta);
      this.delta = delta;
      return this;
    }

    /** The noise mechanism; default a secure {@link LaplaceNoise}. */
    public Builder noise(Noise noise) {
      this.noise = PublishChecks.checkNotNull("noise", noise);
      return this;
    }

    /** The most cells one privacy unit contributes to, {@code >= 1}; default 1. */
    public Builder maxPartitionsContributed(int maxPartitions) {
      PublishChecks.require(maxPartitions >= 1, "maxPartitionsContributed", ">= 1", maxPartitions);
      this.maxPartitions = maxPartitions;
      return this;
    }

    /** The most records one privacy unit contributes to one cell, {@code >= 1}; default 1. */
    public Builder maxContributionsPerPartition(int maxContributions) {
      PublishChecks.require(maxContributions >= 1, "maxContributionsPerPartition", ">= 1", maxContributions);
      this.maxContributions = maxContributions;
      return this;
    }

    /** Clamp bounds of record values; setting them adds sums to the table. Finite, lower &lt; upper. */
    public Builder valueBounds(double lower, double upper) {
      PublishChecks.require(Double.isFinite(lower), "lower", "finite", lower);
      PublishChecks.require(Double.isFinite(upper), "upper", "finite", upper);
      PublishChecks.require(lower < upper, "upper", "> `lower` (" + lower + ")", upper);
      this.valueBounds = new ValueBounds(lower, upper);
      return this;
    }

    /** Rows whose noisy count is below this are suppressed; {@code >= 0}, default 0. */
    public Builder minimumCount(long minimumCount) {
      PublishChecks.require(minimumCount >= 0, "minimumCount", ">= 0", minimumCount);
      this.minimumCount = minimumCount;
      return this;
    }

    /** Counts are rounded to a multiple of this, {@code >= 1}; default 1. */
    public Builder roundingBase(long roundingBase) {
      PublishChecks.require(roundingBase >= 1, "roundingBase", ">= 1", roundingBase);
      this.roundingBase = roundingBase;
      return this;
    }

    /** Sums are rounded to a multiple of this, {@code >= 1}; default 1. */
    public Builder sumRoundingBase(long sumRoundingBase) {
      PublishChecks.require(sumRoundingBase >= 1, "sumRoundingBase", ">= 1", sumRoundingBase);
      this.sumRoundingBase = sumRoundingBase;
      return this;
    }

    /** Error bounds hold with probability at least 1 - alpha; alpha in (0, 1), default 0.05. */
    public Builder alpha(double alpha) {
      PublishChecks.require(alpha > 0 && alpha < 1, "alpha", "in (0, 1)", alpha);
      this.alpha = alpha;
      return this;
    }

    /** How totals are produced; default {@link Totals#DERIVED_FROM_PUBLISHED}. */
    public Builder totals(Totals totals) {
      this.totals = PublishChecks.checkNotNull("totals", totals);
      return this;
    }

    /** The label of total rows in the group columns, not blank; default {@code Total}. */
    public Builder totalLabel(String totalLabel) {
      this.totalLabel = PublishChecks.checkNotBlank("totalLabel", totalLabel);
      return this;
    }

    /**
     * The source for contribution sampling, partition selection and ordering. <b>For reproducible tests
     * only</b>: production tables keep the default, {@link Randomness#secureNoiseSource()}; pass a seeded
     * {@link Noise} as well.
     */
    public Builder random(RandomGenerator random) {
      this.random = PublishChecks.checkNotNull("random", random);
      return this;
    }

    /**
     * Returns a new, empty table.
     *
     * @throws IllegalArgumentException if {@code groupColumns} or {@code epsilon} is missing, categories
     *     name an unknown column, cover only some columns, contain the total label or multiply out to more
     *     than 2^24 cells, or the privacy parameters do not fit (e.g. {@code delta} 0 without categories)
     */
    public ReleaseTable build() {
      PublishChecks.require(columns != null, "groupColumns", "set", null);
      PublishChecks.require(!Double.isNaN(epsilon), "epsilon", "set", epsilon);
      List<List<String>> perColumn = null;
      if (!categories.isEmpty()) {
        for (String column : categories.keySet()) {
          if (!columns.contains(column)) {
            throw PublishChecks.invalid("categories", "for a group column " + columns, "\"" + column + "\"");
          }
        }
        perColumn = new ArrayList<>();
        long size = 1;
        for (String column : columns) {
          List<String> values = categories.get(column);
          if (values == null) {
            throw PublishChecks.invalid("categories", "given for every group column or none",
                "missing for \"" + column + "\"");
          }
          if (values.contains(totalLabel)) {
            throw PublishChecks.invalid("categories", "free of the total label \"" + totalLabel + "\"",
                values);
          }
          size = Math.min(size * values.size(), MAX_CELLS + 1L);
          perColumn.add(values);
        }
        if (size > MAX_CELLS) {
          throw PublishChecks.invalid("categories", "at most 2^24 cells in product", "more");
        }
      }
      return new ReleaseTable(this, perColumn == null ? null : List.copyOf(perColumn));
    }
  }
}
