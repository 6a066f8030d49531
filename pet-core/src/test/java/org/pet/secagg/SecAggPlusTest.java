package org.pet.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * SecAgg+'s recommended degree and threshold meet the stated bounds, checked against exact hypergeometric
 * tails in rational arithmetic, and are the smallest degree that does; the bound on colluding neighbours
 * holds for random relabellings.
 */
class SecAggPlusTest {

  private static final BigDecimal SECURITY = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(SecAggPlus.SIGMA));
  private static final BigDecimal CORRECTNESS = BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(SecAggPlus.ETA));

  /** P[X &gt;= x] for X ~ H(population, successes, draws), exactly. */
  private static BigDecimal upperTail(int population, int successes, int draws, int x) {
    BigInteger favourable = BigInteger.ZERO;
    for (int j = Math.max(x, 0); j <= Math.min(successes, draws); j++) {
      if (draws - j <= population - successes) {
        favourable = favourable.add(choose(successes, j).multiply(choose(population - successes, draws - j)));
      }
    }
    return new BigDecimal(favourable).divide(new BigDecimal(choose(population, draws)), MathContext.DECIMAL128);
  }

  private static BigInteger choose(int n, int k) {
    BigInteger result = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return result;
  }

  private static boolean secure(int n, int k, int c, int t) {
    return upperTail(n - 1, c, k, t).multiply(BigDecimal.valueOf(n - c)).compareTo(SECURITY) <= 0;
  }

  private static boolean correct(int n, int k, int d, int t) {
    return upperTail(n - 1, d, k, k - t + 1).multiply(BigDecimal.valueOf(n)).compareTo(CORRECTNESS) <= 0;
  }

  @Property(tries = 40)
  void recommend_meetsBothBoundsExactly_andNoSmallerDegreeDoes(@ForAll @IntRange(min = 10, max = 160) int n,
      @ForAll @DoubleRange(min = 0, max = 0.3) double dropoutRate,
      @ForAll @DoubleRange(min = 0, max = 0.34) double corruptedFraction) {
    int c = (int) Math.floor(corruptedFraction * n);
    int d = (int) Math.floor(dropoutRate * n);
    SecAggPlus.Recommendation recommendation;
    try {
      recommendation = SecAggPlus.recommend(n, dropoutRate, corruptedFraction);
    } catch (IllegalArgumentException e) {
      assertThat(n - d).as("only refused when no complete-graph threshold exists").isLessThanOrEqualTo(Math.max(c, 1));
      return;
    }
    int k = recommendation.neighbours();
    int t = recommendation.threshold();
    if (k == n - 1) {
      assertThat(t).isEqualTo(n - d).isGreaterThan(c);
    } else {
      assertThat(k % 2).isZero();
      assertThat(t).isBetween(2, k + 1);
      assertThat(secure(n, k, c, t)).as("security bound for k = %d, t = %d", k, t).isTrue();
      assertThat(correct(n, k, d, t)).as("correctness bound for k = %d, t = %d", k, t).isTrue();
      assertThat(correct(n, k, d, t + 1)).as("t is the largest correct threshold").isFalse();
      assertThat(SecAggPlus.neighbourhoodColluders(n, k, c)).isLessThan(t);
    }
    for (int smaller = 2; smaller < Math.min(k, n - 1); smaller += 2) {
      boolean some = false;
      for (int threshold = 2; threshold <= smaller + 1 && !some; threshold++) {
        some = secure(n, smaller, c, threshold) && correct(n, smaller, d, threshold);
      }
      assertThat(some).as("no smaller degree %d works", smaller).isFalse();
    }
  }

  @Property(tries = 40)
  void neighbourhoodColluders_isTheExactTailQuantile(@ForAll @IntRange(min = 5, max = 200) int n,
      @ForAll @IntRange(min = 1, max = 80) int halfK, @ForAll @IntRange(min = 0, max = 199) int colluders) {
    int k = 2 * halfK;
    int c = Math.min(colluders, n - 1);
    int b = SecAggPlus.neighbourhoodColluders(n, k, c);
    if (k >= n - 1) {
      assertThat(b).isEqualTo(c);
      return;
    }
    assertThat(secure(n, k, c, b + 1)).isTrue();
    if (b > 0) {
      assertThat(secure(n, k, c, b)).as("b is the smallest such bound").isFalse();
    }
  }

  @Test
  void recommend_protectingMoreSurvivors_needsMoreNeighbours() {
    SecAggPlus.Recommendation least = SecAggPlus.recommend(500, 0.1, 1.0 / 3);
    SecAggPlus.Recommendation fifty = SecAggPlus.recommend(500, 0.1, 1.0 / 3, 50);
    int c = 500 / 3;
    assertThat(least.threshold() - SecAggPlus.neighbourhoodColluders(500, least.neighbours(), c)).isGreaterThanOrEqualTo(1);
    assertThat(fifty.threshold() - SecAggPlus.neighbourhoodColluders(500, fifty.neighbours(), c)).isGreaterThanOrEqualTo(50);
    assertThat(fifty.neighbours()).isGreaterThan(least.neighbours());
    assertThat(least.neighbours()).as("O(log n): far below n").isLessThan(500 / 4);
  }

  /** The settings quoted in README.md, docs/PROTOCOL.md 4.2 and docs/CLI.md. */
  @Test
  void recommend_documentedSettings() {
    assertThat(SecAggPlus.recommend(500, 0.1, 1.0 / 3)).isEqualTo(new SecAggPlus.Recommendation(96, 66));
    assertThat(SecAggPlus.recommend(500, 0.1, 0.1)).isEqualTo(new SecAggPlus.Recommendation(46, 25));
    assertThat(SecAggPlus.recommend(1000, 0.1, 1.0 / 3)).isEqualTo(new SecAggPlus.Recommendation(114, 78));
    assertThat(SecAggPlus.neighbourhoodColluders(500, 96, 166)).isEqualTo(65);
    // README: the recommended round with the builder's default colluders protects groups of t - b = 1.
    SecAggParameters round = SecAggParameters.builder().roundId("readme")
        .participants(IntStream.range(0, 500).mapToObj(i -> "agency-" + i).toList()).threshold(66).neighbours(96)
        .vectorLength(20).build();
    assertThat(round.toleratedColluders()).isEqualTo(166);
    assertThat(round.protectedSurvivors()).isEqualTo(1);
    SecAggPlus.Recommendation twenty = SecAggPlus.recommend(500, 0.1, 1.0 / 3, 20);
    assertThat(twenty.threshold() - SecAggPlus.neighbourhoodColluders(500, twenty.neighbours(), 166))
        .isGreaterThanOrEqualTo(20);
  }

  @Test
  void recommend_refusesImpossibleOrMalformedRequests() {
    assertThatThrownBy(() -> SecAggPlus.recommend(2, 0.1, 0.1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`participants`");
    assertThatThrownBy(() -> SecAggPlus.recommend(100, 1.0, 0.1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`dropoutRate`");
    assertThatThrownBy(() -> SecAggPlus.recommend(100, 0.1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecAggPlus.recommend(100, 0.6, 0.45)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no threshold tolerates");
    assertThatThrownBy(() -> SecAggPlus.recommend(100, 0.1, 0.1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Over random round ids (seeded), no honest participant's neighbourhood ever holds more than b of the c
   * colluders (probability at most 2^-40 per round), and the count in one neighbourhood has the
   * hypergeometric mean c k / (n - 1): within 4 standard errors over 400 rounds.
   */
  @Test
  void colludingNeighbours_stayWithinTheBound_overRandomRelabellings() {
    int n = 150;
    int c = 50;
    SecAggPlus.Recommendation recommendation = SecAggPlus.recommend(n, 0.1, (double) c / n);
    int k = recommendation.neighbours();
    int b = SecAggPlus.neighbourhoodColluders(n, k, c);
    List<String> ids = IntStream.range(0, n).mapToObj(i -> "agency-" + i).toList();
    SplittableRandom random = new SplittableRandom(2026);
    int rounds = 400;
    double sum = 0;
    double sumOfSquares = 0;
    int worst = 0;
    for (int round = 0; round < rounds; round++) {
      Set<String> colluding = new HashSet<>();
      while (colluding.size() < c) {
        colluding.add(ids.get(random.nextInt(n)));
      }
      CommunicationGraph graph = CommunicationGraph.harary(ids, k, "round-" + random.nextLong());
      for (String id : ids) {
        if (!colluding.contains(id)) {
          int count = (int) graph.neighbours(id).stream().filter(colluding::contains).count();
          worst = Math.max(worst, count);
        }
      }
      // One honest participant, chosen from the colluding set alone (so independently of the graph).
      String observed = ids.stream().filter(id -> !colluding.contains(id)).findFirst().orElseThrow();
      long count = graph.neighbours(observed).stream().filter(colluding::contains).count();
      sum += count;
      sumOfSquares += (double) count * count;
    }
    assertThat(worst).isLessThanOrEqualTo(b);
    double mean = sum / rounds;
    double variance = sumOfSquares / rounds - mean * mean;
    double expected = (double) c * k / (n - 1);
    assertThat(mean).isCloseTo(expected, offset(4 * Math.sqrt(variance / rounds)));
  }
}
