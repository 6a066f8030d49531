package org.pet.dp.accounting;

import static org.pet.dp.accounting.AccountingChecks.checkDelta;
import static org.pet.dp.accounting.AccountingChecks.checkNonNegative;
import static org.pet.dp.accounting.AccountingChecks.checkOrder;
import static org.pet.dp.accounting.AccountingChecks.checkPositive;
import static org.pet.dp.accounting.AccountingChecks.checkPositiveDelta;

/**
 * What one release cost, as a {@link PrivacyAccountant} charges it. All guarantees are for the same
 * neighbouring relation, the one the sensitivities were computed for.
 *
 * <table>
 *   <caption>Which accountant composes which mechanism</caption>
 *   <tr><th></th><th>{@link Laplace}</th><th>{@link PureDp}</th><th>{@link Gaussian}</th>
 *       <th>{@link ApproximateDp}</th></tr>
 *   <tr><td>{@link BasicAccountant}</td><td>yes</td><td>yes</td><td>no</td><td>yes</td></tr>
 *   <tr><td>{@link AdvancedCompositionAccountant}</td><td>yes</td><td>yes</td><td>no</td><td>yes</td></tr>
 *   <tr><td>{@link ZcdpAccountant}</td><td>yes</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link RdpAccountant}</td><td>yes</td><td>yes</td><td>yes</td><td>no</td></tr>
 * </table>
 *
 * <p>Composition of (epsilon, delta) guarantees needs each mechanism's (epsilon, delta); zCDP and Renyi DP
 * need a bound on its whole Renyi-divergence curve, which a bare (epsilon, delta) with delta &gt; 0 does not
 * give. A Gaussian is not one (epsilon, delta) pair but a curve of them: to charge it to an (epsilon,
 * delta) accountant, pick one point with {@link Gaussian#approximateDp(double)}.
 */
public sealed interface Mechanism {

  /** Same as {@code new Laplace(epsilon)}. */
  static Laplace laplace(double epsilon) {
    return new Laplace(epsilon);
  }

  /** Same as {@code new PureDp(epsilon)}. */
  static PureDp pureDp(double epsilon) {
    return new PureDp(epsilon);
  }

  /** Same as {@code new Gaussian(l2Sensitivity, sigma)}. */
  static Gaussian gaussian(double l2Sensitivity, double sigma) {
    return new Gaussian(l2Sensitivity, sigma);
  }

  /** Same as {@code new ApproximateDp(epsilon, delta)}. */
  static ApproximateDp approximateDp(double epsilon, double delta) {
    return new ApproximateDp(epsilon, delta);
  }

  /**
   * A pure epsilon-DP mechanism with a bound on its Renyi curve. Every pure epsilon-DP mechanism is
   * (epsilon^2 / 2)-zCDP (Bun and Steinke, TCC 2016, Proposition 1.4), that is, (a, a epsilon^2 / 2)-RDP
   * for every order a, and (a, epsilon)-RDP since the Renyi divergence never exceeds the max divergence.
   */
  sealed interface Pure extends Mechanism permits Laplace, PureDp {

    /** The epsilon of the pure epsilon-DP guarantee. */
    double epsilon();

    /**
     * An upper bound on the Renyi divergence of order {@code order} between the outputs on neighbouring
     * inputs, at most min(epsilon, order epsilon^2 / 2) (the result is capped at both, which only matters
     * for rounding):
     *
     * <ul>
     *   <li>{@link Laplace}: the divergence between Laplace(0, b) and Laplace(1, b) with b = 1 / epsilon
     *       (Mironov, "Renyi Differential Privacy", CSF 2017, Table II),
     *       {@code rdp(a) = 1/(a - 1) log( a/(2a - 1) exp((a - 1)/b) + (a - 1)/(2a - 1) exp(-a/b) )},
     *       evaluated without overflow as
     *       {@code epsilon + log1p((a - 1)/(2a - 1) expm1(-(2a - 1) epsilon)) / (a - 1)}; it increases to
     *       epsilon as a grows.
     *   <li>{@link PureDp}: binary randomized response (same table),
     *       {@code rdp(a) = 1/(a - 1) log( (e^(a epsilon) + e^((1 - a) epsilon)) / (e^epsilon + 1) )},
     *       evaluated as {@code epsilon + (log1p(e^(-(2a - 1) epsilon)) - log1p(e^(-epsilon))) / (a - 1)}.
     * </ul>
     *
     * @throws IllegalArgumentException if {@code order} is NaN, infinite or {@code <= 1}
     */
    default double rdp(double order) {
      checkOrder("order", order);
      double epsilon = epsilon();
      double tail = -(2 * order - 1) * epsilon;
      double logTerm = this instanceof Laplace
          ? Math.log1p((order - 1) / (2 * order - 1) * Math.expm1(tail))
          : Math.log1p(Math.exp(tail)) - Math.log1p(Math.exp(-epsilon));
      double exact = epsilon + logTerm / (order - 1);
      return Math.max(0, Math.min(exact, Math.min(epsilon, order * epsilon * epsilon / 2)));
    }

    /** (epsilon, 0). */
    default PrivacyBudget budget() {
      return PrivacyBudget.pure(epsilon());
    }

    /** The zCDP parameter epsilon^2 / 2 (Bun and Steinke 2016, Proposition 1.4). */
    default double rho() {
      return epsilon() * epsilon() / 2;
    }
  }

  /**
   * The (continuous) Laplace mechanism: noise of scale {@code sensitivity / epsilon} on a query of L1
   * sensitivity {@code sensitivity}; pure epsilon-DP (Dwork, McSherry, Nissim and Smith 2006) with
   * Mironov's closed-form Renyi curve ({@link #rdp(double)}). Only for Laplace noise itself: other
   * epsilon-DP mechanisms can have larger Renyi divergences. Snapped or discrete Laplace noise
   * ({@code LaplaceNoise}, {@code DiscreteLaplaceNoise}) is charged as {@link PureDp}.
   *
   * @param epsilon finite and {@code > 0}
   */
  record Laplace(double epsilon) implements Pure {

    /** @throws IllegalArgumentException if {@code epsilon} is NaN, infinite, zero or negative */
    public Laplace {
      checkPositive("epsilon", epsilon);
    }
  }

  /**
   * Any mechanism known only to be pure epsilon-DP, such as this project's snapped {@code LaplaceNoise}
   * and {@code DiscreteLaplaceNoise}. Its Renyi bound ({@link #rdp(double)}) is that of binary randomized
   * response with probability e^epsilon / (1 + e^epsilon) (Mironov 2017, Table II), the worst case: every
   * pair of output distributions that meets epsilon-DP is a post-processing of that pair (Kairouz, Oh and
   * Viswanath, ICML 2015), and Renyi divergence cannot grow under post-processing.
   *
   * @param epsilon finite and {@code > 0}
   */
  record PureDp(double epsilon) implements Pure {

    /** @throws IllegalArgumentException if {@code epsilon} is NaN, infinite, zero or negative */
    public PureDp {
      checkPositive("epsilon", epsilon);
    }
  }

  /**
   * Gaussian noise N(0, sigma^2) per coordinate on a query of L2 sensitivity {@code l2Sensitivity}: rho-zCDP
   * with rho = (l2Sensitivity / sigma)^2 / 2 (Bun and Steinke 2016, Proposition 1.6), that is, Renyi DP of
   * every order a with rdp(a) = a rho (Mironov, CSF 2017, Table II). The noise multiplier is
   * {@code sigma / l2Sensitivity}.
   *
   * @param l2Sensitivity finite and {@code > 0}
   * @param sigma finite and {@code > 0}, with {@code (l2Sensitivity / sigma)^2} finite
   */
  record Gaussian(double l2Sensitivity, double sigma) implements Mechanism {

    /**
     * @throws IllegalArgumentException if a parameter is NaN, infinite, zero or negative, or rho overflows
     */
    public Gaussian {
      checkPositive("l2Sensitivity", l2Sensitivity);
      checkPositive("sigma", sigma);
      double ratio = l2Sensitivity / sigma;
      if (!(ratio * ratio < Double.POSITIVE_INFINITY)) {
        throw AccountingChecks.invalid(
            "sigma", "large enough that (l2Sensitivity / sigma)^2 is finite", sigma);
      }
    }

    /**
     * Sensitivity 1 and noise standard deviation {@code noiseMultiplier}.
     *
     * @throws IllegalArgumentException if {@code noiseMultiplier} is NaN, infinite, zero or negative
     */
    public static Gaussian withNoiseMultiplier(double noiseMultiplier) {
      return new Gaussian(1, noiseMultiplier);
    }

    /** sigma / l2Sensitivity. */
    public double noiseMultiplier() {
      return sigma / l2Sensitivity;
    }

    /** The zCDP parameter (l2Sensitivity / sigma)^2 / 2. */
    public double rho() {
      double ratio = l2Sensitivity / sigma;
      return ratio * ratio / 2;
    }

    /**
     * The Renyi divergence of order {@code order}: {@code order * rho()}.
     *
     * @throws IllegalArgumentException if {@code order} is NaN, infinite or {@code <= 1}
     */
    public double rdp(double order) {
      return checkOrder("order", order) * rho();
    }

    /**
     * One (epsilon, delta) point of this mechanism's privacy curve, from its zCDP by the conversion of
     * {@link ZeroConcentratedDp#epsilon(double, double)}: valid, a little above the exact curve of Balle
     * and Wang (ICML 2018).
     *
     * @throws IllegalArgumentException if {@code delta} is not in (0, 1)
     */
    public ApproximateDp approximateDp(double delta) {
      checkPositiveDelta("delta", delta);
      return new ApproximateDp(ZeroConcentratedDp.epsilon(rho(), delta), delta);
    }
  }

  /**
   * A mechanism known only to be (epsilon, delta)-DP. Only (epsilon, delta) composition theorems apply:
   * {@link BasicAccountant} and {@link AdvancedCompositionAccountant} accept it, zCDP and Renyi accountants
   * reject it. A pure epsilon-DP mechanism is better described as {@link PureDp}, which every accountant
   * accepts.
   *
   * @param epsilon finite and {@code >= 0}
   * @param delta in [0, 1)
   */
  record ApproximateDp(double epsilon, double delta) implements Mechanism {

    /**
     * @throws IllegalArgumentException if {@code epsilon} is NaN, infinite or negative, or {@code delta}
     *     is outside [0, 1)
     */
    public ApproximateDp {
      checkNonNegative("epsilon", epsilon);
      checkDelta("delta", delta);
    }

    /** (epsilon, delta). */
    public PrivacyBudget budget() {
      return new PrivacyBudget(epsilon, delta);
    }
  }
}
