package org.pet.linkage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalLong;
import org.pet.linkage.PsiMessage.BlindedIdentifiers;
import org.pet.linkage.PsiMessage.EncryptedSum;
import org.pet.linkage.PsiMessage.Release;
import org.pet.linkage.PsiMessage.ValuePartyReply;
import org.pet.secagg.ProtocolViolationException;

/**
 * The byte encoding of {@link PsiMessage}s (documented in docs/PROTOCOL.md, section 8): the magic
 * {@code "PSI1"}, the step number as one byte, then the step's fields in order. A point list is a
 * big-endian 4-byte count followed by that many 33-byte compressed points; a long is 8 bytes big-endian;
 * an optional long is a presence byte (0 or 1) then, if present, the long. Decoding checks the structure
 * only; the parties validate every point when they use it.
 */
public final class PsiWire {

  private static final byte[] MAGIC = {'P', 'S', 'I', '1'};

  private PsiWire() {}

  /** Encodes a message. */
  public static byte[] encode(PsiMessage message) {
    ByteBuffer out = ByteBuffer.allocate(encodedLength(message));
    out.put(MAGIC).put((byte) message.step());
    if (message instanceof BlindedIdentifiers m) {
      putPoints(out, m.blinded());
    } else if (message instanceof ValuePartyReply m) {
      putPoints(out, m.doublyBlinded());
      putPoints(out, m.blinded());
      putPoints(out, m.encryptedValues());
      putPoints(out, m.publicKey());
    } else if (message instanceof EncryptedSum m) {
      out.putLong(m.cardinality());
      putPoints(out, m.encryptedSum());
    } else {
      Release m = (Release) message;
      out.putLong(m.cardinality());
      out.put((byte) (m.sum().isPresent() ? 1 : 0));
      m.sum().ifPresent(out::putLong);
    }
    return out.array();
  }

  /**
   * Decodes a message.
   *
   * @throws ProtocolViolationException if the bytes are not a well-formed message
   */
  public static PsiMessage decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new ProtocolViolationException("not a linkage message: wrong magic bytes");
      }
      int step = in.get();
      PsiMessage message = switch (step) {
        case 1 -> new BlindedIdentifiers(getPoints(in));
        case 2 -> new ValuePartyReply(getPoints(in), getPoints(in), getPoints(in), getPoints(in));
        case 3 -> new EncryptedSum(in.getLong(), getPoints(in));
        case 4 -> new Release(in.getLong(), getOptionalLong(in));
        default -> throw new ProtocolViolationException("unknown linkage step " + step);
      };
      if (in.hasRemaining()) {
        throw new ProtocolViolationException("linkage step " + step + " has " + in.remaining() + " trailing bytes");
      }
      return message;
    } catch (BufferUnderflowException e) {
      throw new ProtocolViolationException("linkage message is truncated", e);
    }
  }

  private static int encodedLength(PsiMessage message) {
    int header = MAGIC.length + 1;
    if (message instanceof BlindedIdentifiers m) {
      return header + listLength(m.blinded());
    } else if (message instanceof ValuePartyReply m) {
      return header + listLength(m.doublyBlinded()) + listLength(m.blinded())
          + listLength(m.encryptedValues()) + listLength(m.publicKey());
    } else if (message instanceof EncryptedSum m) {
      return header + Long.BYTES + listLength(m.encryptedSum());
    }
    return header + Long.BYTES + 1 + (((Release) message).sum().isPresent() ? Long.BYTES : 0);
  }

  private static int listLength(PointList points) {
    return Integer.BYTES + points.byteLength();
  }

  private static void putPoints(ByteBuffer out, PointList points) {
    out.putInt(points.size());
    points.copyTo(out.array(), out.position());
    out.position(out.position() + points.byteLength());
  }

  private static PointList getPoints(ByteBuffer in) {
    int count = in.getInt();
    if (count < 0 || count > PointList.MAX_POINTS || (long) count * P256.ENCODED_LENGTH > in.remaining()) {
      throw new ProtocolViolationException("linkage point list claims " + Integer.toUnsignedString(count)
          + " points but " + in.remaining() + " bytes remain");
    }
    byte[] encoded = new byte[count * P256.ENCODED_LENGTH];
    in.get(encoded);
    return PointList.wrap(encoded); // freshly read: no second copy
  }

  private static OptionalLong getOptionalLong(ByteBuffer in) {
    byte present = in.get();
    return switch (present) {
      case 0 -> OptionalLong.empty();
      case 1 -> OptionalLong.of(in.getLong());
      default -> throw new ProtocolViolationException("optional value flag must be 0 or 1, was " + present);
    };
  }
}
