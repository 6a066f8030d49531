package org.pet.linkage;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/** Hashing identifiers to P-256 and blinding them with a party's secret exponent. */
final class Blinding {

  /** RFC 9380 domain separation tag of pet's linkage suite. */
  static final byte[] DST = "PET-LINKAGE-V1-P256_XMD:SHA-256_SSWU_RO_".getBytes(StandardCharsets.US_ASCII);

  private final BigInteger exponent;
  private final String sessionId;

  Blinding(String sessionId, SecureRandom random) {
    this.sessionId = sessionId;
    this.exponent = P256.randomScalar(random);
  }

  /**
   * H(session, identifier): RFC 9380 hash_to_curve of the UTF-8 session id, a 0x00 separator (ids and
   * identifiers are text) and the UTF-8 normalised identifier.
   */
  ECPoint hash(String normalizedIdentifier) {
    byte[] session = sessionId.getBytes(StandardCharsets.UTF_8);
    byte[] identifier = normalizedIdentifier.getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[session.length + 1 + identifier.length];
    System.arraycopy(session, 0, message, 0, session.length);
    System.arraycopy(identifier, 0, message, session.length + 1, identifier.length);
    return HashToCurveP256.hashToCurve(message, DST);
  }

  /** point^exponent (multiplicatively written; k P on the curve), normalised. */
  ECPoint blind(ECPoint point) {
    return point.multiply(exponent).normalize();
  }

  /** A uniformly random permutation of 0..size-1 (Fisher-Yates with the party's secure generator). */
  static List<Integer> permutation(int size, SecureRandom random) {
    List<Integer> order = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    return order;
  }
}
