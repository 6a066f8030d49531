package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  private static final byte[] ROOT = MerkleTree.emptyRoot();
  private static final Instant TIME = Instant.parse("2026-12-05T10:11:12Z");

  @Test
  void body_isOriginSizeBase64RootAndTimestampLines() {
    Checkpoint checkpoint = new Checkpoint("pet.example/log", 0, ROOT, TIME);

    assertThat(checkpoint.body()).isEqualTo("pet.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
        + "timestamp 2026-12-05T10:11:12Z\n");
  }

  @Test
  void constructor_fractionalSeconds_truncated() {
    Checkpoint checkpoint = new Checkpoint("o", 1, ROOT, Instant.parse("2026-12-05T10:11:12.999999999Z"));

    assertThat(checkpoint.timestamp()).isEqualTo(TIME);
    assertThat(checkpoint.body()).endsWith("timestamp 2026-12-05T10:11:12Z\n");
  }

  @Test
  void body_earlyAndLateYears_printFourDigits() {
    assertThat(new Checkpoint("o", 1, ROOT, Instant.parse("0001-02-03T04:05:06Z")).body())
        .endsWith("timestamp 0001-02-03T04:05:06Z\n");
    assertThat(new Checkpoint("o", 1, ROOT, Instant.parse("9999-12-31T23:59:59.5Z")).body())
        .endsWith("timestamp 9999-12-31T23:59:59Z\n");
  }

  @Test
  void body_largestTreeSize_printsAllDigits() {
    assertThat(new Checkpoint("o", Long.MAX_VALUE, ROOT, TIME).body()).startsWith("o\n9223372036854775807\n");
  }

  @Test
  void rootHash_copiedInAndOut() {
    byte[] root = ROOT.clone();
    Checkpoint checkpoint = new Checkpoint("o", 0, root, TIME);
    root[0] ^= 1;
    checkpoint.rootHash()[1] ^= 1;

    assertThat(checkpoint.rootHash()).isEqualTo(ROOT);
  }

  @Test
  void equalsAndHashCode_compareRootContents() {
    Checkpoint a = new Checkpoint("o", 0, ROOT, TIME);
    Checkpoint b = new Checkpoint("o", 0, ROOT.clone(), TIME.plusMillis(300));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new Checkpoint("o", 0, MerkleTree.leafHash(new byte[0]), TIME));
    assertThat(a.toString()).contains("e3b0c442").contains("2026-12-05T10:11:12Z");
  }

  @Test
  void constructor_emptyOrigin_rejected() {
    assertThatThrownBy(() -> new Checkpoint("", 0, ROOT, TIME)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`origin` must be non-empty, was \"\"");
  }

  @Test
  void constructor_nullOrigin_rejected() {
    assertThatThrownBy(() -> new Checkpoint(null, 0, ROOT, TIME)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`origin` must not be null");
  }

  @Test
  void constructor_originWithNewline_rejected() {
    assertThatThrownBy(() -> new Checkpoint("a\nb", 0, ROOT, TIME)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`origin` must be printable").hasMessageEndingWith("U+000A");
  }

  @Test
  void constructor_originWithOtherControlOrFormatCharacter_rejected() {
    for (String origin : new String[] {"a\rb", "a\tb", "a\u007fb", "a\u0085b", "\ufeffa", "a\u200bb", "a\u2028b"}) {
      assertThatThrownBy(() -> new Checkpoint(origin, 0, ROOT, TIME)).as(origin)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`origin` must be printable");
    }
  }

  @Test
  void constructor_originWithLeadingOrTrailingSpace_rejected() {
    for (String origin : new String[] {" a", "a ", "\u00a0a", "a\u3000"}) {
      assertThatThrownBy(() -> new Checkpoint(origin, 0, ROOT, TIME)).as(origin)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("`origin` must be free of leading and trailing white space");
    }
  }

  @Test
  void constructor_originWithUnpairedSurrogate_rejected() {
    assertThatThrownBy(() -> new Checkpoint("a\ud800", 0, ROOT, TIME)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`origin` must be well-formed Unicode, was a string with an unpaired surrogate at char 1");
  }

  @Test
  void constructor_innerSpaceAndNonAscii_accepted() {
    assertThat(new Checkpoint("my log é", 0, ROOT, TIME).origin()).isEqualTo("my log é");
  }

  @Test
  void constructor_negativeTreeSize_rejected() {
    assertThatThrownBy(() -> new Checkpoint("o", -1, ROOT, TIME)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`treeSize` must be >= 0, was -1");
  }

  @Test
  void constructor_rootNot32Bytes_rejected() {
    assertThatThrownBy(() -> new Checkpoint("o", 0, new byte[31], TIME)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`rootHash` must be 32 bytes, was 31 bytes");
    assertThatThrownBy(() -> new Checkpoint("o", 0, null, TIME)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`rootHash` must not be null");
  }

  @Test
  void constructor_nullTimestamp_rejected() {
    assertThatThrownBy(() -> new Checkpoint("o", 0, ROOT, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`timestamp` must not be null");
  }

  @Test
  void constructor_timestampOutsideFourDigitYears_rejected() {
    assertThatThrownBy(() -> new Checkpoint("o", 0, ROOT, Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`timestamp` must be in [0000-01-01T00:00:00Z, 9999-12-31T23:59:59Z], was +10000-01-01T00:00:00Z");
    assertThatThrownBy(() -> new Checkpoint("o", 0, ROOT, Instant.parse("-0001-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`timestamp` must be in");
  }

  @Test
  void sign_originThatIsNoKeyName_rejected() {
    byte[] seed = new byte[32];
    for (String origin : new String[] {"my log", "a+b"}) {
      Checkpoint checkpoint = new Checkpoint(origin, 0, ROOT, TIME);
      assertThatThrownBy(() -> checkpoint.sign(seed)).as(origin).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("`origin` must be a signed-note key name (non-empty, no white space, no '+')");
    }
  }

  @Test
  void sign_seedNot32Bytes_rejected() {
    Checkpoint checkpoint = new Checkpoint("o", 0, ROOT, TIME);

    assertThatThrownBy(() -> checkpoint.sign(new byte[64])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`ed25519PrivateKeySeed` must be 32 bytes, was 64 bytes");
    assertThatThrownBy(() -> checkpoint.sign(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`ed25519PrivateKeySeed` must not be null");
  }
}
