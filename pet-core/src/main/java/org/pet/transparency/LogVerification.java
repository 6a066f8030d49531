package org.pet.transparency;

import static org.pet.transparency.TransparencyChecks.checkNotNull;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifying a full copy of the transparency log against a signed checkpoint, as an auditor does with a
 * downloaded log and the log's pinned public key. Pure; safe from any thread.
 *
 * <p>A copy that passes {@link #verify} holds exactly the entries the log committed to in the checkpoint:
 * altering, removing, inserting or reordering an entry changes the root (up to SHA-256 collisions), and
 * the root is bound to the key by the signature. A verifier that also keeps the last checkpoint it accepted
 * and calls {@link #verifyExtends} detects a log that was truncated, rewritten or forked since then.
 */
public final class LogVerification {

  private LogVerification() {}

  /**
   * What a verifier found.
   *
   * @param valid whether every check passed
   * @param problem the first problem found, in words naming it; {@code "ok"} when valid
   */
  public record Result(boolean valid, String problem) {

    /** Checks the fields: a valid result has the problem "ok", an invalid one a non-blank problem. */
    public Result {
      checkNotNull("problem", problem);
      TransparencyChecks.require(valid == problem.equals("ok") && !problem.isBlank(), "problem",
          valid ? "\"ok\" for a valid result" : "a description other than \"ok\" for an invalid result",
          "\"" + problem + "\"");
    }

    /** The result of a copy that passed every check. */
    public static Result ok() {
      return new Result(true, "ok");
    }

    /** The result naming the first problem found. */
    public static Result failed(String problem) {
      return new Result(false, problem);
    }
  }

  /**
   * Verifies a full copy of the log: the checkpoint is signed by {@code publicKey} (key name = origin), the
   * entries have indices 0, 1, ..., n - 1 in order, n is the checkpoint's tree size, and the Merkle root of
   * their leaf hashes is the checkpoint's root. Reports the first failure in that order, e.g.
   * "checkpoint signature does not verify with the pinned key", "entry 3 has index 4", "the log has 5 entries
   * but the checkpoint covers 6", "root of the 6 entries does not match the checkpoint".
   *
   * @throws IllegalArgumentException if an argument is null, an entry is null, or the key is not 32 bytes
   */
  public static Result verify(List<LogEntry> entries, SignedCheckpoint checkpoint, byte[] publicKey) {
    checkNotNull("entries", entries);
    checkNotNull("checkpoint", checkpoint);
    checkPublicKey(publicKey);
    if (!checkpoint.verifiedBy(publicKey)) {
      return Result.failed("checkpoint signature does not verify with the pinned key");
    }
    MerkleLog tree = new MerkleLog();
    for (LogEntry entry : entries) {
      checkNotNull("entries[" + tree.size() + "]", entry);
      if (entry.index() != tree.size()) {
        return Result.failed("entry " + tree.size() + " has index " + entry.index());
      }
      tree.append(entry.leafHash());
    }
    Checkpoint signed = checkpoint.checkpoint();
    if (tree.size() != signed.treeSize()) {
      return Result.failed("the log has " + tree.size() + " entries but the checkpoint covers "
          + signed.treeSize());
    }
    if (!MessageDigest.isEqual(tree.root(), signed.rootHash())) {
      return Result.failed("root of the " + tree.size() + " entries does not match the checkpoint");
    }
    return Result.ok();
  }

  /**
   * Verifies that the log of a newer checkpoint extends that of an older one the verifier accepted before,
   * with a consistency proof between them (RFC 9162 section 2.1.4.2): same origin, both signed by
   * {@code publicKey}, the tree did not shrink, and the proof verifies. A failure means the log was
   * truncated, rewritten or forked - or the proof is wrong.
   *
   * @param older the checkpoint accepted before
   * @param newer the checkpoint now presented
   * @param proof the consistency proof from {@code older}'s size to {@code newer}'s
   * @throws IllegalArgumentException if an argument is null or the key is not 32 bytes
   */
  public static Result verifyExtends(SignedCheckpoint older, SignedCheckpoint newer, List<byte[]> proof,
      byte[] publicKey) {
    checkNotNull("older", older);
    checkNotNull("newer", newer);
    checkNotNull("proof", proof);
    checkPublicKey(publicKey);
    Checkpoint from = older.checkpoint();
    Checkpoint to = newer.checkpoint();
    if (!from.origin().equals(to.origin())) {
      return Result.failed("the checkpoints are of different logs: \"" + from.origin() + "\" and \""
          + to.origin() + "\"");
    }
    if (!older.verifiedBy(publicKey)) {
      return Result.failed("the older checkpoint's signature does not verify with the pinned key");
    }
    if (!newer.verifiedBy(publicKey)) {
      return Result.failed("checkpoint signature does not verify with the pinned key");
    }
    if (to.treeSize() < from.treeSize()) {
      return Result.failed("the log shrank from " + from.treeSize() + " to " + to.treeSize() + " entries");
    }
    if (!MerkleTree.verifyConsistency(from.treeSize(), to.treeSize(), from.rootHash(), to.rootHash(), proof)) {
      return Result.failed("the tree of " + to.treeSize() + " entries is not consistent with the older one of "
          + from.treeSize() + " entries");
    }
    return Result.ok();
  }

  private static void checkPublicKey(byte[] publicKey) {
    checkNotNull("publicKey", publicKey);
    TransparencyChecks.require(publicKey.length == 32, "publicKey", "32 bytes", publicKey.length + " bytes");
  }
}
