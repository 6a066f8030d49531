package org.pet.linkage;

/** The two sides of a private intersection-sum-with-cardinality session (Ion et al., EuroS&P 2020). */
public enum PsiRole {
  /**
   * Holds identifiers only (P1 in the paper). Sends first, matches the doubly blinded values and so
   * computes the intersection size; adds the DP noise to both outputs; never sees a value in the clear.
   */
  IDENTIFIER_PARTY,
  /**
   * Holds identifiers with an integer value each (P2 in the paper). Owns the exponential ElGamal key
   * and decrypts only the (noisy) sum over the intersection.
   */
  VALUE_PARTY
}
