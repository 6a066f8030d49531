package org.pet.secagg;

import com.google.crypto.tink.util.Bytes;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pet.secagg.SecAggMessages.AdvertiseKeys;
import org.pet.secagg.SecAggMessages.KeyDirectory;
import org.pet.secagg.SecAggMessages.SurvivorSet;

/** Checks of the round's shared views, identical on the participant and the server side. */
final class SecAggVerification {

  private SecAggVerification() {}

  /** Verifies one advertisement: listed sender, and in authenticated rounds a valid identity signature. */
  static void checkAdvertisement(SecAggParameters parameters, AdvertiseKeys entry) {
    checkAdvertisement(parameters, entry, true);
  }

  private static void checkAdvertisement(SecAggParameters parameters, AdvertiseKeys entry, boolean signature) {
    if (!parameters.isParticipant(entry.sender())) {
      throw new ProtocolViolationException("keys advertised by unknown participant " + entry.sender());
    }
    if (entry.encryptionKey().equals(entry.maskingKey())) {
      throw new ProtocolViolationException(entry.sender() + " advertised the same key twice");
    }
    if (signature && parameters.authenticated() && !SecAggCrypto.verifies(
        parameters.identityKeys().get(entry.sender()).toByteArray(), entry.signature().toByteArray(),
        entry.signedContent(parameters))) {
      throw new ProtocolViolationException("invalid signature on the keys advertised by " + entry.sender());
    }
  }

  /**
   * Checks the key directory U1: listed, distinct senders with distinct keys, at least t entries, and valid
   * signatures on the entries whose keys {@code user} will use - those of its neighbours and itself (every
   * entry for the complete graph). The keys of others never reach its envelopes or masks, so in a SecAgg+
   * round it verifies k + 1 signatures rather than n.
   *
   * @return the entries by sender, in parameter order
   */
  static Map<String, AdvertiseKeys> checkDirectory(SecAggParameters parameters, KeyDirectory directory,
      CommunicationGraph graph, String user) {
    Map<String, AdvertiseKeys> bySender = new LinkedHashMap<>();
    Set<Bytes> keys = new HashSet<>();
    for (AdvertiseKeys entry : sortedBySender(parameters, directory.entries())) {
      boolean used = graph.isComplete() || entry.sender().equals(user) || graph.adjacent(user, entry.sender());
      checkAdvertisement(parameters, entry, used);
      if (bySender.put(entry.sender(), entry) != null) {
        throw new ProtocolViolationException("key directory lists " + entry.sender() + " twice");
      }
      if (!keys.add(entry.encryptionKey()) || !keys.add(entry.maskingKey())) {
        throw new ProtocolViolationException("key directory reuses a public key");
      }
    }
    requireThreshold(parameters, bySender.size(), "U1 (keys advertised)");
    return bySender;
  }

  /**
   * Checks that {@code subset} is a duplicate-free subset of {@code superset} containing {@code self},
   * with at least t members.
   *
   * @return the subset in parameter order
   */
  static List<String> checkSubset(SecAggParameters parameters, List<String> subset, Collection<String> superset,
      String self, String name) {
    Set<String> distinct = new HashSet<>(subset);
    if (distinct.size() != subset.size() || !superset.containsAll(distinct)) {
      throw new ProtocolViolationException(name + " must be a duplicate-free subset of the previous stage");
    }
    if (self != null && !distinct.contains(self)) {
      throw new ProtocolViolationException(name + " does not contain " + self);
    }
    requireThreshold(parameters, distinct.size(), name);
    return subset.stream().sorted(Comparator.comparingInt(parameters::indexOf)).toList();
  }

  /**
   * Checks that at least {@link SecAggParameters#signatureQuorum()} members of the survivor set signed it,
   * and that every signature verifies.
   */
  static void checkConsistencySignatures(
      SecAggParameters parameters, List<String> survivors, Map<String, Bytes> signatures) {
    byte[] content = new SurvivorSet(survivors).signedContent(parameters);
    for (Map.Entry<String, Bytes> signature : signatures.entrySet()) {
      if (!survivors.contains(signature.getKey())) {
        throw new ProtocolViolationException("consistency signature from non-survivor " + signature.getKey());
      }
      if (!SecAggCrypto.verifies(parameters.identityKeys().get(signature.getKey()).toByteArray(),
          signature.getValue().toByteArray(), content)) {
        throw new ProtocolViolationException("invalid consistency signature from " + signature.getKey());
      }
    }
    if (signatures.size() < parameters.signatureQuorum()) {
      throw new ProtocolViolationException("the survivor set carries " + signatures.size()
          + " consistency signatures, fewer than the " + (parameters.completeGraph() ? "threshold " : "quorum ")
          + parameters.signatureQuorum());
    }
  }

  static void requireThreshold(SecAggParameters parameters, int count, String stage) {
    if (count < parameters.threshold()) {
      throw new RoundAbortedException(
          stage + " has " + count + " participants, fewer than the threshold " + parameters.threshold());
    }
  }

  private static List<AdvertiseKeys> sortedBySender(SecAggParameters parameters, List<AdvertiseKeys> entries) {
    entries.forEach(entry -> {
      if (!parameters.isParticipant(entry.sender())) {
        throw new ProtocolViolationException("keys advertised by unknown participant " + entry.sender());
      }
    });
    return entries.stream().sorted(Comparator.comparingInt(e -> parameters.indexOf(e.sender()))).toList();
  }
}
