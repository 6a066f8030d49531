package org.pet.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.pet.transparency.LogEntry;

/** Stores transparency log entries; appends are rejected if the index is taken (no forks). */
public final class TransparencyLogRepository {

  private static final HexFormat HEX = HexFormat.of();
  private final Database database;

  public TransparencyLogRepository(Database database) {
    this.database = database;
  }

  public void append(LogEntry entry) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO transparency_log "
            + "(entry_index, created_at, entry_type, payload, previous_hash, entry_hash, signature) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, entry.index());
      insert.setString(2, entry.timestamp());
      insert.setString(3, entry.type());
      insert.setString(4, entry.payload());
      insert.setString(5, HEX.formatHex(entry.previousHash()));
      insert.setString(6, HEX.formatHex(entry.hash()));
      insert.setString(7, HEX.formatHex(entry.signature()));
      insert.executeUpdate();
    }
  }

  public Optional<LogEntry> last() throws SQLException {
    List<LogEntry> entries = query("SELECT * FROM transparency_log ORDER BY entry_index DESC", 0, 1);
    return entries.stream().findFirst();
  }

  /** Entries with index >= {@code from}, in order, at most {@code limit}. */
  public List<LogEntry> page(long from, int limit) throws SQLException {
    return query("SELECT * FROM transparency_log WHERE entry_index >= ? ORDER BY entry_index", from, limit);
  }

  private List<LogEntry> query(String sql, long from, int limit) throws SQLException {
    try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
      if (sql.contains("?")) {
        select.setLong(1, from);
      }
      select.setMaxRows(limit);
      List<LogEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(new LogEntry(rows.getLong("entry_index"), rows.getString("created_at"),
              rows.getString("entry_type"), rows.getString("payload"), HEX.parseHex(rows.getString("previous_hash")),
              HEX.parseHex(rows.getString("entry_hash")), HEX.parseHex(rows.getString("signature"))));
        }
      }
      return entries;
    }
  }
}
