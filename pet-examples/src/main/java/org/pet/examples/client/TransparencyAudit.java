package org.pet.examples.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.pet.server.query.Budget;
import org.pet.server.transparency.LedgerAudit;
import org.pet.transparency.LogEntry;
import org.pet.transparency.LogVerification;
import org.pet.transparency.MerkleTree;
import org.pet.transparency.SignedCheckpoint;

/**
 * What the public checks of a pet server's transparency log, without trusting the server: the latest
 * checkpoint is signed by the expected key; the served entries are exactly the ones it covers (an edited
 * entry is located with the server's own inclusion proofs and named); the log extends the checkpoint a
 * verifier saved on an earlier run (a log that shrank, was rewritten or forked fails, as does a new
 * signing key); and every budget ledger the server holds equals the charges the log records.
 */
public final class TransparencyAudit {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * The outcome.
   *
   * @param copy the log as fetched
   * @param serverKey the key the server signs with
   * @param problems everything found wrong, in words; empty if the log passed
   * @param ledgers how many ledgers were checked against the log
   */
  public record Report(TransparencyLogCopy copy, byte[] serverKey, List<String> problems, int ledgers) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * A checkpoint a verifier accepted before, with the key that signed it.
   *
   * @param publicKey the server key at the time
   * @param checkpoint the signed checkpoint
   */
  public record Saved(byte[] publicKey, SignedCheckpoint checkpoint) {}

  private TransparencyAudit() {}

  /**
   * Fetches and checks a server's log.
   *
   * @param expectedKey the key the log must be signed with (pinned by the user), or null
   * @param saved the checkpoint accepted on an earlier run, or null
   * @throws PetApiException if the server cannot be reached or refuses
   */
  public static Report audit(PetClient client, byte[] expectedKey, Saved saved) {
    byte[] serverKey = TransparencyLogCopy.fetchServerKey(client);
    List<String> problems = new ArrayList<>();
    if (expectedKey != null && !MessageDigest.isEqual(expectedKey, serverKey)) {
      problems.add("the server signs with key " + base64(serverKey) + ", not the expected key " + base64(expectedKey));
    }
    if (saved != null && !MessageDigest.isEqual(saved.publicKey(), serverKey)) {
      problems.add("the server now signs with key " + base64(serverKey) + ", not the key " + base64(saved.publicKey())
          + " of the saved checkpoint (a key swap)");
    }
    TransparencyLogCopy copy = TransparencyLogCopy.fetch(client);
    SignedCheckpoint checkpoint = copy.checkpoint();
    List<LogEntry> entries;
    try {
      entries = copy.entries();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return new Report(copy, serverKey, problems, 0);
    }
    checkEntries(client, copy, entries, checkpoint, serverKey, problems);
    if (saved != null && MessageDigest.isEqual(saved.publicKey(), serverKey)) {
      checkExtends(client, entries, saved, checkpoint, serverKey, problems);
    }
    LedgerAudit ledgers = new LedgerAudit();
    entries.forEach(ledgers::add);
    Map<String, Map<String, Budget>> held = LedgerAudit.fromJson(new JsonObject(client.get("/v1/transparency/ledgers")
        .toString()));
    problems.addAll(ledgers.compare(held));
    int count = held.values().stream().mapToInt(Map::size).sum();
    return new Report(copy, serverKey, List.copyOf(problems), count);
  }

  private static void checkEntries(PetClient client, TransparencyLogCopy copy, List<LogEntry> entries,
      SignedCheckpoint checkpoint, byte[] key, List<String> problems) {
    long size = checkpoint.checkpoint().treeSize();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).index() != i) {
        problems.add("entry " + i + " is missing: the server skips from entry " + (i - 1) + " to "
            + entries.get(i).index() + " (deleted)");
        return;
      }
    }
    if (entries.size() < size) {
      problems.add("the server serves " + entries.size() + " entries but its signed checkpoint covers " + size
          + ": entries " + entries.size() + " to " + (size - 1) + " were deleted");
      return;
    }
    LogVerification.Result result = copy.verify(key);
    if (result.valid()) {
      return;
    }
    if (result.problem().startsWith("root of")) {
      problems.add(locateEdit(client, entries, checkpoint));
    } else {
      problems.add(result.problem());
    }
  }

  /**
   * Names an entry that differs from the signed tree, asking the server for inclusion proofs: each proof
   * is checked against the signed root, then its sibling hashes are compared with the hashes of the same
   * ranges of the served entries; a mismatching range holds an edited entry, and the search continues in
   * it. Takes O(log n) requests.
   */
  private static String locateEdit(PetClient client, List<LogEntry> entries, SignedCheckpoint checkpoint) {
    long size = checkpoint.checkpoint().treeSize();
    byte[] root = checkpoint.checkpoint().rootHash();
    List<byte[]> leaves = entries.stream().map(LogEntry::leafHash).toList();
    long regionStart = 0;
    long regionEnd = size;
    long probe = 0;
    for (int step = 0; step < 128; step++) {
      JsonNode answer = client.get("/v1/transparency/proof/inclusion?index=" + probe + "&size=" + size);
      byte[] signedLeaf = HEX.parseHex(answer.path("leafHash").asText());
      List<byte[]> path = new ArrayList<>();
      answer.path("auditPath").forEach(node -> path.add(HEX.parseHex(node.asText())));
      if (!MerkleTree.verifyInclusion(signedLeaf, probe, size, path, root)) {
        return "the server's inclusion proof for entry " + probe + " does not verify against its own checkpoint";
      }
      if (!MessageDigest.isEqual(signedLeaf, leaves.get((int) probe))) {
        return "entry " + probe + " differs from the entry the server signed (rewritten)";
      }
      List<long[]> ranges = MerkleTree.auditPathRanges(probe, size);
      long[] next = null;
      for (int i = 0; i < ranges.size() && i < path.size(); i++) {
        long[] range = ranges.get(i);
        if (range[0] >= regionStart && range[1] <= regionEnd
            && !MessageDigest.isEqual(path.get(i), MerkleTree.root(leaves.subList((int) range[0], (int) range[1])))) {
          next = range;
          break;
        }
      }
      if (next == null) {
        break;
      }
      regionStart = next[0];
      regionEnd = next[1];
      probe = regionStart;
    }
    return "the served entries do not match the signed checkpoint's root (rewritten)";
  }

  private static void checkExtends(PetClient client, List<LogEntry> entries, Saved saved, SignedCheckpoint now,
      byte[] key, List<String> problems) {
    long before = saved.checkpoint().checkpoint().treeSize();
    long after = now.checkpoint().treeSize();
    if (!saved.checkpoint().verifiedBy(saved.publicKey())) {
      problems.add("the saved checkpoint's signature does not verify with its key (the file was altered)");
      return;
    }
    if (after < before) {
      problems.add("the log shrank: the saved checkpoint covers " + before + " entries, the server's latest only "
          + after + " (entries deleted or the log rolled back)");
      return;
    }
    if (entries.size() >= before && !MessageDigest.isEqual(saved.checkpoint().checkpoint().rootHash(),
        MerkleTree.root(entries.subList(0, (int) before).stream().map(LogEntry::leafHash).toList()))) {
      problems.add("the first " + before + " entries are not those of the saved checkpoint: the history was "
          + "rewritten or forked");
      return;
    }
    List<byte[]> proof = new ArrayList<>();
    client.get("/v1/transparency/proof/consistency?from=" + before + "&to=" + after).path("proof")
        .forEach(node -> proof.add(HEX.parseHex(node.asText())));
    LogVerification.Result extended = LogVerification.verifyExtends(saved.checkpoint(), now, proof, key);
    if (!extended.valid()) {
      problems.add("the log does not extend the saved checkpoint: " + extended.problem());
    }
  }

  private static String base64(byte[] key) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
