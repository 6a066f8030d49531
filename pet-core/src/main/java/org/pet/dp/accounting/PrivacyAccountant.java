package org.pet.dp.accounting;

/**
 * Tracks the privacy spent by a sequence of releases on the same data and answers two questions: what
 * (epsilon, delta) has been spent, and can one more release run without exceeding a limit. Each release
 * must use fresh randomness and meet the guarantee its {@link Mechanism} states.
 *
 * <p>The bounds are composition theorems: they hold when the queries are chosen adaptively (after seeing
 * earlier outputs) but the sequence of privacy parameters is fixed in advance. When the parameters
 * themselves are chosen from earlier outputs and releases stop at a limit (a privacy filter),
 * basic composition stays valid (Rogers, Roth, Ullman and Vadhan, "Privacy Odometers and Filters",
 * NeurIPS 2016); the other bounds hold for filters only in modified forms (the same paper for advanced
 * composition; Feldman and Zrnic, NeurIPS 2021, for Renyi DP at one order fixed in advance, not the minimum
 * over orders used here; Whitehouse, Ramdas, Rogers and Wu, ICML 2023), so such a deployment should use
 * {@link BasicAccountant} or fix its plan of charges beforehand.
 *
 * <p>Implementations: {@link BasicAccountant} (sums of epsilon and delta), {@link
 * AdvancedCompositionAccountant} (Kairouz, Oh and Viswanath 2015), {@link ZcdpAccountant} (Bun and Steinke
 * 2016) and {@link RdpAccountant} (Mironov 2017). Each accepts only the mechanisms its theory covers (see
 * the table in {@link Mechanism}); every method given another mechanism throws {@link
 * IllegalArgumentException} saying so. They are thread-safe: every method is atomic, and {@link #tryCharge}
 * checks and charges in one step. An accountant only records what it is told; a refused {@code tryCharge}
 * leaves it unchanged.
 */
public interface PrivacyAccountant {

  /** Whether this accountant can compose {@code mechanism}. */
  boolean supports(Mechanism mechanism);

  /**
   * Records one run of {@code mechanism}.
   *
   * @throws IllegalArgumentException if {@code mechanism} is null or not {@linkplain #supports supported}
   */
  default void charge(Mechanism mechanism) {
    charge(mechanism, 1);
  }

  /**
   * Records {@code times} independent runs of {@code mechanism}.
   *
   * @throws IllegalArgumentException if {@code mechanism} is null or not {@linkplain #supports supported},
   *     or {@code times < 1}
   */
  void charge(Mechanism mechanism, int times);

  /**
   * What has been spent so far, as a guarantee the composition of all charged mechanisms meets: the
   * returned (epsilon, delta) holds for every neighbouring pair. Nothing charged spends epsilon 0.
   *
   * <p>{@link BasicAccountant} ignores {@code delta} (after checking it) and returns the sums of the
   * charged epsilons and deltas. The other accountants return the smallest epsilon they can prove at
   * exactly {@code delta}, the target <em>total</em> delta (for {@link AdvancedCompositionAccountant} it
   * includes the deltas of the mechanisms charged). {@code delta} = 0 is answered only for compositions of
   * pure-DP mechanisms.
   *
   * @param delta in [0, 1)
   * @throws IllegalArgumentException if {@code delta} is outside [0, 1), or no finite epsilon holds at
   *     {@code delta} for what has been charged (0 after a Gaussian; below the charged deltas)
   */
  PrivacyBudget spent(double delta);

  /** Same as {@code canCharge(mechanism, 1, limit)}. */
  default boolean canCharge(Mechanism mechanism, PrivacyBudget limit) {
    return canCharge(mechanism, 1, limit);
  }

  /**
   * Whether charging {@code times} runs of {@code mechanism} would keep the spending within {@code limit},
   * i.e. whether {@code limit.covers(spent(limit.delta()))} would hold afterwards (false where that
   * {@code spent} would throw). Changes nothing.
   *
   * @throws IllegalArgumentException if an argument is null, {@code mechanism} is not {@linkplain #supports
   *     supported} or {@code times < 1}
   */
  boolean canCharge(Mechanism mechanism, int times, PrivacyBudget limit);

  /** Same as {@code tryCharge(mechanism, 1, limit)}. */
  default boolean tryCharge(Mechanism mechanism, PrivacyBudget limit) {
    return tryCharge(mechanism, 1, limit);
  }

  /**
   * Charges {@code times} runs of {@code mechanism} if and only if {@link #canCharge canCharge} would
   * return true, in one atomic step; returns whether it charged.
   *
   * @throws IllegalArgumentException as {@link #canCharge(Mechanism, int, PrivacyBudget)}
   */
  boolean tryCharge(Mechanism mechanism, int times, PrivacyBudget limit);
}
