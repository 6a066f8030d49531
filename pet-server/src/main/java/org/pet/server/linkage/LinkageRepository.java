package org.pet.server.linkage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.pet.server.store.Database;
import org.pet.server.store.Transaction;

/** Linkage sessions and their relayed messages. */
public final class LinkageRepository {

  /** A stored session: its parameters JSON and, once completed, its result JSON (else null). */
  public record Session(String parametersJson, String resultJson) {}

  private final Database database;

  public LinkageRepository(Database database) {
    this.database = database;
  }

  Database database() {
    return database;
  }

  void insertSession(Transaction transaction, String id, String parametersJson) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement(
            "INSERT INTO linkage_sessions (id, parameters, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, parametersJson);
      insert.setString(3, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  Optional<Session> session(String id) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT parameters, result FROM linkage_sessions WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Session(row.getString(1), row.getString(2))) : Optional.empty();
      }
    }
  }

  /** The number of messages relayed so far: the next step is this plus one. */
  int messageCount(String sessionId) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT COUNT(*) FROM linkage_messages WHERE session_id = ?")) {
      select.setString(1, sessionId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /**
   * Stores a step's message and, for the last step, the session's result, within {@code transaction}; a
   * step stored already is a constraint violation.
   */
  void insertMessage(Transaction transaction, String sessionId, int step, String sender, byte[] message,
      String resultJson) throws SQLException {
    Connection connection = transaction.connection();
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO linkage_messages (session_id, step, sender, message) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, sessionId);
      insert.setInt(2, step);
      insert.setString(3, sender);
      insert.setString(4, Base64.getUrlEncoder().withoutPadding().encodeToString(message));
      insert.executeUpdate();
    }
    if (resultJson != null) {
      try (PreparedStatement update = connection.prepareStatement("UPDATE linkage_sessions SET result = ? WHERE id = ?")) {
        update.setString(1, resultJson);
        update.setString(2, sessionId);
        update.executeUpdate();
      }
    }
  }

  Optional<byte[]> message(String sessionId, int step) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT message FROM linkage_messages WHERE session_id = ? AND step = ?")) {
      select.setString(1, sessionId);
      select.setInt(2, step);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(Base64.getUrlDecoder().decode(row.getString(1))) : Optional.empty();
      }
    }
  }
}
