package org.pet.secagg;

import com.google.crypto.tink.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The messages of the masking protocol (Bonawitz et al., CCS 2017), in the order they are exchanged.
 * Each is an immutable value with a stable binary encoding ({@code toBytes()}/{@code fromBytes(byte[])},
 * format in {@link Wire}); decoding malformed bytes throws {@link ProtocolViolationException}.
 *
 * <p>Tags: 1 AdvertiseKeys, 2 KeyDirectory, 3 ShareKeys, 4 ShareDelivery, 5 MaskedInput, 6 SurvivorSet,
 * 7 ConsistencyCheck, 8 UnmaskingRequest, 9 Unmasking.
 */
public final class SecAggMessages {

  private SecAggMessages() {}

  /**
   * Round 0, participant to server: two fresh X25519 public keys (c for share envelopes, s for pairwise
   * masks), signed in the authenticated variant over {@link #signedContent(String)}.
   */
  public record AdvertiseKeys(String sender, Bytes encryptionKey, Bytes maskingKey, Bytes signature) {
    public AdvertiseKeys {
      Objects.requireNonNull(sender, "sender");
      requireKey(encryptionKey, "encryptionKey");
      requireKey(maskingKey, "maskingKey");
      Objects.requireNonNull(signature, "signature");
    }

    /** The signed bytes in a complete-graph round: tag 101, round id, sender, encryption key, masking key. */
    public byte[] signedContent(String roundId) {
      return signed(roundId).toByteArray();
    }

    /**
     * The signed bytes in the round {@code parameters} describes: those of {@link #signedContent(String)},
     * followed in a SecAgg+ round by the version byte 2 and k, so keys advertised for one graph are never
     * accepted under another.
     */
    public byte[] signedContent(SecAggParameters parameters) {
      Wire.Writer out = signed(parameters.roundId());
      parameters.bindGraph(out);
      return out.toByteArray();
    }

    private Wire.Writer signed(String roundId) {
      return new Wire.Writer(101).string(roundId).string(sender).bytes(encryptionKey).bytes(maskingKey);
    }

    public byte[] toBytes() {
      return new Wire.Writer(1).string(sender).bytes(encryptionKey).bytes(maskingKey).bytes(signature)
          .toByteArray();
    }

    public static AdvertiseKeys fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 1, "AdvertiseKeys");
      AdvertiseKeys message = decodeAdvertise(in);
      in.end();
      return message;
    }
  }

  private static AdvertiseKeys decodeAdvertise(Wire.Reader in) {
    try {
      return new AdvertiseKeys(in.string(), in.bytesValue(), in.bytesValue(), in.bytesValue());
    } catch (IllegalArgumentException e) {
      throw new ProtocolViolationException("malformed AdvertiseKeys: " + e.getMessage());
    }
  }

  /** Round 0 result, server to all: the advertised keys of the participants that answered (U1). */
  public record KeyDirectory(List<AdvertiseKeys> entries) {
    public KeyDirectory {
      entries = List.copyOf(entries);
    }

    public byte[] toBytes() {
      Wire.Writer out = new Wire.Writer(2).integer(entries.size());
      entries.forEach(entry -> out.bytes(entry.toBytes()));
      return out.toByteArray();
    }

    public static KeyDirectory fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 2, "KeyDirectory");
      int count = in.integer();
      if (count < 0 || count > SecAggParameters.MAX_PARTICIPANTS) {
        throw new ProtocolViolationException("malformed KeyDirectory message: bad count " + count);
      }
      List<AdvertiseKeys> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        entries.add(AdvertiseKeys.fromBytes(in.bytes()));
      }
      in.end();
      return new KeyDirectory(entries);
    }
  }

  /**
   * Round 1, participant to server: for every other member of U1, an AES-GCM envelope holding the
   * sender's Shamir shares of its self-mask seed b and its masking private key, readable only by the
   * recipient. Keys of {@code envelopes} are recipient ids.
   */
  public record ShareKeys(String sender, SortedMap<String, Bytes> envelopes) {
    public ShareKeys {
      Objects.requireNonNull(sender, "sender");
      envelopes = Wire.sortedCopy(envelopes);
    }

    public byte[] toBytes() {
      return new Wire.Writer(3).string(sender).byteMap(envelopes).toByteArray();
    }

    public static ShareKeys fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 3, "ShareKeys");
      ShareKeys message = new ShareKeys(in.string(), in.byteMap());
      in.end();
      return message;
    }
  }

  /**
   * Round 1 result, server to one participant: the ids that completed round 1 (U2) and the envelopes
   * addressed to {@code recipient}, keyed by sender.
   */
  public record ShareDelivery(String recipient, List<String> senders, SortedMap<String, Bytes> envelopes) {
    public ShareDelivery {
      Objects.requireNonNull(recipient, "recipient");
      senders = List.copyOf(senders);
      envelopes = Wire.sortedCopy(envelopes);
    }

    public byte[] toBytes() {
      return new Wire.Writer(4).string(recipient).strings(senders).byteMap(envelopes).toByteArray();
    }

    public static ShareDelivery fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 4, "ShareDelivery");
      ShareDelivery message = new ShareDelivery(in.string(), in.strings(), in.byteMap());
      in.end();
      return message;
    }
  }

  /** Round 2, participant to server: y = x + PRG(b) + sum of signed pairwise masks, in Z_2^64. */
  public record MaskedInput(String sender, long[] maskedVector) {
    public MaskedInput {
      Objects.requireNonNull(sender, "sender");
      maskedVector = maskedVector.clone();
    }

    @Override
    public long[] maskedVector() {
      return maskedVector.clone();
    }

    long[] vectorView() {
      return maskedVector;
    }

    public byte[] toBytes() {
      return new Wire.Writer(5).string(sender).longs(maskedVector).toByteArray();
    }

    public static MaskedInput fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 5, "MaskedInput");
      MaskedInput message = new MaskedInput(in.string(), in.longs());
      in.end();
      return message;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof MaskedInput that && that.sender.equals(sender)
          && Arrays.equals(that.maskedVector, maskedVector);
    }

    @Override
    public int hashCode() {
      return 31 * sender.hashCode() + Arrays.hashCode(maskedVector);
    }

    @Override
    public String toString() {
      return "MaskedInput{sender=" + sender + ", length=" + maskedVector.length + "}";
    }
  }

  /** Round 2 result, server to all: the ids whose masked input arrived (U3), in parameter order. */
  public record SurvivorSet(List<String> survivors) {
    public SurvivorSet {
      survivors = List.copyOf(survivors);
    }

    /** The bytes each participant signs in a complete-graph round's consistency check: tag 107, round id, survivors. */
    public byte[] signedContent(String roundId) {
      return new Wire.Writer(107).string(roundId).strings(survivors).toByteArray();
    }

    /**
     * The bytes signed in the round {@code parameters} describes: those of {@link #signedContent(String)},
     * followed in a SecAgg+ round by the version byte 2 and k.
     */
    public byte[] signedContent(SecAggParameters parameters) {
      Wire.Writer out = new Wire.Writer(107).string(parameters.roundId()).strings(survivors);
      parameters.bindGraph(out);
      return out.toByteArray();
    }

    public byte[] toBytes() {
      return new Wire.Writer(6).strings(survivors).toByteArray();
    }

    public static SurvivorSet fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 6, "SurvivorSet");
      SurvivorSet message = new SurvivorSet(in.strings());
      in.end();
      return message;
    }
  }

  /** Round 3 (authenticated variant), participant to server: its signature over the survivor set. */
  public record ConsistencyCheck(String sender, Bytes signature) {
    public ConsistencyCheck {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(signature, "signature");
    }

    public byte[] toBytes() {
      return new Wire.Writer(7).string(sender).bytes(signature).toByteArray();
    }

    public static ConsistencyCheck fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 7, "ConsistencyCheck");
      ConsistencyCheck message = new ConsistencyCheck(in.string(), in.bytesValue());
      in.end();
      return message;
    }
  }

  /**
   * Round 3 result, server to all: the survivor set U3 and (authenticated variant) at least t signatures
   * on it from members of U3, keyed by signer.
   */
  public record UnmaskingRequest(List<String> survivors, SortedMap<String, Bytes> signatures) {
    public UnmaskingRequest {
      survivors = List.copyOf(survivors);
      signatures = Wire.sortedCopy(signatures);
    }

    public byte[] toBytes() {
      return new Wire.Writer(8).strings(survivors).byteMap(signatures).toByteArray();
    }

    public static UnmaskingRequest fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 8, "UnmaskingRequest");
      UnmaskingRequest message = new UnmaskingRequest(in.strings(), in.byteMap());
      in.end();
      return message;
    }
  }

  /**
   * Round 4, participant to server: its shares of the masking private keys of the dropped participants
   * (U2 minus U3) and of the self-mask seeds of the survivors (U3), keyed by the owner of the secret. A
   * participant never reveals both kinds for one owner.
   */
  public record Unmasking(
      String sender, SortedMap<String, Bytes> maskingKeyShares, SortedMap<String, Bytes> selfMaskShares) {
    public Unmasking {
      Objects.requireNonNull(sender, "sender");
      maskingKeyShares = Wire.sortedCopy(maskingKeyShares);
      selfMaskShares = Wire.sortedCopy(selfMaskShares);
    }

    static Unmasking of(String sender, Map<String, ShamirSecretSharing.Share> maskingKeyShares,
        Map<String, ShamirSecretSharing.Share> selfMaskShares) {
      return new Unmasking(sender, encodeShares(maskingKeyShares), encodeShares(selfMaskShares));
    }

    public byte[] toBytes() {
      return new Wire.Writer(9).string(sender).byteMap(maskingKeyShares).byteMap(selfMaskShares).toByteArray();
    }

    public static Unmasking fromBytes(byte[] encoded) {
      Wire.Reader in = new Wire.Reader(encoded, 9, "Unmasking");
      Unmasking message = new Unmasking(in.string(), in.byteMap(), in.byteMap());
      in.end();
      return message;
    }
  }

  private static SortedMap<String, Bytes> encodeShares(Map<String, ShamirSecretSharing.Share> shares) {
    SortedMap<String, Bytes> encoded = new TreeMap<>();
    shares.forEach((owner, share) -> encoded.put(owner, Bytes.copyFrom(share.toBytes())));
    return encoded;
  }

  private static void requireKey(Bytes key, String name) {
    Objects.requireNonNull(key, name);
    if (key.size() != SecAggCrypto.KEY_BYTES) {
      throw new IllegalArgumentException("`" + name + "` must be a 32-byte X25519 public key");
    }
  }
}
