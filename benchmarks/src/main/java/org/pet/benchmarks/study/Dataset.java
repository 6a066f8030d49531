package org.pet.benchmarks.study;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded synthetic dataset of {@code size} privacy units, one record each: a value in [0, 100] (say,
 * days waited), skewed towards 0 as {@code 100 * u^1.5} for u uniform (mean 40, variance 900, median
 * about 35.4), and a key among {@value #KEYS} districts with Zipf weights 1/(k+1), so that small datasets
 * leave some districts with only a few units - the case partition selection exists for. Truths are
 * computed from the data itself, not from the distribution.
 *
 * @param size the number of units and records
 * @param values each unit's value
 * @param keys each unit's district, in [0, KEYS)
 * @param unitIds each unit's identifier
 * @param sum the sum of the values
 * @param mean the mean of the values
 * @param variance the population variance of the values
 * @param median the median of the values (mean of the two middle values for an even size)
 * @param keyCounts the number of units per district
 */
record Dataset(int size, double[] values, int[] keys, String[] unitIds, double sum, double mean, double variance,
    double median, long[] keyCounts) {

  /** The lowest and highest possible values: the aggregations' clamping bounds. */
  static final double LOWER = 0;
  static final double UPPER = 100;
  /** The number of districts. */
  static final int KEYS = 50;

  /** Generates the dataset of {@code size} units from {@code seed}. */
  static Dataset generate(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = new double[KEYS];
    double total = 0;
    for (int k = 0; k < KEYS; k++) {
      total += 1.0 / (k + 1);
      cumulative[k] = total;
    }
    double[] values = new double[size];
    int[] keys = new int[size];
    long[] keyCounts = new long[KEYS];
    for (int i = 0; i < size; i++) {
      values[i] = UPPER * Math.pow(random.nextDouble(), 1.5);
      int key = Arrays.binarySearch(cumulative, random.nextDouble(total));
      keys[i] = key >= 0 ? key : Math.min(KEYS - 1, -key - 1);
      keyCounts[keys[i]]++;
    }
    double sum = Arrays.stream(values).sum();
    double mean = sum / size;
    double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / size;
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double median = (sorted[(size - 1) / 2] + sorted[size / 2]) / 2;
    String[] unitIds = IntStream.range(0, size).mapToObj(i -> "unit-" + i).toArray(String[]::new);
    return new Dataset(size, values, keys, unitIds, sum, mean, variance, median, keyCounts);
  }
}
