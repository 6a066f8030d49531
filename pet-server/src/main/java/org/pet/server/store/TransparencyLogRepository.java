package org.pet.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.pet.transparency.LogEntry;

/**
 * Stores transparency log entries and the latest signed checkpoint. An index is taken once (the primary
 * key refuses a second entry at it), so a fork cannot be stored. Entries are appended inside the caller's
 * transaction, together with the change they record.
 */
public final class TransparencyLogRepository {

  private final Database database;

  public TransparencyLogRepository(Database database) {
    this.database = database;
  }

  public Database database() {
    return database;
  }

  /** Inserts an entry within {@code transaction}. */
  public void append(Transaction transaction, LogEntry entry) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement("INSERT INTO transparency_log "
        + "(entry_index, created_at, entry_type, payload) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, entry.index());
      insert.setString(2, entry.timestamp());
      insert.setString(3, entry.type());
      insert.setString(4, entry.payload());
      insert.executeUpdate();
    }
  }

  /** Replaces the stored checkpoint within {@code transaction}. */
  public void saveCheckpoint(Transaction transaction, long treeSize, String note) throws SQLException {
    Connection connection = transaction.connection();
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE transparency_checkpoint SET tree_size = ?, note = ? WHERE id = 1")) {
      update.setLong(1, treeSize);
      update.setString(2, note);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO transparency_checkpoint (id, tree_size, note) VALUES (1, ?, ?)")) {
      insert.setLong(1, treeSize);
      insert.setString(2, note);
      insert.executeUpdate();
    }
  }

  /** The stored checkpoint's note, if any. */
  public Optional<String> checkpoint() throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT note FROM transparency_checkpoint WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
    }
  }

  /** How many entries the database holds. */
  public long count() throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM transparency_log");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Whether any entry carries a hash of the pet 0.1 hash chain (a log this version cannot extend). */
  public boolean hasChainedEntries() throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT COUNT(*) FROM transparency_log WHERE entry_hash IS NOT NULL");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getLong(1) > 0;
    }
  }

  /** Entries with index >= {@code from}, in order, at most {@code limit}. */
  public List<LogEntry> page(long from, int limit) throws SQLException {
    List<LogEntry> entries = new ArrayList<>();
    forEach(from, limit, entries::add);
    return entries;
  }

  /** Streams the entries with index >= {@code from}, in order, at most {@code limit}, without holding them all. */
  public void forEach(long from, long limit, Consumer<LogEntry> action) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT entry_index, created_at, entry_type, payload "
            + "FROM transparency_log WHERE entry_index >= ? ORDER BY entry_index")) {
      select.setLong(1, from);
      select.setFetchSize(1000);
      if (limit < Integer.MAX_VALUE) {
        select.setMaxRows((int) limit);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          action.accept(new LogEntry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
  }
}
