package org.pet.linkage;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.bouncycastle.math.ec.ECPoint;
import org.pet.linkage.ExponentialElGamal.Ciphertext;
import org.pet.linkage.PsiMessage.BlindedIdentifiers;
import org.pet.linkage.PsiMessage.EncryptedSum;
import org.pet.linkage.PsiMessage.Release;
import org.pet.linkage.PsiMessage.ValuePartyReply;
import org.pet.secagg.ProtocolViolationException;

/** P1 of Ion et al.: sends blinded identifiers, matches, adds the noise, re-encrypts the sum. */
final class IdentifierParty implements PsiParty {

  private enum State { NEW, AWAITING_REPLY, AWAITING_RELEASE, FINISHED, FAILED }

  private final PsiParameters parameters;
  private final Blinding blinding;
  private final SecureRandom random;
  private final LinkageNoise noise;
  private final int size;
  private Collection<String> identifiers;
  private State state = State.NEW;
  private long releasedCardinality;
  private int valuePartySize;
  private PsiResult result;

  IdentifierParty(PsiParameters parameters, Collection<String> identifiers, IdentifierNormalizer normalizer,
      SecureRandom random, RandomGenerator noiseRandom) {
    this.parameters = parameters;
    this.identifiers = Inputs.identifiers(identifiers, normalizer);
    this.size = this.identifiers.size();
    this.random = random;
    this.blinding = new Blinding(parameters.sessionId(), random);
    this.noise = new LinkageNoise(parameters, noiseRandom);
  }

  @Override
  public PsiRole role() {
    return PsiRole.IDENTIFIER_PARTY;
  }

  @Override
  public List<PsiMessage> start() {
    if (state != State.NEW) {
      throw new IllegalStateException("the identifier party has already started");
    }
    List<ECPoint> blinded = new ArrayList<>(size);
    for (String identifier : identifiers) {
      blinded.add(blinding.blind(blinding.hash(identifier)));
    }
    identifiers = null; // not needed any more: keep personal data in memory no longer than necessary
    List<ECPoint> shuffled = new ArrayList<>(size);
    for (int index : Blinding.permutation(size, random)) {
      shuffled.add(blinded.get(index));
    }
    state = State.AWAITING_REPLY;
    return List.of(new BlindedIdentifiers(PointList.of(shuffled)));
  }

  @Override
  public List<PsiMessage> receive(PsiMessage message) {
    try {
      if (state == State.AWAITING_REPLY && message instanceof ValuePartyReply reply) {
        EncryptedSum answer = match(reply);
        state = State.AWAITING_RELEASE;
        return List.of(answer);
      }
      if (state == State.AWAITING_RELEASE && message instanceof Release release) {
        finish(release);
        state = State.FINISHED;
        return List.of();
      }
      throw unexpected(message);
    } catch (ProtocolViolationException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private RuntimeException unexpected(PsiMessage message) {
    if (state == State.NEW) {
      return new IllegalStateException("the identifier party sends first: call start() before receive()");
    }
    if (state == State.FINISHED || state == State.FAILED) {
      return new IllegalStateException("the identifier party's session is " + state.name().toLowerCase(Locale.ROOT));
    }
    return new ProtocolViolationException("the identifier party expected step "
        + (state == State.AWAITING_REPLY ? 2 : 4) + ", got step " + message.step());
  }

  private EncryptedSum match(ValuePartyReply reply) {
    if (reply.doublyBlinded().size() != size) {
      throw new ProtocolViolationException("step 2 returned " + reply.doublyBlinded().size()
          + " doubly blinded values for " + size + " identifiers");
    }
    int theirs = reply.blinded().size();
    boolean withSum = parameters.computesSum();
    reply.checkShape(withSum);
    Set<ByteBuffer> doublyBlinded = new HashSet<>(size * 2); // content equality: the canonical encodings
    for (int i = 0; i < size; i++) {
      ECPoint point = reply.doublyBlinded().point(i, "step 2 doubly blinded value");
      doublyBlinded.add(ByteBuffer.wrap(point.getEncoded(true)));
    }
    long matches = 0;
    Ciphertext sum = Ciphertext.zero();
    for (int j = 0; j < theirs; j++) {
      ECPoint theirBlinded = reply.blinded().point(j, "step 2 blinded identifier");
      Ciphertext value = withSum ? new Ciphertext(reply.encryptedValues().point(2 * j, "step 2 ciphertext point"),
          reply.encryptedValues().point(2 * j + 1, "step 2 ciphertext point")) : null;
      if (doublyBlinded.contains(ByteBuffer.wrap(blinding.blind(theirBlinded).getEncoded(true)))) {
        matches++;
        sum = withSum ? sum.add(value) : sum;
      }
    }
    valuePartySize = theirs;
    releasedCardinality = matches + noise.cardinalityNoise();
    if (!withSum) {
      return new EncryptedSum(releasedCardinality, PointList.empty());
    }
    ECPoint publicKey = reply.publicKey().point(0, "step 2 public key");
    // Adding a fresh encryption of the noise also re-randomises the sum: the value party cannot tell
    // which of its ciphertexts went into it.
    Ciphertext released = sum.add(ExponentialElGamal.encrypt(publicKey, noise.sumNoise(), random));
    return new EncryptedSum(releasedCardinality,
        PointList.of(List.of(released.c1().normalize(), released.c2().normalize())));
  }

  private void finish(Release release) {
    release.checkShape(parameters.computesSum());
    if (release.cardinality() != releasedCardinality) {
      throw new ProtocolViolationException("step 4 does not release the size sent in step 3");
    }
    result = noise.result(releasedCardinality, release.sum(), size, valuePartySize);
  }

  @Override
  public Optional<PsiResult> result() {
    return Optional.ofNullable(result);
  }
}
