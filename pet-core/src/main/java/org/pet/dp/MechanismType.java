package org.pet.dp;

/** The noise distribution a {@link Noise} implementation draws from. */
public enum MechanismType {
  /** Laplace noise, snapped to a power-of-two grid; pure epsilon-DP. */
  LAPLACE,
  /** Gaussian noise, discretised on a power-of-two grid; (epsilon, delta)-DP. */
  GAUSSIAN,
  /** Two-sided geometric (discrete Laplace) noise on the integers; pure epsilon-DP. */
  DISCRETE_LAPLACE,
  /** Discrete Gaussian noise on the integers; (epsilon, delta)-DP. */
  DISCRETE_GAUSSIAN
}
