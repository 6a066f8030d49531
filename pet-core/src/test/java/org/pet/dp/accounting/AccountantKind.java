package org.pet.dp.accounting;

import java.util.function.Supplier;

/** The four accountants, each with a non-pure mechanism it accepts and one it rejects, for shared tests. */
enum AccountantKind {
  BASIC(BasicAccountant::new, Mechanism.approximateDp(0.3, 1e-7), Mechanism.gaussian(1, 4)),
  ADVANCED(AdvancedCompositionAccountant::new, Mechanism.approximateDp(0.3, 1e-7),
      Mechanism.gaussian(1, 4)),
  ZCDP(ZcdpAccountant::new, Mechanism.gaussian(1, 4), Mechanism.approximateDp(0.3, 1e-7)),
  RDP(RdpAccountant::new, Mechanism.gaussian(1, 4), Mechanism.approximateDp(0.3, 1e-7));

  private final Supplier<PrivacyAccountant> factory;
  /** A mechanism without pure DP that this accountant composes. */
  final Mechanism approximate;
  /** A mechanism this accountant rejects. */
  final Mechanism unsupported;

  AccountantKind(Supplier<PrivacyAccountant> factory, Mechanism approximate, Mechanism unsupported) {
    this.factory = factory;
    this.approximate = approximate;
    this.unsupported = unsupported;
  }

  PrivacyAccountant create() {
    return factory.get();
  }

  /**
   * {@code mechanism} in a form this accountant accepts: an (epsilon, delta) accountant gets a Gaussian as
   * its point at delta 1e-9.
   */
  Mechanism adapt(Mechanism mechanism) {
    PrivacyAccountant probe = create();
    if (probe.supports(mechanism)) {
      return mechanism;
    }
    return ((Mechanism.Gaussian) mechanism).approximateDp(1e-9);
  }
}
