package org.pet.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignedCheckpointTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String ORIGIN = "pet.example/log";

  private byte[] seed;
  private byte[] publicKey;
  private Checkpoint checkpoint;
  private SignedCheckpoint signed;

  @BeforeEach
  void setUp() throws Exception {
    Ed25519Sign.KeyPair keys = Ed25519Sign.KeyPair.newKeyPair();
    seed = keys.getPrivateKey();
    publicKey = keys.getPublicKey();
    MerkleLog log = MerkleLogProperties.logOf(MerkleLogTest.randomLeaves(6, 1));
    checkpoint = new Checkpoint(ORIGIN, 6, log.root(), Instant.parse("2026-12-05T10:11:12Z"));
    signed = checkpoint.sign(seed);
  }

  @Test
  void sign_thenParse_roundTripsAndVerifies() {
    SignedCheckpoint parsed = SignedCheckpoint.parse(signed.note());

    assertThat(parsed).isEqualTo(signed);
    assertThat(parsed.checkpoint()).isEqualTo(checkpoint);
    assertThat(parsed.verifiedBy(publicKey)).isTrue();
  }

  @Test
  void note_isBodyBlankLineAndOneEd25519SignatureLine() throws Exception {
    String prefix = checkpoint.body() + "\n\u2014 " + ORIGIN + " ";
    assertThat(signed.note()).startsWith(prefix).endsWith("\n");
    byte[] decoded = Base64.getDecoder().decode(signed.note().substring(prefix.length(), signed.note().length() - 1));

    assertThat(decoded).hasSize(68);
    assertThat(Arrays.copyOf(decoded, 4)).isEqualTo(SignedCheckpoint.keyId(ORIGIN, publicKey));
    new Ed25519Verify(publicKey).verify(Arrays.copyOfRange(decoded, 4, 68),
        checkpoint.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void verifiedBy_anotherKey_false() throws Exception {
    assertThat(signed.verifiedBy(Ed25519Sign.KeyPair.newKeyPair().getPublicKey())).isFalse();
  }

  @Test
  void verifiedBy_sameKeyUnderAnotherOrigin_false() {
    SignedCheckpoint other = new Checkpoint("other.example/log", 6, checkpoint.rootHash(), checkpoint.timestamp())
        .sign(seed);
    String transplanted = checkpoint.body() + other.note().substring(other.note().indexOf("\n\n") + 1);

    assertThat(SignedCheckpoint.parse(transplanted).verifiedBy(publicKey)).isFalse();
  }

  /** Substituting, deleting or inserting any one character anywhere: refused by parse or by the signature. */
  @Test
  void anySingleCharacterChange_refusedOrUnverified() {
    String note = signed.note();
    int checked = 0;
    for (int i = 0; i <= note.length(); i++) {
      if (i < note.length()) {
        char c = note.charAt(i);
        for (char replacement : new char[] {(char) (c ^ 1), (char) (c ^ 0x20), 'A', '0', ' ', '\n', '='}) {
          if (replacement != c) {
            assertRejected(note.substring(0, i) + replacement + note.substring(i + 1), "replace " + i);
            checked++;
          }
        }
        assertRejected(note.substring(0, i) + note.substring(i + 1), "delete " + i);
        checked++;
      }
      for (char inserted : new char[] {'A', ' ', '\n', '\u2014'}) {
        assertRejected(note.substring(0, i) + inserted + note.substring(i), "insert at " + i);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10 * note.length());
  }

  private void assertRejected(String changed, String change) {
    boolean accepted;
    try {
      accepted = SignedCheckpoint.parse(changed).verifiedBy(publicKey);
    } catch (IllegalArgumentException refused) {
      accepted = false;
    }
    assertThat(accepted).as(change).isFalse();
  }

  @Test
  void keyId_isFirstFourBytesOfSha256OfNameNewlineTypeAndKey() throws Exception {
    byte[] pk = new byte[32];
    Arrays.fill(pk, (byte) 0x42);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("a.example/k".getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0a);
    sha.update((byte) 0x01);
    byte[] expected = Arrays.copyOf(sha.digest(pk), 4);

    assertThat(SignedCheckpoint.keyId("a.example/k", pk)).isEqualTo(expected);
    assertThat(HEX.formatHex(SignedCheckpoint.keyId("a.example/k", pk))).isEqualTo("7f97caf4");
  }

  /** The example of c2sp.org/signed-note ("Verifier keys", "Example"), C2SP/C2SP commit 5ba5ee83. */
  @Test
  void keyIdAndVerifierKey_c2spExample_match() throws Exception {
    String vkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    byte[] typeAndKey = Base64.getDecoder().decode(vkey.substring(vkey.lastIndexOf('+') + 1));
    byte[] pk = Arrays.copyOfRange(typeAndKey, 1, 33);
    String note = "This is an example message.\n\n\u2014 example.com/foo "
        + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    assertThat(HEX.formatHex(SignedCheckpoint.keyId("example.com/foo", pk))).isEqualTo("530d903a");
    assertThat(SignedCheckpoint.verifierKey("example.com/foo", pk)).isEqualTo(vkey);
    SignedNote.Parsed parsed = SignedNote.parse(note);
    assertThat(parsed.text()).isEqualTo("This is an example message.\n");
    assertThat(parsed.signatures()).singleElement().satisfies(s -> {
      assertThat(s.keyName()).isEqualTo("example.com/foo");
      assertThat(HEX.formatHex(s.keyId())).isEqualTo("530d903a");
      new Ed25519Verify(pk).verify(s.signature(), parsed.text().getBytes(StandardCharsets.UTF_8));
    });
  }

  @Test
  void verifiedBy_extraSignatureOfAnotherKey_ignored() throws Exception {
    String witness = "\u2014 witness.example/w " + Base64.getEncoder().encodeToString(new byte[72]) + "\n";

    assertThat(SignedCheckpoint.parse(signed.note() + witness).verifiedBy(publicKey)).isTrue();
    assertThat(SignedCheckpoint.parse(checkpoint.body() + "\n" + witness).verifiedBy(publicKey)).isFalse();
  }

  @Test
  void verifiedBy_secondLineOfTheSameKeyBroken_false() {
    String line = signed.note().substring(signed.note().indexOf("\n\n") + 2);
    byte[] decoded = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1).trim());
    decoded[10] ^= 1;
    String broken = "\u2014 " + ORIGIN + " " + Base64.getEncoder().encodeToString(decoded) + "\n";

    assertThat(SignedCheckpoint.parse(signed.note() + broken).verifiedBy(publicKey)).isFalse();
  }

  @Test
  void verifiedBy_publicKeyNot32Bytes_rejected() {
    assertThatThrownBy(() -> signed.verifiedBy(new byte[31])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`ed25519PublicKey` must be 32 bytes, was 31 bytes");
  }

  @Test
  void parse_crlfLineEnds_refused() {
    assertThatThrownBy(() -> SignedCheckpoint.parse(signed.note().replace("\n", "\r\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`note` must have no control character but newline").hasMessageContaining("U+000D");
  }

  @Test
  void parse_missingBlankLine_refused() {
    assertThatThrownBy(() -> SignedCheckpoint.parse(signed.note().replace("\n\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`note` must separate its text from the signatures by a blank line, was a note without one");
  }

  @Test
  void parse_missingEmDash_refused() {
    for (String dash : new String[] {"-", "--", "\u2013", ""}) {
      assertThatThrownBy(() -> SignedCheckpoint.parse(signed.note().replace("\u2014", dash))).as(dash)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("`note` must have only signature lines, each starting with an em dash (U+2014)");
    }
  }

  @Test
  void parse_trailingText_refused() {
    assertThatThrownBy(() -> SignedCheckpoint.parse(signed.note() + "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`note` must end with a newline");
    assertThatThrownBy(() -> SignedCheckpoint.parse(signed.note() + "x\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`note` must have only signature lines");
    assertThatThrownBy(() -> SignedCheckpoint.parse(signed.note() + "\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`note` must have at least one signature line after the blank line, was a note without one");
  }

  @Test
  void parse_missingFinalNewline_refused() {
    String note = signed.note();
    assertThatThrownBy(() -> SignedCheckpoint.parse(note.substring(0, note.length() - 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`note` must end with a newline");
  }

  @Test
  void parse_extensionLineOtherThanTimestamp_refused() {
    String note = signed.note().replace("timestamp ", "time ");
    assertThatThrownBy(() -> SignedCheckpoint.parse(note)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`note` must have the extension line \"timestamp <RFC 3339 UTC time>\" as line 4");
    String extra = signed.note().replace("Z\n\n", "Z\nextra\n\n");
    assertThatThrownBy(() -> SignedCheckpoint.parse(extra)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`note` must have a checkpoint text of 4 lines (origin, tree size, root hash, timestamp), "
            + "was 5 lines");
  }

  @Test
  void parse_nonCanonicalBodyFields_refused() {
    String body = checkpoint.body();
    String signatures = signed.note().substring(body.length());
    String root = Base64.getEncoder().encodeToString(checkpoint.rootHash());
    for (String wrongBody : new String[] {
        body.replace("\n6\n", "\n06\n"), body.replace("\n6\n", "\n+6\n"), body.replace("\n6\n", "\n-6\n"),
        body.replace("\n6\n", "\n99999999999999999999\n"), body.replace(root, root.replace("=", "")),
        body.replace(root, root.replace('+', '-').replace('/', '_')), body.replace(root, root + "AAAA"),
        body.replace("10:11:12Z", "10:11:12.000Z"), body.replace("10:11:12Z", "10:11:12+00:00"),
        body.replace("2026-12-05T", "2026-12-05t"), body.replace("12-05T10", "02-30T10"),
        body.replace("10:11:12Z", "23:59:60Z"), body.replace("timestamp ", "timestamp  ")}) {
      assertThatThrownBy(() -> SignedCheckpoint.parse(wrongBody + signatures)).as(wrongBody)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("`note` must have");
    }
  }

  @Test
  void parse_signatureNotCanonicalBase64_refused() {
    String note = signed.note();
    String unpadded = note.replace("=\n", "\n");
    assertThatThrownBy(() -> SignedCheckpoint.parse(unpadded)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`note` must have signatures in padded standard base64");
    String shortSignature = checkpoint.body() + "\n\u2014 " + ORIGIN + " AAAA\n";
    assertThatThrownBy(() -> SignedCheckpoint.parse(shortSignature)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`note` must have signatures in padded standard base64");
  }

  @Test
  void parse_keyNameWithPlus_refused() {
    String note = signed.note().replace("\u2014 " + ORIGIN, "\u2014 a+b");
    assertThatThrownBy(() -> SignedCheckpoint.parse(note)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`note` must have signature key names that are non-empty, without white space or '+', was \"a+b\"");
  }

  @Test
  void parse_moreThanSixteenSignatures_refused() {
    String line = signed.note().substring(signed.note().indexOf("\n\n") + 2);
    String note = checkpoint.body() + "\n" + line.repeat(17);
    assertThatThrownBy(() -> SignedCheckpoint.parse(note)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`note` must have at most 16 signature lines, was 17");
    assertThat(SignedCheckpoint.parse(checkpoint.body() + "\n" + line.repeat(16)).verifiedBy(publicKey)).isTrue();
  }

  @Test
  void parse_null_refused() {
    assertThatThrownBy(() -> SignedCheckpoint.parse(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`note` must not be null");
  }

  @Test
  void constructor_noteOfAnotherCheckpoint_refused() {
    Checkpoint other = new Checkpoint(ORIGIN, 7, checkpoint.rootHash(), checkpoint.timestamp());

    assertThatThrownBy(() -> new SignedCheckpoint(other, signed.note())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("`note` must be the signed form of Checkpoint{origin=pet.example/log, treeSize=7");
  }

  @Test
  void keyId_invalidKeyName_rejected() {
    assertThatThrownBy(() -> SignedCheckpoint.keyId("a b", publicKey)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("`keyName` must be a signed-note key name (non-empty, no white space, no '+'), was \"a b\"");
    assertThatThrownBy(() -> SignedCheckpoint.keyId("", publicKey)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignedCheckpoint.keyId(null, publicKey)).isInstanceOf(IllegalArgumentException.class);
  }
}
