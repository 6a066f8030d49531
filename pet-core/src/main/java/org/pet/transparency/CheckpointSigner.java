package org.pet.transparency;

import static org.pet.transparency.TransparencyChecks.checkNotNull;
import static org.pet.transparency.TransparencyChecks.require;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A log's Ed25519 signing key, ready to sign checkpoints of one origin: the public key and the signed-note
 * key id are derived once, so a server that signs a checkpoint after every append pays one signature per
 * checkpoint. The note is the same as {@link Checkpoint#sign} gives. Immutable and thread-safe.
 */
public final class CheckpointSigner {

  private final String origin;
  private final Ed25519Sign signer;
  private final byte[] publicKey;
  private final byte[] keyId;

  /**
   * @param origin the log's origin, which is also the key name
   * @param ed25519PrivateKeySeed the 32-byte RFC 8032 private key (seed); not kept beyond Tink's signer
   * @throws IllegalArgumentException if the seed is not 32 bytes or the origin is not a valid key name
   */
  public CheckpointSigner(String origin, byte[] ed25519PrivateKeySeed) {
    checkNotNull("origin", origin);
    checkNotNull("ed25519PrivateKeySeed", ed25519PrivateKeySeed);
    require(ed25519PrivateKeySeed.length == 32, "ed25519PrivateKeySeed", "32 bytes",
        ed25519PrivateKeySeed.length + " bytes");
    SignedNote.checkKeyName("origin", origin);
    this.origin = origin;
    try {
      this.publicKey = Ed25519Sign.KeyPair.newKeyPairFromSeed(ed25519PrivateKeySeed).getPublicKey();
      this.signer = new Ed25519Sign(ed25519PrivateKeySeed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing is not available", e);
    }
    this.keyId = SignedCheckpoint.keyId(origin, publicKey);
  }

  public String origin() {
    return origin;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * Signs {@code checkpoint}.
   *
   * @throws IllegalArgumentException if its origin is not this signer's
   */
  public SignedCheckpoint sign(Checkpoint checkpoint) {
    checkNotNull("checkpoint", checkpoint);
    require(checkpoint.origin().equals(origin), "checkpoint.origin", "the signer's origin " + origin,
        checkpoint.origin());
    String body = checkpoint.body();
    try {
      byte[] signature = signer.sign(body.getBytes(StandardCharsets.UTF_8));
      return new SignedCheckpoint(checkpoint, SignedNote.format(body, origin, keyId, signature));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }
}
