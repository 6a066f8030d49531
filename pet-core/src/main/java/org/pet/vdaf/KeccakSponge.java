package org.pet.vdaf;

import java.util.Arrays;

/**
 * A Keccak sponge over the permutation Keccak-p[1600, n_r] (FIPS 202 section 3.3; RFC 9861 for n_r = 12):
 * absorb a message with a one-byte domain separator and pad10*1, then squeeze any number of bytes.
 * With 24 rounds, rate 168 and separator 0x1F it is SHAKE128; with 12 rounds it is TurboSHAKE128.
 * Not thread-safe.
 */
final class KeccakSponge {

  private static final long[] ROUND_CONSTANTS = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
    0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
    0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
  };
  /** Rotation offsets r[x + 5y] of the rho step. */
  private static final int[] ROTATIONS = {
    0, 1, 62, 28, 27,
    36, 44, 6, 55, 20,
    3, 10, 43, 25, 39,
    41, 45, 15, 21, 8,
    18, 2, 61, 56, 14,
  };

  private final int rounds;
  private final int rate;
  private final long[] lanes = new long[25];
  /** Scratch space of the permutation: column parities and the rho-pi output. */
  private final long[] columns = new long[5];
  private final long[] rotated = new long[25];
  private final byte[] block;
  private int position;
  private boolean squeezing;
  private final byte separator;

  /**
   * @param rounds n_r, 1 to 24 (the last n_r rounds of Keccak-f[1600] are applied)
   * @param rate the rate in bytes, a multiple of 8 below 200
   * @param separator the domain separation byte appended to the message, 0x01 to 0x7F
   */
  KeccakSponge(int rounds, int rate, int separator) {
    if (rounds < 1 || rounds > 24 || rate <= 0 || rate >= 200 || rate % 8 != 0 || separator < 1 || separator > 0x7F) {
      throw new IllegalArgumentException("bad sponge parameters: rounds " + rounds + ", rate " + rate
          + ", separator " + separator);
    }
    this.rounds = rounds;
    this.rate = rate;
    this.separator = (byte) separator;
    this.block = new byte[rate];
  }

  /** Absorbs more of the message. */
  KeccakSponge absorb(byte[] input) {
    return absorb(input, 0, input.length);
  }

  KeccakSponge absorb(byte[] input, int offset, int length) {
    if (squeezing) {
      throw new IllegalStateException("the sponge is already squeezing");
    }
    for (int i = 0; i < length; i++) {
      block[position++] = input[offset + i];
      if (position == rate) {
        absorbBlock();
      }
    }
    return this;
  }

  /** Squeezes the next {@code length} output bytes (the first call ends the message). */
  byte[] squeeze(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("`length` must be >= 0, was " + length);
    }
    if (!squeezing) {
      Arrays.fill(block, position, rate, (byte) 0);
      block[position] ^= separator;
      block[rate - 1] ^= (byte) 0x80;
      absorbBlock();
      squeezing = true;
      extract();
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      if (position == rate) {
        permute();
        extract();
      }
      out[i] = block[position++];
    }
    return out;
  }

  private void absorbBlock() {
    for (int i = 0; i < rate / 8; i++) {
      long lane = 0;
      for (int b = 7; b >= 0; b--) {
        lane = (lane << 8) | (block[8 * i + b] & 0xFF);
      }
      lanes[i] ^= lane;
    }
    permute();
    position = 0;
  }

  private void extract() {
    for (int i = 0; i < rate / 8; i++) {
      long lane = lanes[i];
      for (int b = 0; b < 8; b++) {
        block[8 * i + b] = (byte) (lane >>> (8 * b));
      }
    }
    position = 0;
  }

  /** Keccak-p[1600, rounds]: rounds 24 - n_r .. 23 of Keccak-f[1600]. */
  private void permute() {
    long[] a = lanes;
    long[] c = columns;
    long[] b = rotated;
    for (int round = 24 - rounds; round < 24; round++) {
      for (int x = 0; x < 5; x++) {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 25; y += 5) {
          a[x + y] ^= d;
        }
      }
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          // pi: B[y, 2x + 3y] = rho(A[x, y])
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], ROTATIONS[x + 5 * y]);
        }
      }
      for (int y = 0; y < 25; y += 5) {
        for (int x = 0; x < 5; x++) {
          a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
        }
      }
      a[0] ^= ROUND_CONSTANTS[round];
    }
  }
}
