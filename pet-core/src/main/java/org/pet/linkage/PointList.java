package org.pet.linkage;

import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.pet.secagg.ProtocolViolationException;

/**
 * An immutable list of P-256 points in SEC 1 compressed form (33 bytes each), as carried by linkage
 * messages. Construction checks only the length; {@link #point(int, String)} validates each point on use.
 */
public final class PointList {

  /** Largest list a message may carry: bounds what a peer can make the other side allocate. */
  public static final int MAX_POINTS = 20_000_000;

  private static final PointList EMPTY = new PointList(new byte[0]);

  private final byte[] encoded;

  private PointList(byte[] encoded) {
    this.encoded = encoded;
  }

  /** The empty list. */
  public static PointList empty() {
    return EMPTY;
  }

  /**
   * Wraps a copy of {@code encoded}, the concatenation of compressed points.
   *
   * @throws ProtocolViolationException if the length is not a multiple of 33 or exceeds {@link #MAX_POINTS}
   */
  public static PointList fromBytes(byte[] encoded) {
    return wrap(encoded.clone());
  }

  /** As {@link #fromBytes} without the copy, for an array nobody else holds (a freshly decoded one). */
  static PointList wrap(byte[] encoded) {
    if (encoded.length % P256.ENCODED_LENGTH != 0 || encoded.length / P256.ENCODED_LENGTH > MAX_POINTS) {
      throw new ProtocolViolationException("a point list must be whole 33-byte points, at most "
          + MAX_POINTS + ", was " + encoded.length + " bytes");
    }
    return new PointList(encoded);
  }

  static PointList of(List<ECPoint> points) {
    byte[] encoded = new byte[points.size() * P256.ENCODED_LENGTH];
    for (int i = 0; i < points.size(); i++) {
      P256.encode(points.get(i), encoded, i * P256.ENCODED_LENGTH);
    }
    return new PointList(encoded);
  }

  /** The number of points. */
  public int size() {
    return encoded.length / P256.ENCODED_LENGTH;
  }

  /** A copy of the concatenated encodings. */
  public byte[] toBytes() {
    return encoded.clone();
  }

  int byteLength() {
    return encoded.length;
  }

  void copyTo(byte[] destination, int offset) {
    System.arraycopy(encoded, 0, destination, offset, encoded.length);
  }

  /**
   * Decodes and validates point {@code index}.
   *
   * @param what names the list in an error message
   * @throws ProtocolViolationException if it is not a point on P-256
   */
  ECPoint point(int index, String what) {
    return P256.decode(encoded, index * P256.ENCODED_LENGTH, what + " " + index);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointList other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "PointList{" + size() + " points}";
  }
}
