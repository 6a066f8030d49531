package org.pet.vdaf;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/** The sponge with 24 rounds and SHAKE's separator is SHAKE128, checked against Bouncy Castle. */
class KeccakSpongeTest {

  @Property(tries = 200)
  void twentyFourRounds_areShake128(@ForAll @Size(max = 600) byte[] message,
      @ForAll @IntRange(min = 0, max = 700) int length, @ForAll @IntRange(min = 1, max = 5) int pieces) {
    SHAKEDigest shake = new SHAKEDigest(128);
    shake.update(message, 0, message.length);
    byte[] expected = new byte[length];
    shake.doFinal(expected, 0, length);
    KeccakSponge sponge = new KeccakSponge(24, 168, 0x1F);
    int step = Math.max(1, message.length / pieces);
    for (int offset = 0; offset < message.length; offset += step) {
      sponge.absorb(message, offset, Math.min(step, message.length - offset));
    }
    byte[] first = sponge.squeeze(length / 3);
    byte[] rest = sponge.squeeze(length - length / 3);
    byte[] actual = new byte[length];
    System.arraycopy(first, 0, actual, 0, first.length);
    System.arraycopy(rest, 0, actual, first.length, rest.length);
    assertThat(actual).isEqualTo(expected);
  }
}
