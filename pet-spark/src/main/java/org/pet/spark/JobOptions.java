package org.pet.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pet.publish.ReleaseTable;

/**
 * The command line of {@link ReleaseJob}, parsed and checked without Spark: {@code --name value} pairs
 * mirroring {@code pet release}.
 *
 * @param input the Spark path of the input
 * @param format {@code csv} (with a header row) or {@code parquet}
 * @param output the Spark path of the output; must not exist
 * @param outputFormat the output's format
 * @param master the Spark master, or null to take it from {@code spark-submit}
 * @param table the table's parameters, checked
 */
record JobOptions(String input, String format, String output, ReleaseWriter.Format outputFormat, String master,
    SparkReleaseTable.Builder table) {

  /** A bad command line: the message to print before exiting with code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE = String.join("\n",
      "usage: spark-submit --class org.pet.spark.ReleaseJob pet-spark-job.jar --input PATH --group-by COL[,COL]",
      "         --epsilon E --output PATH [--format csv|parquet] [--output-format csv|parquet] [--unit COL]",
      "         [--value COL --lower L --upper U] [--delta D] [--categories COL=V1,V2 ...] [--min-cell N]",
      "         [--round-to B] [--sum-round-to B] [--max-groups-per-unit N] [--max-rows-per-group N]",
      "         [--totals none|derived] [--total-label TEXT] [--alpha A] [--master URL]");

  private static final Set<String> SINGLE = Set.of("--input", "--format", "--output", "--output-format", "--master",
      "--unit", "--group-by", "--value", "--lower", "--upper", "--epsilon", "--delta", "--min-cell", "--round-to",
      "--sum-round-to", "--max-groups-per-unit", "--max-rows-per-group", "--totals", "--total-label", "--alpha");

  /**
   * Parses and checks {@code args}.
   *
   * @throws UsageException naming the option, for any unknown, missing, repeated or invalid option
   */
  static JobOptions parse(String[] args) {
    Map<String, String> single = new HashMap<>();
    List<String> categories = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!SINGLE.contains(name) && !name.equals("--categories")) {
        throw new UsageException("unknown option " + name);
      }
      if (i + 1 >= args.length) {
        throw new UsageException(name + " needs a value");
      }
      if (name.equals("--categories")) {
        categories.add(args[i + 1]);
      } else if (single.put(name, args[i + 1]) != null) {
        throw new UsageException(name + " must be given once");
      }
    }
    String input = required(single, "--input");
    String output = required(single, "--output");
    String format = choice(single, "--format", "csv", "csv", "parquet");
    ReleaseWriter.Format outputFormat = ReleaseWriter.Format.valueOf(
        choice(single, "--output-format", "csv", "csv", "parquet").toUpperCase(Locale.ROOT));
    SparkReleaseTable.Builder table = SparkReleaseTable.builder();
    try {
      table.groupBy(required(single, "--group-by").split(",", -1))
          .epsilon(number(single, "--epsilon", null))
          .delta(number(single, "--delta", 0.0))
          .minimumCount(whole(single, "--min-cell", 0))
          .roundingBase(whole(single, "--round-to", 1))
          .sumRoundingBase(whole(single, "--sum-round-to", 1))
          .maxGroupsContributed((int) whole(single, "--max-groups-per-unit", 1))
          .maxContributionsPerGroup((int) whole(single, "--max-rows-per-group", 1))
          .alpha(number(single, "--alpha", 0.05))
          .totals(choice(single, "--totals", "derived", "none", "derived").equals("none")
              ? ReleaseTable.Totals.NONE : ReleaseTable.Totals.DERIVED_FROM_PUBLISHED);
      if (single.containsKey("--total-label")) {
        table.totalLabel(single.get("--total-label"));
      }
      if (single.containsKey("--unit")) {
        table.privacyUnit(single.get("--unit"));
      }
      boolean value = single.containsKey("--value");
      if (value != single.containsKey("--lower") || value != single.containsKey("--upper")) {
        throw new UsageException("--value, --lower and --upper go together: give all three or none");
      }
      if (value) {
        table.value(single.get("--value"), number(single, "--lower", null), number(single, "--upper", null));
      }
      for (String category : categories) {
        int equals = category.indexOf('=');
        if (equals <= 0) {
          throw new UsageException("--categories must look like COLUMN=VALUE1,VALUE2,..., was " + category);
        }
        table.categories(category.substring(0, equals), Arrays.asList(category.substring(equals + 1).split(",", -1)));
      }
      table.check();
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid table parameters: " + e.getMessage());
    }
    return new JobOptions(input, format, output, outputFormat, single.get("--master"), table);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException(name + " is required");
    }
    return value;
  }

  private static String choice(Map<String, String> options, String name, String fallback, String... allowed) {
    String value = options.getOrDefault(name, fallback);
    if (!Arrays.asList(allowed).contains(value)) {
      throw new UsageException(name + " must be one of " + String.join(", ", allowed) + ", was " + value);
    }
    return value;
  }

  private static double number(Map<String, String> options, String name, Double fallback) {
    String value = fallback == null ? required(options, name) : options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a number, was " + value);
    }
  }

  private static long whole(Map<String, String> options, String name, long fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
        throw new UsageException(name + " must be an integer up to 2^31 - 1, was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be an integer, was " + value);
    }
  }
}
