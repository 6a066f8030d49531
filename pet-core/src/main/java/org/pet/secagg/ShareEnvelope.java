package org.pet.secagg;

/**
 * The plaintext of a round-1 envelope: {@code owner}'s Shamir shares, at the recipient's index, of its
 * self-mask seed and its masking private key. Sealed with AES-256-GCM under
 * HKDF(X25519(c_owner, c_recipient), salt = round id, info = "pet-secagg/v1/envelope-key"), with
 * associated data (tag 110, round id, owner, recipient, and in a SecAgg+ round the version byte 2 and k),
 * so an envelope cannot be replayed into another round or graph or redirected to another recipient.
 *
 * <p>Plaintext encoding: tag 10, owner, recipient, self-mask share bytes, masking-key share bytes.
 */
record ShareEnvelope(
    String owner, String recipient, ShamirSecretSharing.Share selfMaskShare, ShamirSecretSharing.Share maskingKeyShare) {

  byte[] seal(byte[] key, SecAggParameters parameters) {
    byte[] plaintext = new Wire.Writer(10).string(owner).string(recipient).bytes(selfMaskShare.toBytes())
        .bytes(maskingKeyShare.toBytes()).toByteArray();
    return SecAggCrypto.seal(key, plaintext, associatedData(parameters, owner, recipient));
  }

  /**
   * @throws ProtocolViolationException if the envelope fails authentication, is malformed, or does not
   *     carry shares for {@code recipientIndex} from {@code owner}
   */
  static ShareEnvelope open(byte[] key, byte[] ciphertext, SecAggParameters parameters, String owner,
      String recipient, int recipientIndex) {
    byte[] plaintext = SecAggCrypto.open(key, ciphertext, associatedData(parameters, owner, recipient));
    Wire.Reader in = new Wire.Reader(plaintext, 10, "share envelope");
    String sealedOwner = in.string();
    String sealedRecipient = in.string();
    ShamirSecretSharing.Share selfMask;
    ShamirSecretSharing.Share maskingKey;
    try {
      selfMask = ShamirSecretSharing.Share.fromBytes(in.bytes());
      maskingKey = ShamirSecretSharing.Share.fromBytes(in.bytes());
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolationException("malformed share in the envelope from " + owner);
    }
    in.end();
    if (!sealedOwner.equals(owner) || !sealedRecipient.equals(recipient)
        || selfMask.index() != recipientIndex || maskingKey.index() != recipientIndex) {
      throw new ProtocolViolationException("envelope from " + owner + " is misaddressed");
    }
    return new ShareEnvelope(owner, recipient, selfMask, maskingKey);
  }

  static byte[] associatedData(SecAggParameters parameters, String owner, String recipient) {
    Wire.Writer out = new Wire.Writer(110).string(parameters.roundId()).string(owner).string(recipient);
    parameters.bindGraph(out);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "ShareEnvelope{owner=" + owner + ", recipient=" + recipient + "}";
  }
}
