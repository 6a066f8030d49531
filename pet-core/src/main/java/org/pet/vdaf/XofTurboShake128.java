package org.pet.vdaf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * XofTurboShake128 of the VDAF draft (draft-irtf-cfrg-vdaf-20, section 6.2.1): TurboSHAKE128 (RFC 9861,
 * Keccak-p[1600, 12], rate 168, domain byte 1) over {@code len(dst) as 2 bytes LE || dst || len(seed) as
 * 1 byte || seed || binder}, read as one stream. Deterministic; not thread-safe.
 */
public final class XofTurboShake128 {

  /** SEED_SIZE: the default seed length in bytes. */
  public static final int SEED_SIZE = 32;

  private final KeccakSponge sponge = new KeccakSponge(12, 168, 0x01);

  /**
   * @param seed at most 255 bytes (normally {@link #SEED_SIZE})
   * @param dst the domain separation tag, at most 65535 bytes
   * @param binder any bytes
   * @throws IllegalArgumentException if the seed or the tag is too long
   */
  public XofTurboShake128(byte[] seed, byte[] dst, byte[] binder) {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(binder, "binder");
    if (seed.length > 255) {
      throw new IllegalArgumentException("`seed` must have at most 255 bytes, had " + seed.length);
    }
    if (dst.length > 65535) {
      throw new IllegalArgumentException("`dst` must have at most 65535 bytes, had " + dst.length);
    }
    sponge.absorb(new byte[] {(byte) dst.length, (byte) (dst.length >>> 8)}).absorb(dst)
        .absorb(new byte[] {(byte) seed.length}).absorb(seed).absorb(binder);
  }

  /** next(length): the next {@code length} bytes of the stream. */
  public byte[] next(int length) {
    return sponge.squeeze(length);
  }

  /** derive_seed: the first {@link #SEED_SIZE} bytes of the XOF on (seed, dst, binder). */
  public static byte[] deriveSeed(byte[] seed, byte[] dst, byte[] binder) {
    return new XofTurboShake128(seed, dst, binder).next(SEED_SIZE);
  }

  /**
   * next_vec: the next {@code length} field elements, each from ENCODED_SIZE little-endian bytes masked to
   * the modulus's bit length and rejected unless below the modulus.
   */
  public <E extends FieldElement<E>> List<E> nextVec(Field<E> field, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("`length` must be >= 0, was " + length);
    }
    // Both fields' moduli fill the bits of their encoding, so the draft's mask changes nothing.
    int size = field.encodedSize();
    List<E> vector = new ArrayList<>(length);
    while (vector.size() < length) {
      int wanted = length - vector.size();
      byte[] block = next(wanted * size);
      for (int offset = 0; offset < block.length; offset += size) {
        E element = field.decodeElement(block, offset);
        if (element != null) {
          vector.add(element);
        }
      }
    }
    return vector;
  }

  /** expand_into_vec: {@code length} field elements from a fresh XOF on (seed, dst, binder). */
  public static <E extends FieldElement<E>> List<E> expandIntoVec(Field<E> field, byte[] seed, byte[] dst,
      byte[] binder, int length) {
    return new XofTurboShake128(seed, dst, binder).nextVec(field, length);
  }
}
