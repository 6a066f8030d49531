package org.pet.linkage;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.bouncycastle.math.ec.ECPoint;
import org.pet.linkage.ExponentialElGamal.Ciphertext;
import org.pet.linkage.PsiMessage.BlindedIdentifiers;
import org.pet.linkage.PsiMessage.EncryptedSum;
import org.pet.linkage.PsiMessage.Release;
import org.pet.linkage.PsiMessage.ValuePartyReply;
import org.pet.secagg.ProtocolViolationException;

/** P2 of Ion et al.: blinds both sets, encrypts its values, decrypts only the released sum. */
final class ValueParty implements PsiParty {

  private enum State { NEW, AWAITING_IDENTIFIERS, AWAITING_SUM, FINISHED, FAILED }

  private final PsiParameters parameters;
  private final Blinding blinding;
  private final SecureRandom random;
  private final LinkageNoise noise;
  private final ExponentialElGamal elGamal;
  private final int size;
  private final long maxSum;
  private Map<String, Long> values;
  private State state = State.NEW;
  private int identifierPartySize;
  private PsiResult result;

  ValueParty(PsiParameters parameters, Collection<PsiRecord> records, IdentifierNormalizer normalizer,
      SecureRandom random, RandomGenerator noiseRandom) {
    this.parameters = parameters;
    this.values = Inputs.values(records, normalizer, parameters.maxValue());
    this.size = values.size();
    this.random = random;
    this.blinding = new Blinding(parameters.sessionId(), random);
    this.noise = new LinkageNoise(parameters, noiseRandom);
    this.maxSum = (long) size * parameters.maxValue();
    if (parameters.computesSum() && maxSum + 2 * noise.sumNoiseBound() >= ExponentialElGamal.MAX_RANGE) {
      throw new IllegalArgumentException("the sum of " + size + " values of at most " + parameters.maxValue()
          + ", plus noise, spans more than 2^38 integers: too wide to decrypt; lower maxValue");
    }
    this.elGamal = parameters.computesSum() ? ExponentialElGamal.generate(random) : null;
  }

  @Override
  public PsiRole role() {
    return PsiRole.VALUE_PARTY;
  }

  @Override
  public List<PsiMessage> start() {
    if (state != State.NEW) {
      throw new IllegalStateException("the value party has already started");
    }
    state = State.AWAITING_IDENTIFIERS;
    return List.of();
  }

  @Override
  public List<PsiMessage> receive(PsiMessage message) {
    if (state == State.NEW) {
      start();
    }
    try {
      if (state == State.AWAITING_IDENTIFIERS && message instanceof BlindedIdentifiers identifiers) {
        ValuePartyReply reply = reply(identifiers);
        state = State.AWAITING_SUM;
        return List.of(reply);
      }
      if (state == State.AWAITING_SUM && message instanceof EncryptedSum sum) {
        Release release = release(sum);
        state = State.FINISHED;
        return List.of(release);
      }
      if (state == State.FINISHED || state == State.FAILED) {
        throw new IllegalStateException("the value party's session is " + state.name().toLowerCase(Locale.ROOT));
      }
      throw new ProtocolViolationException("the value party expected step "
          + (state == State.AWAITING_IDENTIFIERS ? 1 : 3) + ", got step " + message.step());
    } catch (ProtocolViolationException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private ValuePartyReply reply(BlindedIdentifiers message) {
    PointList theirs = message.blinded();
    identifierPartySize = theirs.size();
    List<ECPoint> doublyBlinded = new ArrayList<>(theirs.size());
    for (int index : Blinding.permutation(theirs.size(), random)) {
      doublyBlinded.add(blinding.blind(theirs.point(index, "step 1 blinded identifier")));
    }
    List<ECPoint> blinded = new ArrayList<>(size);
    List<Long> plain = new ArrayList<>(size);
    for (Map.Entry<String, Long> entry : values.entrySet()) {
      blinded.add(blinding.blind(blinding.hash(entry.getKey())));
      plain.add(entry.getValue());
    }
    values = null; // identifiers are no longer needed
    List<ECPoint> shuffledBlinded = new ArrayList<>(size);
    List<ECPoint> ciphertexts = new ArrayList<>(parameters.computesSum() ? 2 * size : 0);
    for (int index : Blinding.permutation(size, random)) {
      shuffledBlinded.add(blinded.get(index));
      if (parameters.computesSum()) {
        Ciphertext encrypted = ExponentialElGamal.encrypt(elGamal.publicKey(), plain.get(index), random);
        ciphertexts.add(encrypted.c1());
        ciphertexts.add(encrypted.c2());
      }
    }
    ECPoint[] normalized = ciphertexts.toArray(ECPoint[]::new);
    P256.CURVE.normalizeAll(normalized); // one field inversion for all, instead of one per point
    return new ValuePartyReply(PointList.of(doublyBlinded), PointList.of(shuffledBlinded),
        PointList.of(Arrays.asList(normalized)),
        parameters.computesSum() ? PointList.of(List.of(elGamal.publicKey())) : PointList.empty());
  }

  private Release release(EncryptedSum message) {
    message.checkShape(parameters.computesSum());
    OptionalLong sum = OptionalLong.empty();
    if (parameters.computesSum()) {
      Ciphertext ciphertext = new Ciphertext(message.encryptedSum().point(0, "step 3 ciphertext point"),
          message.encryptedSum().point(1, "step 3 ciphertext point"));
      long bound = noise.sumNoiseBound();
      try {
        sum = OptionalLong.of(elGamal.decrypt(ciphertext, -bound, maxSum + bound));
      } catch (IllegalStateException e) {
        throw new ProtocolViolationException("step 3's sum lies outside [" + -bound + ", " + (maxSum + bound)
            + "], the range an honest identifier party's noisy sum lies in", e);
      }
    }
    result = noise.result(message.cardinality(), sum, identifierPartySize, size);
    return new Release(message.cardinality(), sum);
  }

  @Override
  public Optional<PsiResult> result() {
    return Optional.ofNullable(result);
  }
}
