package org.pet.dp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.pet.random.Randomness;

/**
 * A differentially private group-by: per key, a noisy count of contributions and, when value bounds are
 * given, a noisy sum of clamped values and the mean derived from both. Keys are released either from a
 * public list given up front or by private <b>partition selection</b>.
 *
 * <p><b>Guarantee.</b> The whole release (which keys appear, and every count, sum and mean) is
 * (epsilon, delta)-differentially private for the neighbouring relation "add or remove all records of
 * one privacy unit".
 *
 * <p><b>Contribution bounding.</b> Per privacy unit, at most {@code maxPartitionsContributed} (L0) of its
 * distinct keys are kept, chosen uniformly at random, and per kept key at most
 * {@code maxContributionsPerPartition} (Linf) of its values, chosen uniformly at random (reservoir
 * sampling while entries arrive). With public keys, entries whose key is not listed are discarded before
 * bounding, so a unit's L0 keys are drawn among listed keys only. Values are clamped into
 * [{@code lower}, {@code upper}]; with an integer-valued noise ({@link MechanismType#DISCRETE_LAPLACE},
 * {@link MechanismType#DISCRETE_GAUSSIAN}) the bounds must be integers and clamped values are rounded to
 * the nearest integer. Sums are accumulated exactly in 128-bit fixed point ({@link ExactSum}, the same
 * accumulator as {@link BoundedSum}) and rounded once, so they do not depend on the order of entries
 * (Casacuberta et al., "Widespread underestimation of sensitivity in differentially private
 * libraries", CCS 2022).
 *
 * <p><b>Sensitivities.</b> Count: {@code l0 = L0}, {@code lInf = Linf}. Sum: {@code l0 = L0},
 * {@code lInf = Linf * max(|lower|, |upper|)}. The mean is post-processing:
 * {@code clamp(noisySum / max(noisyCount, 1), lower, upper)}.
 *
 * <p><b>Partition selection</b> (no public keys; needs {@code delta > 0}), reported by
 * {@link #selectionStrategy()}; by default chosen from L0 as below, or set with
 * {@link Builder#partitionSelection} (which also compares their utility):
 * <ul>
 *   <li>{@link SelectionStrategy#OPTIMAL_KEEP_PROBABILITY}, default when L0 &lt;= 3: a partition with n
 *       distinct units is kept with the optimal probability pi(n) of Desfontaines, Voss, Gipson and
 *       Mandayam, "Differentially private partition selection" (PoPETs 2022, arXiv 2006.03684,
 *       Theorem 1), run per partition with (eps_sel / L0, delta_sel / L0) and composed over the unit's L0
 *       partitions. pi(1) = delta_sel / L0, so a partition only one unit could have created appears with
 *       probability at most that. Kept partitions release their noisy aggregates.</li>
 *   <li>{@link SelectionStrategy#NOISY_COUNT_THRESHOLD}, default when L0 &gt; 3 (where thresholding
 *       beats per-partition composition of the optimal mechanism): a partition is kept iff its noisy
 *       count exceeds {@code T = Linf + h}, h being the half-width of the noise's own
 *       (1 - delta_sel / L0) confidence interval for the count's parameters
 *       ({@link Noise#computeConfidenceInterval}). Derivation: a
 *       partition that exists only because of unit u holds at most Linf of u's contributions, so its noisy
 *       count exceeds {@code Linf + h} only if the noise moved it by more than h, which happens with
 *       probability at most delta_sel / L0 (no symmetry of the noise is assumed); u creates at most L0
 *       such partitions, so all of them stay hidden except with probability delta_sel. That part of the
 *       output is therefore within total variation delta_sel of "absent", i.e. (0, delta_sel)-DP, and
 *       basic composition with the (eps, delta) noise on the other partitions gives the total. For
 *       Laplace noise of scale b = L0 Linf / eps_count this is T ~ Linf + b ln(L0 / delta_sel); for
 *       Gaussian noise T ~ Linf + sigma Phi^-1(1 - delta_sel / (2 L0)).</li>
 * </ul>
 *
 * <p><b>Budget split</b> (fixed at {@link Builder#build()}). Epsilon is shared equally among the
 * mechanisms that spend it: the count, the sum (if bounds are given) and, with the optimal keep
 * probability, the selection. Delta is shared equally among those that use it: the selection or
 * threshold (no public keys) and the count and sum when the noise is Gaussian. For example, without
 * public keys, L0 = 1, bounds and Laplace noise: selection (eps/3, delta), count eps/3, sum eps/3; the
 * same with L0 = 5: count eps/2, sum eps/2, threshold delta. With public keys and Laplace noise the
 * release is pure eps-DP and delta is not spent.
 *
 * <p><b>Output.</b> With public keys, every listed key appears exactly once, in the list's order, with
 * noised zeros when absent from the data; an unlisted key never appears. Otherwise the kept keys appear in
 * a uniformly random order, so their order reveals nothing about the input. Noisy counts and sums may be
 * negative. Confidence intervals ({@link #countConfidenceInterval}) describe the noise only: under
 * partition selection, kept partitions are biased towards larger noisy counts.
 *
 * <p><b>Lifecycle.</b> One-shot: entries in, then exactly one {@link #computeResult()} or
 * {@link #computeCounts()}; a second computation, or adding entries after it, throws
 * {@link IllegalStateException}. Not thread-safe.
 *
 * @param <K> the key type; keys are compared with {@code equals}/{@code hashCode}
 */
public final class DpHistogram<K> {

  /** Largest L0 for which the optimal keep probability is used instead of a noisy-count threshold. */
  public static final int OPTIMAL_SELECTION_MAX_PARTITIONS = 3;

  /** How the released keys are chosen. */
  public enum SelectionStrategy {
    /** Keys come from the public list given to the builder; no selection budget is spent. */
    PUBLIC_KEYS,
    /** Each key is kept with the optimal probability for its number of units (L0 &lt;= 3). */
    OPTIMAL_KEEP_PROBABILITY,
    /** Keys whose noisy count exceeds a threshold derived from delta are kept (L0 &gt; 3). */
    NOISY_COUNT_THRESHOLD
  }

  /**
   * One input record.
   *
   * @param privacyUnitId the person or household the record belongs to; not null
   * @param key the partition (group) of the record; not null
   * @param value the record's value, ignored unless bounds are set; not NaN
   */
  public record Entry<K>(String privacyUnitId, K key, double value) {}

  /**
   * The released aggregates of one key.
   *
   * @param count the noisy number of contributions after bounding (may be negative)
   * @param sum the noisy sum of clamped values; empty unless bounds were set
   * @param mean {@code clamp(sum / max(count, 1), lower, upper)}; empty unless bounds were set
   */
  public record Cell(double count, OptionalDouble sum, OptionalDouble mean) {}

  /** How the budget is spent; fixed at build time. Deltas are null for pure-DP noise. */
  private record Plan(double countEpsilon, Double countDelta, double sumEpsilon, Double sumDelta,
      double selectionEpsilon, double selectionDelta, double threshold) {}

  private enum State { COLLECTING, RELEASED }

  private final double epsilon;
  private final double delta;
  private final Noise noise;
  private final int maxPartitions;
  private final int maxContributions;
  private final boolean bounded;
  private final double lower;
  private final double upper;
  private final boolean integerValues;
  private final Set<K> publicKeys;
  private final RandomGenerator random;
  private final SelectionStrategy strategy;
  private final Plan plan;
  private final Map<String, Map<K, Reservoir>> units = new LinkedHashMap<>();
  private State state = State.COLLECTING;

  private DpHistogram(Builder<K> b, Noise noise) {
    this.epsilon = b.epsilon;
    this.delta = b.delta;
    this.noise = noise;
    this.maxPartitions = b.maxPartitions;
    this.maxContributions = b.maxContributions;
    this.bounded = b.lower != null;
    this.lower = bounded ? b.lower : 0;
    this.upper = bounded ? b.upper : 0;
    this.integerValues = isIntegerNoise(noise);
    this.publicKeys =
        b.publicKeys == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.publicKeys));
    this.random = b.random;
    if (publicKeys != null) {
      strategy = SelectionStrategy.PUBLIC_KEYS;
    } else if (b.selection != null) {
      strategy = b.selection;
    } else if (maxPartitions <= OPTIMAL_SELECTION_MAX_PARTITIONS) {
      strategy = SelectionStrategy.OPTIMAL_KEEP_PROBABILITY;
    } else {
      strategy = SelectionStrategy.NOISY_COUNT_THRESHOLD;
    }
    this.plan = plan();
  }

  /** Returns a builder; {@code epsilon} is required. */
  public static <K> Builder<K> builder() {
    return new Builder<>();
  }

  /**
   * Adds one record.
   *
   * @throws IllegalArgumentException if {@code privacyUnitId} or {@code key} is null or {@code value} NaN
   * @throws IllegalStateException if the result has been computed
   */
  public void addEntry(String privacyUnitId, K key, double value) {
    checkCollecting();
    requireNonNull("privacyUnitId", privacyUnitId);
    requireNonNull("key", key);
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("`value` must not be NaN, was NaN");
    }
    if (publicKeys != null && !publicKeys.contains(key)) {
      return;
    }
    units.computeIfAbsent(privacyUnitId, id -> new LinkedHashMap<>())
        .computeIfAbsent(key, k -> new Reservoir(maxContributions))
        .offer(bounded ? clamp(value) : 0, random);
  }

  /**
   * Adds every record of {@code entries}, in iteration order.
   *
   * @throws IllegalArgumentException if {@code entries} or an entry is invalid (see {@link #addEntry})
   * @throws IllegalStateException if the result has been computed
   */
  public void addEntries(Iterable<Entry<K>> entries) {
    requireNonNull("entries", entries);
    for (Entry<K> entry : entries) {
      requireNonNull("entry", entry);
      addEntry(entry.privacyUnitId(), entry.key(), entry.value());
    }
  }

  /**
   * Releases the noisy aggregates of every selected key (see the class documentation).
   *
   * @return an unmodifiable map from key to cell, in release order
   * @throws IllegalStateException if a result has already been computed
   */
  public Map<K, Cell> computeResult() {
    return release(true);
  }

  /**
   * Releases only the noisy counts of every selected key, rounded to the nearest integer. The budget split
   * is the one fixed at build time: build without bounds to give the count the sum's share too.
   *
   * @return an unmodifiable map from key to rounded noisy count, in release order
   * @throws IllegalStateException if a result has already been computed
   */
  public Map<K, Long> computeCounts() {
    Map<K, Long> counts = new LinkedHashMap<>();
    release(false).forEach((key, cell) -> counts.put(key, Math.round(cell.count())));
    return Collections.unmodifiableMap(counts);
  }

  /**
   * Returns an interval that contains the true (bounded) count of a key with probability at least
   * {@code 1 - alpha} over the noise, given its released noisy count. It does not depend on the data and
   * spends no budget. Under partition selection it ignores the selection bias.
   *
   * @throws IllegalArgumentException if {@code alpha} is not in (0, 1) or {@code noisyCount} not finite
   */
  public ConfidenceInterval countConfidenceInterval(double noisyCount, double alpha) {
    return noise.computeConfidenceInterval(
        noisyCount, maxPartitions, maxContributions, plan.countEpsilon(), plan.countDelta(), alpha);
  }

  /**
   * As {@link #countConfidenceInterval} for a released noisy sum.
   *
   * @throws IllegalStateException if no bounds were set (there is no sum)
   * @throws IllegalArgumentException if {@code alpha} is not in (0, 1) or {@code noisySum} not finite
   */
  public ConfidenceInterval sumConfidenceInterval(double noisySum, double alpha) {
    if (!bounded) {
      throw new IllegalStateException("no sum is released: `lower` and `upper` were not set");
    }
    return noise.computeConfidenceInterval(
        noisySum, maxPartitions, sumSensitivity(), plan.sumEpsilon(), plan.sumDelta(), alpha);
  }

  /** Returns how keys are selected for release. */
  public SelectionStrategy selectionStrategy() {
    return strategy;
  }

  /**
   * Returns the noisy-count threshold a key must exceed under
   * {@link SelectionStrategy#NOISY_COUNT_THRESHOLD}, or NaN under the other strategies.
   */
  public double threshold() {
    return plan.threshold();
  }

  /**
   * Returns the probability that a key with {@code units} distinct privacy units (after bounding) is kept
   * under {@link SelectionStrategy#OPTIMAL_KEEP_PROBABILITY}, for this histogram's budget.
   *
   * @throws IllegalStateException under another strategy
   * @throws IllegalArgumentException if {@code units} is negative
   */
  public double keepProbability(long units) {
    if (strategy != SelectionStrategy.OPTIMAL_KEEP_PROBABILITY) {
      throw new IllegalStateException("keep probabilities apply to OPTIMAL_KEEP_PROBABILITY selection, not "
          + strategy);
    }
    return OptimalPartitionSelection.keepProbability(
        units, plan.selectionEpsilon() / maxPartitions, plan.selectionDelta() / maxPartitions);
  }

  private Map<K, Cell> release(boolean withSum) {
    checkCollecting();
    state = State.RELEASED;
    Map<K, Partition> partitions = boundContributions();
    units.clear();
    Map<K, Cell> cells = new LinkedHashMap<>();
    if (strategy == SelectionStrategy.PUBLIC_KEYS) {
      for (K key : publicKeys) {
        cells.put(key, noisyCell(partitions.getOrDefault(key, newPartition()), withSum));
      }
      return Collections.unmodifiableMap(cells);
    }
    List<K> kept = new ArrayList<>();
    for (Map.Entry<K, Partition> e : partitions.entrySet()) {
      Partition partition = e.getValue();
      if (strategy == SelectionStrategy.OPTIMAL_KEEP_PROBABILITY) {
        if (random.nextDouble() < keepProbability(partition.units)) {
          kept.add(e.getKey());
          cells.put(e.getKey(), noisyCell(partition, withSum));
        }
      } else {
        Cell cell = noisyCell(partition, withSum);
        if (cell.count() > plan.threshold()) {
          kept.add(e.getKey());
          cells.put(e.getKey(), cell);
        }
      }
    }
    shuffle(kept, kept.size(), random);
    Map<K, Cell> shuffled = new LinkedHashMap<>();
    for (K key : kept) {
      shuffled.put(key, cells.get(key));
    }
    return Collections.unmodifiableMap(shuffled);
  }

  /** Keeps at most L0 random keys per unit and merges the units' reservoirs per key. */
  private Map<K, Partition> boundContributions() {
    Map<K, Partition> partitions = new LinkedHashMap<>();
    for (Map<K, Reservoir> unitKeys : units.values()) {
      List<K> keys = new ArrayList<>(unitKeys.keySet());
      int keep = Math.min(maxPartitions, keys.size());
      shuffle(keys, keep, random);
      for (K key : keys.subList(0, keep)) {
        Reservoir reservoir = unitKeys.get(key);
        Partition partition = partitions.computeIfAbsent(key, k -> newPartition());
        partition.units++;
        partition.count += reservoir.size;
        if (bounded) {
          for (int i = 0; i < reservoir.size; i++) {
            partition.sum.add(reservoir.values[i]);
          }
        }
      }
    }
    return partitions;
  }

  private Cell noisyCell(Partition partition, boolean withSum) {
    double count = noise.addNoise((double) partition.count, maxPartitions, (double) maxContributions,
        plan.countEpsilon(), plan.countDelta());
    if (!withSum || !bounded) {
      return new Cell(count, OptionalDouble.empty(), OptionalDouble.empty());
    }
    double sum = noise.addNoise(partition.sum.value(), maxPartitions, sumSensitivity(),
        plan.sumEpsilon(), plan.sumDelta());
    double mean = Math.min(upper, Math.max(lower, sum / Math.max(count, 1)));
    return new Cell(count, OptionalDouble.of(sum), OptionalDouble.of(mean));
  }

  private Plan plan() {
    boolean approximate = !noise.isPure();
    int epsilonShares = (bounded ? 2 : 1)
        + (strategy == SelectionStrategy.OPTIMAL_KEEP_PROBABILITY ? 1 : 0);
    int deltaShares = (strategy == SelectionStrategy.PUBLIC_KEYS ? 0 : 1)
        + (approximate ? (bounded ? 2 : 1) : 0);
    double share = epsilon / epsilonShares;
    double deltaShare = deltaShares == 0 ? 0 : delta / deltaShares;
    Double noiseDelta = approximate ? deltaShare : null;
    double selectionEpsilon = strategy == SelectionStrategy.OPTIMAL_KEEP_PROBABILITY ? share : 0;
    double selectionDelta = strategy == SelectionStrategy.PUBLIC_KEYS ? 0 : deltaShare;
    // Validates the noise parameters now rather than at release time, and that no released value or its
    // noise can overflow (the rule stated on AggregationParameters).
    new NoisedValue("the count", "1", 1, noise, maxPartitions, maxContributions, share, noiseDelta);
    if (bounded) {
      new NoisedValue("the sum", "max(|lower|, |upper|)", maxMagnitude(), noise, maxPartitions, maxContributions,
          share, noiseDelta);
    }
    double threshold = Double.NaN;
    if (strategy == SelectionStrategy.NOISY_COUNT_THRESHOLD) {
      ConfidenceInterval interval = noise.computeConfidenceInterval(
          0.0, maxPartitions, maxContributions, share, noiseDelta, selectionDelta / maxPartitions);
      threshold = maxContributions + interval.upperBound();
    }
    return new Plan(share, noiseDelta, bounded ? share : 0, bounded ? noiseDelta : null,
        selectionEpsilon, selectionDelta, threshold);
  }

  private Partition newPartition() {
    return new Partition(bounded ? new ExactSum(maxMagnitude()) : null);
  }

  private double maxMagnitude() {
    return Math.max(Math.abs(lower), Math.abs(upper));
  }

  private double sumSensitivity() {
    return maxContributions * maxMagnitude();
  }

  private double clamp(double value) {
    double clamped = Math.min(upper, Math.max(lower, value));
    return integerValues ? Math.rint(clamped) : clamped;
  }

  private void checkCollecting() {
    if (state != State.COLLECTING) {
      throw new IllegalStateException("the result was already computed; a histogram is released once");
    }
  }

  /** Moves a uniformly random {@code count}-subset of {@code list} to its front, in random order. */
  private static <T> void shuffle(List<T> list, int count, RandomGenerator random) {
    for (int i = 0; i < count; i++) {
      Collections.swap(list, i, i + random.nextInt(list.size() - i));
    }
  }

  private static boolean isIntegerNoise(Noise noise) {
    MechanismType type = noise.getMechanismType();
    return type == MechanismType.DISCRETE_LAPLACE || type == MechanismType.DISCRETE_GAUSSIAN;
  }

  private static void requireNonNull(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("`" + name + "` must not be null");
    }
  }

  /** The bounded contributions to one key. */
  private static final class Partition {
    long units;
    long count;
    /** The exact sum of clamped values; null without bounds. */
    final ExactSum sum;

    Partition(ExactSum sum) {
      this.sum = sum;
    }
  }

  /**
   * A uniform sample without replacement of at most {@code capacity} values from those offered
   * (Vitter's algorithm R); the array grows on demand so a large Linf costs memory only when used.
   */
  private static final class Reservoir {
    private final int capacity;
    private double[] values = new double[1];
    private int size;
    private long seen;

    Reservoir(int capacity) {
      this.capacity = capacity;
    }

    void offer(double value, RandomGenerator random) {
      seen++;
      if (size < capacity) {
        if (size == values.length) {
          values = Arrays.copyOf(values, (int) Math.min(capacity, 2L * values.length));
        }
        values[size++] = value;
        return;
      }
      long slot = random.nextLong(seen);
      if (slot < capacity) {
        values[(int) slot] = value;
      }
    }
  }

  /**
   * Parameters of a {@link DpHistogram}. Each setter checks its argument at once; {@link #build()} checks
   * that the parameters fit together.
   */
  public static final class Builder<K> {
    private double epsilon = Double.NaN;
    private double delta;
    private Noise noise;
    private int maxPartitions = 1;
    private int maxContributions = 1;
    private Double lower;
    private Double upper;
    private LinkedHashSet<K> publicKeys;
    private RandomGenerator random = Randomness.secureNoiseSource();
    private SelectionStrategy selection;

    private Builder() {}

    /** Total epsilon of the release; required, finite and {@code > 0}. */
    public Builder<K> epsilon(double epsilon) {
      this.epsilon = DpChecks.checkEpsilon(epsilon);
      return this;
    }

    /**
     * Total delta of the release, in [0, 1); default 0. Must be {@code > 0} without public keys (partition
     * selection) and with Gaussian noise.
     */
    public Builder<K> delta(double delta) {
      if (!(delta >= 0 && delta < 1)) {
        throw DpChecks.invalid("delta", "in [0, 1)", delta);
      }
      this.delta = delta;
      return this;
    }

    /** The noise mechanism; default a secure {@link LaplaceNoise}. */
    public Builder<K> noise(Noise noise) {
      requireNonNull("noise", noise);
      this.noise = noise;
      return this;
    }

    /** L0: the most keys one privacy unit contributes to, {@code >= 1}; default 1. */
    public Builder<K> maxPartitionsContributed(int maxPartitions) {
      this.maxPartitions = (int) DpChecks.checkAtLeastOne("maxPartitionsContributed", maxPartitions);
      return this;
    }

    /** Linf: the most records one privacy unit contributes to one key, {@code >= 1}; default 1. */
    public Builder<K> maxContributionsPerPartition(int maxContributions) {
      this.maxContributions =
          (int) DpChecks.checkAtLeastOne("maxContributionsPerPartition", maxContributions);
      return this;
    }

    /** Lower clamp bound of values, finite; set together with {@link #upper} to release sums. */
    public Builder<K> lower(double lower) {
      this.lower = DpChecks.checkFinite("lower", lower);
      return this;
    }

    /** Upper clamp bound of values, finite and {@code > lower}; set together with {@link #lower}. */
    public Builder<K> upper(double upper) {
      this.upper = DpChecks.checkFinite("upper", upper);
      return this;
    }

    /**
     * Keys fixed in advance, independently of the data (e.g. a published classification): exactly these
     * are released, and no budget is spent on selection. Duplicates are ignored; order is kept.
     */
    public Builder<K> publicKeys(Collection<K> keys) {
      requireNonNull("publicKeys", keys);
      LinkedHashSet<K> copy = new LinkedHashSet<>();
      for (K key : keys) {
        if (key == null) {
          throw new IllegalArgumentException("`publicKeys` must not contain null");
        }
        copy.add(key);
      }
      this.publicKeys = copy;
      return this;
    }

    /**
     * Overrides the default partition selection (the optimal keep probability for L0 &lt;= 3, else the
     * noisy-count threshold). Either is (eps, delta)-DP; they differ in utility. The threshold spends no
     * epsilon of its own (it reuses the released noisy count), so when counts are released anyway it
     * usually keeps more keys and leaves the count less noisy: at eps = 1, delta = 1e-5, L0 = Linf = 1,
     * counts only, a key is kept with probability 1/2 from about 13 units by the threshold against about
     * 21 by the optimal mechanism, whose selection gets eps / 2. The optimal mechanism is the best possible
     * decision from the unit count alone (optimal for L0 = 1), independent of the aggregation noise.
     *
     * @param selection {@link SelectionStrategy#OPTIMAL_KEEP_PROBABILITY} or
     *     {@link SelectionStrategy#NOISY_COUNT_THRESHOLD}; not to be combined with {@link #publicKeys}
     */
    public Builder<K> partitionSelection(SelectionStrategy selection) {
      requireNonNull("partitionSelection", selection);
      if (selection == SelectionStrategy.PUBLIC_KEYS) {
        throw new IllegalArgumentException(
            "`partitionSelection` must be a private strategy, was PUBLIC_KEYS; use publicKeys(...) instead");
      }
      this.selection = selection;
      return this;
    }

    /**
     * The source for contribution sampling, selection coins and output order. <b>For reproducible tests
     * only</b>: production releases must keep the default, {@link Randomness#secureNoiseSource()}. (The
     * noise draws from its own source; pass a seeded {@link Noise} as well.)
     */
    public Builder<K> random(RandomGenerator random) {
      requireNonNull("random", random);
      this.random = random;
      return this;
    }

    /**
     * Returns a new, empty histogram with these parameters.
     *
     * @throws IllegalArgumentException if {@code epsilon} is missing, only one of {@code lower} and
     *     {@code upper} is set, {@code lower >= upper}, {@code delta} is 0 where it is needed, the bounds
     *     are not integers for an integer-valued noise, or the noise rejects its parameters or a noisy count
     *     or sum could overflow (the rule stated on {@link AggregationParameters})
     */
    public DpHistogram<K> build() {
      DpChecks.checkEpsilon(epsilon);
      if ((lower == null) != (upper == null)) {
        String missing = lower == null ? "lower" : "upper";
        throw new IllegalArgumentException(
            "`" + missing + "` must be set when `" + (lower == null ? "upper" : "lower") + "` is");
      }
      Noise chosen = noise == null ? new LaplaceNoise() : noise;
      if (lower != null) {
        if (!(lower < upper)) {
          throw DpChecks.invalid("upper", "> `lower` (" + lower + ")", upper);
        }
        if (isIntegerNoise(chosen)) {
          DpChecks.checkInteger("lower", lower);
          DpChecks.checkInteger("upper", upper);
        }
      }
      if (!chosen.isPure() && delta == 0) {
        throw new IllegalArgumentException(
            "`delta` must be > 0 for " + chosen.getMechanismType() + " noise, was 0.0");
      }
      if (publicKeys != null && selection != null) {
        throw new IllegalArgumentException(
            "`partitionSelection` must not be set together with `publicKeys`, was " + selection);
      }
      if (publicKeys == null && delta == 0) {
        throw new IllegalArgumentException(
            "`delta` must be > 0 for private partition selection (no public keys given), was 0.0");
      }
      return new DpHistogram<>(this, chosen);
    }
  }
}
