package org.pet.dp.accounting;

import static org.pet.dp.accounting.AccountingChecks.checkNotNull;
import static org.pet.dp.accounting.AccountingChecks.checkOrder;

import java.util.Arrays;
import org.pet.dp.accounting.Mechanism.Gaussian;
import org.pet.dp.accounting.Mechanism.Laplace;

/**
 * Renyi DP accounting over a grid of orders (Mironov, "Renyi Differential Privacy", CSF 2017). At each
 * order a the Renyi divergences of the charged mechanisms add up (Proposition 1); a {@link Gaussian} has
 * rdp(a) = a (l2Sensitivity / sigma)^2 / 2, a {@link Laplace} the closed form of {@link
 * Laplace#rdp(double)} and a {@link Mechanism.PureDp} the randomized-response curve of {@link
 * Mechanism.PureDp#rdp(double)} (Table II). {@link #spent(double) spent(delta)} converts each order by {@link
 * RenyiDp#epsilon} (Canonne, Kamath and Steinke 2020, Proposition 12; Balle et al. 2020, Theorem 21),
 * never worse than Mironov's classical rdp(a) + ln(1/delta)/(a - 1), and takes the minimum over the grid.
 *
 * <p>The same charges also give the bounds of {@link ZcdpAccountant} (a rho-zCDP mechanism is (a, a
 * rho)-RDP for every a, so its continuous optimisation over a is an RDP bound too, and basic composition
 * of the pure-DP part); {@code spent} returns the smallest epsilon of all of them. So this accountant is
 * never worse than {@link ZcdpAccountant} on the same charges, nor than k epsilon for k pure epsilon-DP
 * charges, and for a composition of only pure charges {@code spent(0)} is (sum epsilon_i, 0). With
 * delta &gt; 0 the returned delta is the requested one.
 *
 * <p>Accepts {@link Laplace}, {@link Mechanism.PureDp} and {@link Gaussian}; rejects {@link
 * Mechanism.ApproximateDp}, whose bare (epsilon, delta) implies no Renyi bound. Thread-safe.
 */
public final class RdpAccountant extends LedgerAccountant<RdpAccountant.Curve> {

  private static final double[] DEFAULT_ORDERS = {
    1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 48, 64, 128, 256
  };

  /**
   * An accountant over the default orders 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32,
   * 48, 64, 128, 256.
   */
  public RdpAccountant() {
    this(DEFAULT_ORDERS);
  }

  /**
   * An accountant over the given orders (sorted, duplicates dropped).
   *
   * @throws IllegalArgumentException if {@code orders} is null or empty, or an order is NaN, infinite or
   *     {@code <= 1}
   */
  public RdpAccountant(double... orders) {
    super(Family.RENYI, Curve.empty(checkedOrders(orders)));
  }

  private static double[] checkedOrders(double[] orders) {
    checkNotNull("orders", orders);
    if (orders.length == 0) {
      throw new IllegalArgumentException("`orders` must be non-empty, was []");
    }
    for (double order : orders) {
      checkOrder("orders", order);
    }
    return Arrays.stream(orders).sorted().distinct().toArray();
  }

  /** The orders of the grid, ascending. */
  public double[] orders() {
    return ledger().orders().clone();
  }

  /** The total Renyi divergence bound at each of {@link #orders()}, in the same order (rounded up). */
  public double[] curve() {
    ExactLedgerSum[] divergences = ledger().divergences();
    double[] curve = new double[divergences.length];
    for (int i = 0; i < curve.length; i++) {
      curve[i] = divergences[i].value();
    }
    return curve;
  }

  /**
   * The zCDP totals of the same charges and the summed divergence at each order: each term rounded up,
   * the sums kept exactly. The arrays are never modified after construction.
   */
  record Curve(ZcdpAccountant.Totals zcdp, double[] orders, ExactLedgerSum[] divergences)
      implements LedgerAccountant.Ledger<Curve> {

    static Curve empty(double[] orders) {
      ExactLedgerSum[] zeros = new ExactLedgerSum[orders.length];
      Arrays.fill(zeros, ExactLedgerSum.ZERO);
      return new Curve(ZcdpAccountant.Totals.EMPTY, orders, zeros);
    }

    @Override
    public Curve plus(Mechanism mechanism, int times) {
      ExactLedgerSum[] next = new ExactLedgerSum[orders.length];
      for (int i = 0; i < orders.length; i++) {
        double added = mechanism instanceof Mechanism.Pure pure
            ? pure.rdp(orders[i])
            : ((Gaussian) mechanism).rdp(orders[i]);
        next[i] = divergences[i].plus(Upward.byUlps(added, Upward.TERM_ULPS), times);
      }
      return new Curve(zcdp.plus(mechanism, times), orders, next);
    }

    @Override
    public PrivacyBudget spentOrNull(double delta) {
      double epsilon = zcdp.epsilonAt(delta);
      if (delta > 0) {
        double logInverseDelta = -Math.log(delta);
        for (int i = 0; i < orders.length; i++) {
          double divergence = divergences[i].value();
          if (divergence < Double.POSITIVE_INFINITY) {
            epsilon = Math.min(epsilon, Upward.byUlps(RenyiDp.epsilonAt(orders[i], divergence, logInverseDelta),
                Upward.RESULT_ULPS));
          }
        }
      }
      return epsilon < Double.POSITIVE_INFINITY ? new PrivacyBudget(epsilon, delta) : null;
    }
  }
}
