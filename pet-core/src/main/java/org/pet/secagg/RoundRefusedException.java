package org.pet.secagg;

/**
 * A participant refuses to take part in a secure aggregation round because the round's public parameters
 * do not meet its {@link CollusionPolicy}: the threshold is too low for the number of colluding agencies
 * the participant must tolerate, or the round declares fewer tolerated colluders than the policy. Thrown
 * before the participant generates keys or sends anything. The message states the bound and the numbers.
 */
public class RoundRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RoundRefusedException(String message) {
    super(message);
  }
}
