package org.pet.secagg;

/**
 * A participant or the server broke the secure aggregation or linkage protocol: a forged, tampered, replayed,
 * duplicated, misaddressed or malformed message, or an inconsistent view of the round. The party that
 * throws it aborts the round; nothing secret is revealed by aborting. The message never contains secret
 * material.
 */
public class ProtocolViolationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ProtocolViolationException(String message) {
    super(message);
  }

  public ProtocolViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
