package org.pet.server.transparency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.pet.server.store.Transaction;
import org.pet.server.store.TransparencyLogRepository;
import org.pet.transparency.Checkpoint;
import org.pet.transparency.CheckpointSigner;
import org.pet.transparency.LogEntry;
import org.pet.transparency.MerkleLog;
import org.pet.transparency.SignedCheckpoint;

/**
 * The public transparency log as an RFC 9162 Merkle tree: every entry is a leaf; after each append the
 * server signs a checkpoint (origin, tree size, root hash, time) with its Ed25519 key, stored in the same
 * transaction as the entry. Inclusion and consistency proofs come from an in-memory copy of the tree,
 * rebuilt from the stored entries at start.
 *
 * <p>An entry is appended inside the transaction of the change it records ({@link #append}), so a change
 * and its entry commit together or not at all. Appends are serialised: the first append of a transaction
 * takes the log's lock and holds it until the transaction commits or rolls back, so an append must be the
 * transaction's last write (no row lock may be taken after it). A checkpoint is served only once the
 * transaction that wrote it is durable, so no verifier can save a checkpoint that a crash then takes back;
 * entries appended after the served checkpoint may already be readable, and are covered by the next.
 *
 * <p>At start the service refuses to run (IllegalStateException with a message for the operator) when
 * the log cannot be extended honestly: entries present but the key file missing, a key that does not
 * verify the stored checkpoint, or entries that do not match it (deleted, added or edited outside the
 * server). Blocking: call off the event loop.
 */
public final class TransparencyService {

  private static final HexFormat HEX = HexFormat.of();

  private final TransparencyLogRepository repository;
  private final Clock clock;
  private final ServerSigningKey key;
  private final String origin;
  private final CheckpointSigner signer;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}; may hold uncommitted leaves while a writer holds the lock. */
  private final MerkleLog tree = new MerkleLog();
  private volatile SignedCheckpoint latest;

  /**
   * Opens the log stored in {@code repository}, with the signing key in {@code dataDirectory}.
   *
   * @throws IllegalStateException if the log and the key do not belong together (see the class comment)
   */
  public TransparencyService(TransparencyLogRepository repository, Path dataDirectory, Clock clock)
      throws SQLException {
    this.repository = repository;
    this.clock = clock;
    Path keyFile = ServerSigningKey.file(dataDirectory);
    Optional<String> stored = repository.checkpoint();
    List<byte[]> leaves = new ArrayList<>();
    long[] expected = {0};
    String[] gap = {null};
    repository.forEach(0, Long.MAX_VALUE, entry -> {
      if (entry.index() != expected[0] && gap[0] == null) {
        gap[0] = "entry " + expected[0] + " is missing (the next stored entry is " + entry.index() + ")";
      }
      expected[0] = entry.index() + 1;
      leaves.add(entry.leafHash());
    });
    boolean empty = leaves.isEmpty() && stored.isEmpty();
    if (!Files.exists(keyFile)) {
      if (!empty) {
        throw new IllegalStateException("the transparency log holds " + leaves.size() + " entries but the server "
            + "signing key " + keyFile + " is missing. Restore the key file from your backup (README: 'The log's "
            + "signing key'); a new key would leave every published checkpoint unverifiable.");
      }
      this.key = ServerSigningKey.create(keyFile);
    } else {
      this.key = ServerSigningKey.read(keyFile);
    }
    this.origin = origin(key.publicKey());
    this.signer = new CheckpointSigner(origin, key.privateKey());
    leaves.forEach(tree::append);
    if (stored.isEmpty()) {
      if (!leaves.isEmpty()) {
        throw new IllegalStateException("the transparency log holds " + leaves.size() + " entries but no signed "
            + "checkpoint" + (repository.hasChainedEntries() ? ": it was written by pet 0.1 (a hash chain), which "
            + "this version cannot extend. Verify it with pet 0.1 and start this version on a new data directory."
            : ". Restore the database from a backup."));
      }
      latest = sign(0);
      return;
    }
    SignedCheckpoint checkpoint;
    try {
      checkpoint = SignedCheckpoint.parse(stored.get());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the stored transparency checkpoint is malformed (" + e.getMessage()
          + "). Restore the database from a backup.");
    }
    if (!checkpoint.verifiedBy(key.publicKey()) || !checkpoint.checkpoint().origin().equals(origin)) {
      throw new IllegalStateException("the server signing key " + keyFile + " does not match the transparency "
          + "log: its latest checkpoint was signed by another key (" + checkpoint.checkpoint().origin() + ", this "
          + "key is " + origin + "). Restore the key file that belongs to this log from your backup.");
    }
    String mismatch = gap[0] != null ? gap[0]
        : checkpoint.checkpoint().treeSize() != tree.size() ? "the log has " + tree.size() + " entries but its "
            + "latest signed checkpoint covers " + checkpoint.checkpoint().treeSize()
        : !MessageDigest.isEqual(tree.root(), checkpoint.checkpoint().rootHash())
            ? "the entries' root hash is not the one its latest signed checkpoint states (an entry was edited)" : null;
    if (mismatch != null) {
      throw new IllegalStateException("the transparency log does not match its latest signed checkpoint: " + mismatch
          + ". Entries were changed outside the server; restore the database from a backup.");
    }
    latest = checkpoint;
  }

  /** The log's origin (the first line of its checkpoints): "pet/" and 16 hex digits of SHA-256(public key). */
  static String origin(byte[] publicKey) {
    return "pet/" + HEX.formatHex(org.pet.server.http.Digests.sha256(publicKey), 0, 8);
  }

  /** The server's Ed25519 public key, for verifying checkpoints. */
  public byte[] publicKey() {
    return key.publicKey();
  }

  public String origin() {
    return origin;
  }

  /**
   * Appends an event (its public details as canonical JSON) within {@code transaction} and signs the
   * checkpoint that covers it; both become visible when the transaction commits and vanish if it rolls
   * back. Must be the transaction's last write.
   */
  public LogEntry append(Transaction transaction, String type, String payloadJson) throws SQLException {
    lock.lock();
    long index = tree.size();
    transaction.onEnd(committed -> {
      try {
        if (!committed) {
          tree.truncate(index);
        }
      } finally {
        lock.unlock();
      }
    });
    LogEntry entry = new LogEntry(index, clock.instant().toString(), type, payloadJson);
    repository.append(transaction, entry);
    tree.append(entry.leafHash());
    SignedCheckpoint checkpoint = sign(tree.size());
    repository.saveCheckpoint(transaction, tree.size(), checkpoint.note());
    transaction.onDurable(() -> publish(checkpoint));
    return entry;
  }

  private SignedCheckpoint sign(long size) {
    return signer.sign(new Checkpoint(origin, size, tree.root(size), clock.instant()));
  }

  /**
   * Makes {@code checkpoint} the one served, unless a larger one already is: checkpoints are published
   * once durable, and transactions become durable together, in any order.
   */
  private synchronized void publish(SignedCheckpoint checkpoint) {
    if (checkpoint.checkpoint().treeSize() > latest.checkpoint().treeSize()) {
      latest = checkpoint;
    }
  }

  /** Appends an event in a transaction of its own (for events that change nothing else). */
  public LogEntry append(String type, String payloadJson) throws SQLException {
    return repository.database().inTransaction(tx -> append(tx, type, payloadJson));
  }

  /** The latest signed checkpoint (of committed entries only). */
  public SignedCheckpoint checkpoint() {
    return latest;
  }

  /**
   * An inclusion proof of entry {@code index} in the tree of {@code size} entries (RFC 9162 2.1.3).
   *
   * @throws IllegalArgumentException unless 0 <= index < size <= the latest checkpoint's size
   */
  public Proof inclusionProof(long index, long size) {
    requireCovered("size", size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("`index` must be in [0, " + size + "), was " + index);
    }
    lock.lock();
    try {
      return new Proof(tree.leafHash(index), tree.inclusionProof(index, size));
    } finally {
      lock.unlock();
    }
  }

  /**
   * A consistency proof between the trees of {@code from} and {@code to} entries (RFC 9162 2.1.4).
   *
   * @throws IllegalArgumentException unless 0 <= from <= to <= the latest checkpoint's size
   */
  public List<byte[]> consistencyProof(long from, long to) {
    requireCovered("to", to);
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("`from` must be in [0, " + to + "], was " + from);
    }
    lock.lock();
    try {
      return tree.consistencyProof(from, to);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The leaf hashes of entries {@code from} to {@code from + limit - 1} (fewer at the end of the signed log)
   * as the in-memory tree holds them: what the signed root covers, whatever the database now says.
   *
   * @throws IllegalArgumentException if from is negative or beyond the latest checkpoint's size
   */
  public List<byte[]> leafHashes(long from, int limit) {
    long size = latest.checkpoint().treeSize();
    requireCovered("from", from);
    List<byte[]> hashes = new ArrayList<>();
    lock.lock();
    try {
      for (long index = from; index < Math.min(size, from + limit); index++) {
        hashes.add(tree.leafHash(index));
      }
    } finally {
      lock.unlock();
    }
    return hashes;
  }

  /**
   * What is wrong with the log as the database holds it now, if anything: the stored checkpoint is not the
   * one the server signed last, or the number of stored entries is not its size (rows added or deleted
   * behind the server's back). Cheap: one count and one read; entries' contents are checked by
   * {@link #verifyEntries()}.
   */
  public Optional<String> storedStateProblem() throws SQLException {
    lock.lock(); // appends hold the lock until their transaction ends: the tree and the tables agree
    try {
      long stored = repository.count();
      if (stored != tree.size()) {
        return Optional.of("the database holds " + stored + " entries but the signed log " + tree.size());
      }
      Optional<String> note = repository.checkpoint();
      if (tree.size() == 0) {
        return Optional.empty();
      }
      if (note.isEmpty()) {
        return Optional.of("the stored checkpoint is missing");
      }
      SignedCheckpoint checkpoint = SignedCheckpoint.parse(note.get());
      if (!checkpoint.verifiedBy(key.publicKey()) || checkpoint.checkpoint().treeSize() != tree.size()
          || !MessageDigest.isEqual(checkpoint.checkpoint().rootHash(), tree.root())) {
        return Optional.of("the stored checkpoint is not the one the server signed last");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("the stored checkpoint is malformed");
    } finally {
      lock.unlock();
    }
  }

  /** A leaf's hash and its audit path. */
  public record Proof(byte[] leafHash, List<byte[]> path) {}

  private void requireCovered(String name, long size) {
    long covered = latest.checkpoint().treeSize();
    if (size < 0 || size > covered) {
      throw new IllegalArgumentException("`" + name + "` must be in [0, " + covered + "] (the latest checkpoint's "
          + "size), was " + size);
    }
  }

  public List<LogEntry> page(long from, int limit) throws SQLException {
    return repository.page(from, limit);
  }

  /**
   * Checks the stored entries against the tree the server signed: every stored entry's leaf hash equals
   * the signed one, no entry is missing up to the latest checkpoint, and the checkpoint verifies under the
   * server's key. Detects rows edited or deleted in the database while the server runs.
   *
   * @return the problems found, empty if none
   */
  public List<String> verifyEntries() throws SQLException {
    SignedCheckpoint checkpoint = latest;
    long size = checkpoint.checkpoint().treeSize();
    List<String> problems = new ArrayList<>();
    if (!checkpoint.verifiedBy(key.publicKey())) {
      problems.add("the latest checkpoint does not verify under the server's key");
    }
    List<byte[]> signed = new ArrayList<>();
    lock.lock();
    try {
      for (long i = 0; i < size; i++) {
        signed.add(tree.leafHash(i));
      }
    } finally {
      lock.unlock();
    }
    long[] next = {0};
    repository.forEach(0, size, entry -> {
      if (entry.index() != next[0]) {
        problems.add("entry " + next[0] + " is missing from the database");
      } else if (!MessageDigest.isEqual(entry.leafHash(), signed.get((int) entry.index()))) {
        problems.add("entry " + entry.index() + " differs from the signed log (edited in the database)");
      }
      next[0] = entry.index() + 1;
    });
    if (next[0] < size) {
      problems.add("entries " + next[0] + " to " + (size - 1) + " are missing from the database");
    }
    return problems;
  }

  /** Reads the whole stored log in order, up to the latest checkpoint's size. */
  public void forEachEntry(java.util.function.Consumer<LogEntry> action) throws SQLException {
    forEachEntry(0, action);
  }

  /** Streams the entries from index {@code from} up to the latest checkpoint's size, in order. */
  public void forEachEntry(long from, java.util.function.Consumer<LogEntry> action) throws SQLException {
    long size = latest.checkpoint().treeSize();
    if (from < size) { // a limit of 0 would mean "no limit" to JDBC
      repository.forEach(from, size - from, action);
    }
  }
}
