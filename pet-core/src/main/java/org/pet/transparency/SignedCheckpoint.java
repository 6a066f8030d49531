package org.pet.transparency;

import static org.pet.transparency.TransparencyChecks.checkNotNull;

import com.google.crypto.tink.subtle.Ed25519Verify;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A {@link Checkpoint} in its signed form: a C2SP signed note (c2sp.org/signed-note) whose text is the
 * checkpoint's {@link Checkpoint#body() body}, followed by a blank line and signature lines
 * {@code "— " + keyName + " " + base64(keyId || signature) + "\n"} (em dash U+2014). The log signs with
 * Ed25519 under the key name {@link Checkpoint#origin()}. Byte-exact format: docs/PROTOCOL.md section 9.4.
 *
 * <p>Holding a {@code SignedCheckpoint} means the note is well-formed and carries {@code checkpoint}; it
 * says nothing about who signed it: {@link #verifiedBy} with the log's pinned public key does. Immutable.
 *
 * @param checkpoint the checkpoint the note's text encodes
 * @param note the whole signed note, exactly as published
 */
public record SignedCheckpoint(Checkpoint checkpoint, String note) {

  /** Length of an Ed25519 signature. */
  private static final int SIGNATURE_LENGTH = 64;

  /** Length of an Ed25519 public key. */
  private static final int PUBLIC_KEY_LENGTH = 32;

  /**
   * Checks that {@code note} is a well-formed signed note whose text is exactly {@code checkpoint.body()}.
   *
   * @throws IllegalArgumentException if not, naming what is wrong
   */
  public SignedCheckpoint {
    checkNotNull("checkpoint", checkpoint);
    String text = SignedNote.parse(note).text();
    if (!text.equals(checkpoint.body())) {
      throw SignedNote.invalid("be the signed form of " + checkpoint, "the signed form of "
          + Checkpoint.parseBody(text));
    }
  }

  /**
   * Parses a signed checkpoint strictly: UTF-8 text with LF line ends and no other control characters; the
   * four body lines exactly as {@link Checkpoint#body()} writes them; one blank line; then 1 to 16 signature
   * lines, each {@code "— <key name> <padded standard base64 of at least 5 bytes>"}, and nothing after.
   * Signatures are not checked here: see {@link #verifiedBy}.
   *
   * @throws IllegalArgumentException naming the first thing that is wrong
   */
  public static SignedCheckpoint parse(String note) {
    return new SignedCheckpoint(Checkpoint.parseBody(SignedNote.parse(note).text()), note);
  }

  /**
   * Whether the log holding {@code ed25519PublicKey} signed this checkpoint: at least one signature line
   * names the key (key name = origin, key id = {@link #keyId}), and every line that names it carries a valid
   * Ed25519 signature of the body. Lines of other keys (witnesses, a rotated key) are ignored, as the
   * signed-note specification requires.
   *
   * @param ed25519PublicKey the log's pinned 32-byte public key
   * @throws IllegalArgumentException if the key is null or not 32 bytes
   */
  public boolean verifiedBy(byte[] ed25519PublicKey) {
    checkPublicKey(ed25519PublicKey);
    String keyName = checkpoint.origin();
    if (!SignedNote.isKeyName(keyName)) {
      return false;
    }
    byte[] keyId = keyId(keyName, ed25519PublicKey);
    byte[] body = checkpoint.body().getBytes(StandardCharsets.UTF_8);
    Ed25519Verify verifier = new Ed25519Verify(ed25519PublicKey);
    boolean verified = false;
    for (SignedNote.Signature line : SignedNote.parse(note).signatures()) {
      if (!line.keyName().equals(keyName) || !MessageDigest.isEqual(line.keyId(), keyId)) {
        continue;
      }
      if (line.signature().length != SIGNATURE_LENGTH) {
        return false;
      }
      try {
        verifier.verify(line.signature(), body);
      } catch (GeneralSecurityException e) {
        return false; // a known key whose signature fails: reject the whole note
      }
      verified = true;
    }
    return verified;
  }

  /**
   * The signed-note key id of an Ed25519 key: the first 4 bytes of
   * {@code SHA-256(UTF-8(keyName) || 0x0A || 0x01 || publicKey)}.
   *
   * @throws IllegalArgumentException if the key name is not a signed-note key name (non-empty, no white space,
   *     no '+') or the key is not 32 bytes
   */
  public static byte[] keyId(String keyName, byte[] publicKey) {
    SignedNote.checkKeyName("keyName", keyName);
    checkPublicKey(publicKey);
    Sha256 sha = new Sha256();
    byte[] name = keyName.getBytes(StandardCharsets.UTF_8);
    byte[] input = Arrays.copyOf(name, name.length + 2 + PUBLIC_KEY_LENGTH);
    input[name.length] = '\n';
    input[name.length + 1] = SignedNote.ED25519_TYPE;
    System.arraycopy(publicKey, 0, input, name.length + 2, PUBLIC_KEY_LENGTH);
    return Arrays.copyOf(sha.digest(input), 4);
  }

  /**
   * The signed-note verifier key of an Ed25519 key, {@code keyName + "+" + hex(keyId) + "+" +
   * base64(0x01 || publicKey)}, the one-line form in which a log publishes its key (and Go's
   * {@code golang.org/x/mod/sumdb/note} reads it).
   *
   * @throws IllegalArgumentException as {@link #keyId}
   */
  public static String verifierKey(String keyName, byte[] publicKey) {
    byte[] typeAndKey = new byte[1 + PUBLIC_KEY_LENGTH];
    typeAndKey[0] = SignedNote.ED25519_TYPE;
    System.arraycopy(checkPublicKey(publicKey), 0, typeAndKey, 1, PUBLIC_KEY_LENGTH);
    return keyName + "+" + HexFormat.of().formatHex(keyId(keyName, publicKey)) + "+"
        + Base64.getEncoder().encodeToString(typeAndKey);
  }

  private static byte[] checkPublicKey(byte[] publicKey) {
    checkNotNull("ed25519PublicKey", publicKey);
    TransparencyChecks.require(publicKey.length == PUBLIC_KEY_LENGTH, "ed25519PublicKey", "32 bytes",
        publicKey.length + " bytes");
    return publicKey;
  }
}
