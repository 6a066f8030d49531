package org.pet.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Accountants never under-report: the totals they keep are at least the exact sums of the terms they
 * charge (with round-to-nearest additions, sums of many charges fall below the exact total), and what
 * they report is at least what the same formula gives in double arithmetic.
 */
class UpwardRoundingProperties {

  private static BigDecimal exactSum(List<Double> terms, int times) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double term : terms) {
      sum = sum.add(new BigDecimal(term).multiply(BigDecimal.valueOf(times)));
    }
    return sum;
  }

  @Property(tries = 300)
  void zcdpRho_isAtLeastTheExactSumOfTheChargedRhos(
      @ForAll @Size(min = 2, max = 60) List<@DoubleRange(min = 1e-4, max = 3) @net.jqwik.api.constraints.Scale(12) Double> epsilons,
      @ForAll @IntRange(min = 1, max = 7) int times) {
    ZcdpAccountant accountant = new ZcdpAccountant();
    List<Double> rhos = epsilons.stream().map(epsilon -> Mechanism.laplace(epsilon).rho()).toList();
    epsilons.forEach(epsilon -> accountant.charge(Mechanism.laplace(epsilon), times));
    assertThat(new BigDecimal(accountant.rho())).isGreaterThanOrEqualTo(exactSum(rhos, times));
  }

  @Property(tries = 200)
  void rdpCurve_isAtLeastTheExactSumOfTheChargedDivergences(
      @ForAll @Size(min = 2, max = 40) List<@DoubleRange(min = 0.5, max = 20) @net.jqwik.api.constraints.Scale(12) Double> sigmas) {
    RdpAccountant accountant = new RdpAccountant();
    sigmas.forEach(sigma -> accountant.charge(Mechanism.gaussian(1, sigma)));
    double[] orders = accountant.orders();
    double[] curve = accountant.curve();
    for (int i = 0; i < orders.length; i++) {
      int order = i;
      List<Double> terms = sigmas.stream().map(sigma -> Mechanism.gaussian(1, sigma).rdp(orders[order])).toList();
      assertThat(new BigDecimal(curve[i])).isGreaterThanOrEqualTo(exactSum(terms, 1));
    }
  }

  @Property(tries = 200)
  void advancedComposition_isNeverBelowItsDoubleEvaluation(
      @ForAll @Size(min = 2, max = 50) List<@DoubleRange(min = 1e-3, max = 1) @net.jqwik.api.constraints.Scale(12) Double> epsilons,
      @ForAll @DoubleRange(min = 1e-9, max = 1e-3) @net.jqwik.api.constraints.Scale(15) double delta) {
    AdvancedCompositionAccountant accountant = new AdvancedCompositionAccountant();
    BigDecimal tanh = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    BigDecimal basic = BigDecimal.ZERO;
    for (double epsilon : epsilons) {
      accountant.charge(Mechanism.laplace(epsilon));
      tanh = tanh.add(new BigDecimal(epsilon * Math.tanh(epsilon / 2)));
      squares = squares.add(new BigDecimal(epsilon).multiply(new BigDecimal(epsilon)));
      basic = basic.add(new BigDecimal(epsilon));
    }
    // The formula in doubles over sums rounded to nearest: what an accountant rounding nothing reports.
    double t = tanh.doubleValue();
    double q = squares.doubleValue();
    double nearest = Math.min(basic.doubleValue(), Math.min(t + Math.sqrt(2 * q * Math.log(Math.E + Math.sqrt(q) / delta)),
        t + Math.sqrt(2 * q * -Math.log(delta))));
    assertThat(accountant.spent(delta).epsilon()).isGreaterThanOrEqualTo(nearest);
  }
}
