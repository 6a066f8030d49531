package org.pet.secagg;

import com.google.crypto.tink.util.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pet.random.Randomness;
import org.pet.secagg.SecAggMessages.AdvertiseKeys;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.MaskedInput;
import org.pet.secagg.SecAggMessages.ShareDelivery;
import org.pet.secagg.SecAggMessages.ShareKeys;
import org.pet.secagg.SecAggMessages.SurvivorSet;

/**
 * A participant that colludes with the server, for adversarial tests: it follows rounds 0-2 exactly as
 * {@link SecAggClient} does (so honest peers accept its keys, envelopes and masks), then signs any
 * survivor set it is asked to and hands the server every share it holds - of each peer's self-mask seed
 * and of its masking key alike.
 */
final class ColludingAgency {

  private final SecAggParameters parameters;
  private final String id;
  private final IdentityKeyPair identity;
  private final SecAggCrypto.AgreementKeyPair encryptionKeys = SecAggCrypto.AgreementKeyPair.generate();
  private final SecAggCrypto.AgreementKeyPair maskingKeys = SecAggCrypto.AgreementKeyPair.generate();
  private final byte[] selfMaskSeed = new byte[Prg.SEED_BYTES];
  private final Map<String, ShamirSecretSharing.Share> selfMaskShares = new HashMap<>();
  private final Map<String, ShamirSecretSharing.Share> maskingKeyShares = new HashMap<>();
  private Map<String, AdvertiseKeys> directory;

  ColludingAgency(SecAggParameters parameters, String id, IdentityKeyPair identity) {
    this.parameters = parameters;
    this.id = id;
    this.identity = identity;
    Randomness.secureRandom().nextBytes(selfMaskSeed);
  }

  String id() {
    return id;
  }

  AdvertiseKeys advertiseKeys() {
    AdvertiseKeys unsigned = new AdvertiseKeys(id, Bytes.copyFrom(encryptionKeys.publicKey()),
        Bytes.copyFrom(maskingKeys.publicKey()), Bytes.copyFrom(new byte[0]));
    return new AdvertiseKeys(id, unsigned.encryptionKey(), unsigned.maskingKey(),
        Bytes.copyFrom(identity.sign(unsigned.signedContent(parameters))));
  }

  ShareKeys shareKeys(KeyDirectory keyDirectory) {
    directory = SecAggVerification.checkDirectory(parameters, keyDirectory, parameters.graph(), id);
    List<ShamirSecretSharing.Share> seedShares = parameters.shamir().split(selfMaskSeed);
    List<ShamirSecretSharing.Share> keyShares = parameters.shamir().split(maskingKeys.privateKey());
    SortedMap<String, Bytes> envelopes = new TreeMap<>();
    for (String peer : directory.keySet()) {
      int peerIndex = parameters.indexOf(peer);
      ShareEnvelope envelope = new ShareEnvelope(id, peer, seedShares.get(peerIndex - 1), keyShares.get(peerIndex - 1));
      if (peer.equals(id)) {
        keep(envelope);
      } else {
        envelopes.put(peer, Bytes.copyFrom(envelope.seal(envelopeKey(peer), parameters)));
      }
    }
    return new ShareKeys(id, envelopes);
  }

  /** Opens the envelopes and masks an all-zero input, exactly as an honest participant would. */
  MaskedInput maskedInput(ShareDelivery delivery) {
    for (Map.Entry<String, Bytes> entry : delivery.envelopes().entrySet()) {
      keep(ShareEnvelope.open(envelopeKey(entry.getKey()), entry.getValue().toByteArray(), parameters,
          entry.getKey(), id, parameters.indexOf(id)));
    }
    long[] masked = new long[parameters.vectorLength()];
    Prg.fromSeed(selfMaskSeed).addTo(masked);
    for (String peer : delivery.senders()) {
      if (!peer.equals(id)) {
        Prg pairwise = Prg.fromSeed(SecAggCrypto.agree(maskingKeys.privateKey(),
            directory.get(peer).maskingKey().toByteArray(), parameters.roundId(), SecAggCrypto.MASK_SEED_LABEL));
        if (parameters.indexOf(id) < parameters.indexOf(peer)) {
          pairwise.addTo(masked);
        } else {
          pairwise.subtractFrom(masked);
        }
      }
    }
    return new MaskedInput(id, masked);
  }

  /** Signs {@code survivors} with this agency's identity key, as many times as the server likes. */
  Bytes sign(List<String> survivors) {
    return Bytes.copyFrom(identity.sign(new SurvivorSet(survivors).signedContent(parameters)));
  }

  ShamirSecretSharing.Share selfMaskShareOf(String owner) {
    return selfMaskShares.get(owner);
  }

  ShamirSecretSharing.Share maskingKeyShareOf(String owner) {
    return maskingKeyShares.get(owner);
  }

  private byte[] envelopeKey(String peer) {
    return SecAggCrypto.agree(encryptionKeys.privateKey(), directory.get(peer).encryptionKey().toByteArray(),
        parameters.roundId(), SecAggCrypto.ENVELOPE_KEY_LABEL);
  }

  private void keep(ShareEnvelope envelope) {
    selfMaskShares.put(envelope.owner(), envelope.selfMaskShare());
    maskingKeyShares.put(envelope.owner(), envelope.maskingKeyShare());
  }
}
