package org.pet.linkage;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.pet.random.Randomness;

/**
 * One side of a private intersection-sum-with-cardinality session, after Ion et al., "On Deploying Secure
 * Computing: Private Intersection-Sum-with-Cardinality" (EuroS&amp;P 2020): a pure state machine, messages
 * in and messages out, that runs the same way in-process and behind the pet-server relay.
 *
 * <p>Flow: the {@link PsiRole#IDENTIFIER_PARTY} {@linkplain #start() starts} with step 1; each party
 * answers the other's message with the next step until step 4, after which both hold the same
 * {@link PsiResult}. Identifiers are hashed to P-256 with RFC 9380 ({@code P256_XMD:SHA-256_SSWU_RO_}) and
 * blinded with each party's fresh secret exponent, so doubly blinded values can be compared without either
 * side seeing the other's identifiers (DDH); values travel encrypted under the value party's exponential
 * ElGamal key and only the (noisy) sum over the intersection is decrypted. Both parties shuffle what they
 * send, so nothing links a blinded value to an input row.
 *
 * <p>Threat model: semi-honest parties (they follow the protocol, as in the paper); the relay is untrusted
 * for confidentiality and sees only set sizes, pseudorandom points and the released result. See
 * {@link PsiParameters} for the DP guarantee. Not thread-safe; one instance runs one session once.
 *
 * <p>Input handling: identifiers are normalised by the given {@link IdentifierNormalizer} and then
 * deduplicated (a set, one person once); an identifier that normalises to the empty string is rejected.
 * The value party adds up the values of records that normalise to the same identifier, after clamping each
 * to {@code [0, maxValue]}, and clamps the total to {@code maxValue}: one person contributes at most
 * {@code maxValue}. Empty inputs are allowed and give size 0 and sum 0 (plus noise).
 */
public sealed interface PsiParty permits IdentifierParty, ValueParty {

  /**
   * The identifier party with the {@linkplain IdentifierNormalizer#standard() standard} normaliser.
   *
   * @throws IllegalArgumentException if an identifier normalises to the empty string
   */
  static PsiParty identifierParty(PsiParameters parameters, Collection<String> identifiers) {
    return identifierParty(parameters, identifiers, IdentifierNormalizer.standard());
  }

  /**
   * The identifier party: holds identifiers only, starts the session.
   *
   * @throws IllegalArgumentException if an identifier normalises to the empty string
   */
  static PsiParty identifierParty(PsiParameters parameters, Collection<String> identifiers,
      IdentifierNormalizer normalizer) {
    return new IdentifierParty(parameters, identifiers, normalizer, Randomness.secureRandom(),
        Randomness.secureNoiseSource());
  }

  /**
   * The value party with the {@linkplain IdentifierNormalizer#standard() standard} normaliser.
   *
   * @throws IllegalArgumentException if an identifier normalises to the empty string, or the possible
   *     sum is too wide to decrypt (distinct identifiers times maxValue above 2^37)
   */
  static PsiParty valueParty(PsiParameters parameters, Collection<PsiRecord> records) {
    return valueParty(parameters, records, IdentifierNormalizer.standard());
  }

  /**
   * The value party: holds identifiers with values and the decryption key.
   *
   * @throws IllegalArgumentException if an identifier normalises to the empty string, or the possible
   *     sum is too wide to decrypt (distinct identifiers times maxValue above 2^37)
   */
  static PsiParty valueParty(PsiParameters parameters, Collection<PsiRecord> records,
      IdentifierNormalizer normalizer) {
    return new ValueParty(parameters, records, normalizer, Randomness.secureRandom(),
        Randomness.secureNoiseSource());
  }

  /** This party's role. */
  PsiRole role();

  /**
   * The messages this party sends before hearing from the other: step 1 for the identifier party, none
   * for the value party.
   *
   * @throws IllegalStateException if called twice
   */
  List<PsiMessage> start();

  /**
   * Processes the other party's next message and returns this party's answer (empty after the last).
   *
   * @throws org.pet.secagg.ProtocolViolationException if the message is out of order, inconsistent or
   *     carries an invalid point; the session cannot continue
   * @throws IllegalStateException if the session is already finished or failed
   */
  List<PsiMessage> receive(PsiMessage message);

  /** The released result once the session has finished. */
  Optional<PsiResult> result();
}
