package org.pet.linkage;

import java.util.OptionalLong;

/**
 * The released outcome of a linkage session, identical at both parties.
 *
 * @param cardinality the released intersection size (noisy when the session is noised, so it may be
 *     negative or exceed the true size)
 * @param sum the released sum of the value party's clamped values over the intersection; empty when the
 *     session computes no sum
 * @param identifierPartySize the number of distinct normalised identifiers the identifier party sent
 * @param valuePartySize the number of distinct normalised identifiers the value party sent
 * @param epsilon the per-person epsilon of this result (delta is 0); 0 when exact
 * @param cardinalityHalfWidth with probability 0.95 the noise on the size lies in [-w, w]; 0 when exact
 * @param sumHalfWidth with probability 0.95 the noise on the sum lies in [-w, w]; 0 when exact or no sum
 */
public record PsiResult(long cardinality, OptionalLong sum, int identifierPartySize, int valuePartySize,
    double epsilon, long cardinalityHalfWidth, long sumHalfWidth) {}
