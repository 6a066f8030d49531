package org.pet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link UnitSampler} on rows sorted as Spark sorts them for it - by (unit, h1, value) - with a deliberately
 * weak h1 (few distinct values) so that groups of one unit share blocks, which the sampler must still tell
 * apart.
 */
class UnitSamplerTest {

  /** One kept (unit, group) as the sink saw it. */
  private record Kept(String unit, String group, List<Double> values) {}

  /** Rows {@code [unit, group, value, h1, h2]}; {@code h1Buckets} distinct h1 values per unit. */
  private static Row row(String unit, String group, Double value, int h1Buckets) {
    long h1 = Math.floorMod((unit + "|" + group).hashCode(), h1Buckets);
    int h2 = (unit + "|" + group).hashCode();
    return RowFactory.create(unit, group, value, h1, h2);
  }

  /** Sorted as {@link ContributionBounding#sorted} sorts: unit, then h1, then value (nulls first). */
  private static final Comparator<Row> SPARK_ORDER = Comparator.<Row, String>comparing(r -> r.getString(0))
      .thenComparingLong(r -> r.getLong(3))
      .thenComparing(r -> r.isNullAt(2) ? null : r.getDouble(2), Comparator.nullsFirst(Comparator.naturalOrder()));

  private static List<Kept> sample(List<Row> rows, int l0, int lInf, byte keyByte) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(SPARK_ORDER);
    byte[] key = new byte[32];
    key[0] = keyByte;
    List<Kept> kept = new ArrayList<>();
    String[] unit = new String[1];
    UnitSampler sampler = new UnitSampler(1, 1, l0, lInf, SamplingPrf.withKeyForTesting(key),
        (group, values, count) -> {
          List<Double> list = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            list.add(values[i]);
          }
          Collections.sort(list);
          kept.add(new Kept(unit[0], (String) group.toRow().get(0), list));
        });
    for (Row row : sorted) {
      // The sink runs when a unit ends, i.e. while the next unit's first row is added: unit[0] still names
      // the previous row's unit then.
      sampler.add(row);
      unit[0] = row.getString(0);
    }
    sampler.finish();
    return kept;
  }

  /** Random claims: units with up to 6 groups and up to 12 rows per group, values with duplicates. */
  private static List<Row> claims(long seed, int units, int h1Buckets) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      int groups = 1 + random.nextInt(6);
      for (int g = 0; g < groups; g++) {
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
          Double value = random.nextInt(10) == 0 ? null : (double) random.nextInt(4);
          rows.add(row("u" + u, "g" + random.nextInt(8), value, h1Buckets));
        }
      }
    }
    return rows;
  }

  @Property(tries = 200)
  void keepsAtMostL0GroupsAndLinfRowsPerUnit_eachFromTheUnitsOwnRows(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int l0, @ForAll @IntRange(min = 1, max = 5) int lInf,
      @ForAll @IntRange(min = 1, max = 3) int h1Buckets) {
    List<Row> rows = claims(seed, 20, h1Buckets);
    Map<String, Map<String, List<Double>>> input = new HashMap<>();
    for (Row row : rows) {
      input.computeIfAbsent(row.getString(0), u -> new HashMap<>())
          .computeIfAbsent(row.getString(1), g -> new ArrayList<>())
          .add(row.isNullAt(2) ? Double.NaN : row.getDouble(2));
    }
    List<Kept> kept = sample(rows, l0, lInf, (byte) 1);

    Map<String, List<Kept>> byUnit = new HashMap<>();
    kept.forEach(k -> byUnit.computeIfAbsent(k.unit(), u -> new ArrayList<>()).add(k));
    assertThat(byUnit.keySet()).isEqualTo(input.keySet());
    byUnit.forEach((unit, groups) -> {
      Map<String, List<Double>> own = input.get(unit);
      assertThat(groups).as("groups of %s", unit).hasSize(Math.min(l0, own.size()));
      assertThat(groups.stream().map(Kept::group).distinct().count()).isEqualTo(groups.size());
      for (Kept k : groups) {
        List<Double> available = new ArrayList<>(own.get(k.group()));
        assertThat(k.values()).hasSize(Math.min(lInf, available.size()));
        for (double value : k.values()) {
          // A sub-multiset of the unit's own rows in that group (NaN for a missing value).
          int at = indexOf(available, value);
          assertThat(at).as("%s kept %s in %s", unit, value, k.group()).isGreaterThanOrEqualTo(0);
          available.remove(at);
        }
      }
    });
  }

  private static int indexOf(List<Double> values, double value) {
    for (int i = 0; i < values.size(); i++) {
      if (Double.compare(values.get(i), value) == 0) {
        return i;
      }
    }
    return -1;
  }

  @Property(tries = 100)
  void sample_isAFunctionOfTheRowsAndTheKey_notOfTheirOrderBeforeTheSort(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 3) int h1Buckets) {
    List<Row> rows = claims(seed, 15, h1Buckets);
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(seed + 1));
    // The sort is stable here, as Spark's need not be: shuffling first lets rows that tie on (unit, h1,
    // value) - the same value in groups that share a block - arrive in another order.
    assertThat(sorted(sample(shuffled, 2, 3, (byte) 5))).isEqualTo(sorted(sample(rows, 2, 3, (byte) 5)));
  }

  private static List<Kept> sorted(List<Kept> kept) {
    List<Kept> copy = new ArrayList<>(kept);
    copy.sort(Comparator.comparing(Kept::unit).thenComparing(Kept::group));
    return copy;
  }

  @Test
  void groupsSharingOneBlock_areChosenUniformly() {
    // Every group of every unit in one block (one h1 value): 6,000 units with rows in g0..g3 (1, 2, 5 and
    // 20 rows), L0 = 1. Uniform over groups: each ~ Binomial(6000, 1/4), mean 1500, sd 33.5; tolerance 6 sd.
    List<Row> rows = new ArrayList<>();
    int[] rowsPerGroup = {1, 2, 5, 20};
    for (int u = 0; u < 6000; u++) {
      for (int g = 0; g < 4; g++) {
        for (int i = 0; i < rowsPerGroup[g]; i++) {
          rows.add(row("u" + u, "g" + g, (double) i, 1));
        }
      }
    }
    Map<String, Integer> chosen = new HashMap<>();
    List<Kept> kept = sample(rows, 1, 1, (byte) 9);
    kept.forEach(k -> chosen.merge(k.group(), 1, Integer::sum));
    assertThat(kept).hasSize(6000);
    assertThat(chosen.values()).allSatisfy(n -> assertThat(n).isBetween(1500 - 201, 1500 + 201));
  }
}
