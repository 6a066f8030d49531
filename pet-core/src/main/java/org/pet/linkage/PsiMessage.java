package org.pet.linkage;

import java.util.Objects;
import java.util.OptionalLong;
import org.pet.secagg.ProtocolViolationException;

/**
 * The four messages of a linkage session, in order. Every point is a blinded hash or an ElGamal
 * ciphertext component: pseudorandom to anyone without the parties' keys (DDH on P-256), so a relay
 * carrying them learns only the set sizes and, from the last two, the released results. Use
 * {@link PsiWire} to turn them into bytes.
 */
public sealed interface PsiMessage {

  /** The position of this message in the session, 1 to 4. */
  int step();

  /** The party that sends this message. */
  PsiRole sender();

  /**
   * Checks what this message must carry in a session that does or does not compute the sum (ciphertext,
   * key and sum counts); the parties and the relay all apply this one rule. Points are not decoded.
   *
   * @throws ProtocolViolationException if the message does not fit such a session
   */
  void checkShape(boolean computesSum);

  /**
   * Step 1, identifier party: {@code H(v)^a} for each of its identifiers v, shuffled.
   *
   * @param blinded the blinded identifiers
   */
  record BlindedIdentifiers(PointList blinded) implements PsiMessage {
    public BlindedIdentifiers {
      Objects.requireNonNull(blinded, "blinded");
    }

    @Override
    public int step() {
      return 1;
    }

    @Override
    public void checkShape(boolean computesSum) {
      // the identifiers' count is the identifier party's to choose
    }

    @Override
    public PsiRole sender() {
      return PsiRole.IDENTIFIER_PARTY;
    }
  }

  /**
   * Step 2, value party: the identifier party's values blinded again ({@code H(v)^ab}, shuffled), and its
   * own identifiers blinded once ({@code H(w)^b}) each with an encryption of its value under its own key,
   * shuffled together.
   *
   * @param doublyBlinded {@code H(v)^ab}, as many as step 1 carried
   * @param blinded {@code H(w)^b}, one per value-party identifier
   * @param encryptedValues two points per value-party identifier, in the order of {@code blinded}; empty when
   *     the session computes no sum
   * @param publicKey the value party's ElGamal public key (one point); empty when no sum is computed
   */
  record ValuePartyReply(PointList doublyBlinded, PointList blinded, PointList encryptedValues, PointList publicKey)
      implements PsiMessage {
    public ValuePartyReply {
      Objects.requireNonNull(doublyBlinded, "doublyBlinded");
      Objects.requireNonNull(blinded, "blinded");
      Objects.requireNonNull(encryptedValues, "encryptedValues");
      Objects.requireNonNull(publicKey, "publicKey");
    }

    @Override
    public int step() {
      return 2;
    }

    @Override
    public void checkShape(boolean computesSum) {
      if (encryptedValues.size() != (computesSum ? 2 * blinded.size() : 0)
          || publicKey.size() != (computesSum ? 1 : 0)) {
        throw new ProtocolViolationException("step 2 must carry " + (computesSum
            ? "two ciphertext points per identifier and one public key" : "no ciphertexts and no key")
            + " for this session");
      }
    }

    @Override
    public PsiRole sender() {
      return PsiRole.VALUE_PARTY;
    }
  }

  /**
   * Step 3, identifier party: the released (noisy) intersection size and a fresh encryption of the
   * released (noisy) sum over the intersection.
   *
   * @param cardinality the released intersection size
   * @param encryptedSum two points; empty when the session computes no sum
   */
  record EncryptedSum(long cardinality, PointList encryptedSum) implements PsiMessage {
    public EncryptedSum {
      Objects.requireNonNull(encryptedSum, "encryptedSum");
    }

    @Override
    public int step() {
      return 3;
    }

    @Override
    public void checkShape(boolean computesSum) {
      if (encryptedSum.size() != (computesSum ? 2 : 0)) {
        throw new ProtocolViolationException("step 3 must carry " + (computesSum ? "two" : "no")
            + " ciphertext points for this session, carried " + encryptedSum.size());
      }
    }

    @Override
    public PsiRole sender() {
      return PsiRole.IDENTIFIER_PARTY;
    }
  }

  /**
   * Step 4, value party: the released result, so both parties (and the relay's transparency log) hold it.
   *
   * @param cardinality the released intersection size, as received in step 3
   * @param sum the decrypted released sum; empty when the session computes no sum
   */
  record Release(long cardinality, OptionalLong sum) implements PsiMessage {
    public Release {
      Objects.requireNonNull(sum, "sum");
    }

    @Override
    public int step() {
      return 4;
    }

    @Override
    public void checkShape(boolean computesSum) {
      if (sum.isPresent() != computesSum) {
        throw new ProtocolViolationException("step 4 must release " + (computesSum ? "a" : "no")
            + " sum for this session");
      }
    }

    @Override
    public PsiRole sender() {
      return PsiRole.VALUE_PARTY;
    }
  }
}
