package org.pet.server.rounds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pet.server.store.Database;
import org.pet.server.store.Transaction;

/** Rounds and their event history (accepted messages and phase closings), for resuming after a restart. */
public final class RoundRepository {

  /**
   * One stored event: a message of a phase from a sender (base64url), or a closing ({@code sender} null,
   * {@code message} the ISO-8601 time it closed, or null in rounds stored before that was kept).
   */
  public record Event(int seq, String kind, String sender, String message) {}

  private final Database database;

  public RoundRepository(Database database) {
    this.database = database;
  }

  public Database database() {
    return database;
  }

  void insertRound(Transaction transaction, String id, String parametersJson) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement(
        "INSERT INTO rounds (id, parameters, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, parametersJson);
      insert.setString(3, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  void appendEvent(Transaction transaction, String roundId, Event event) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement(
            "INSERT INTO round_events (round_id, seq, kind, sender, message) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, roundId);
      insert.setInt(2, event.seq());
      insert.setString(3, event.kind());
      insert.setString(4, event.sender());
      insert.setString(5, event.message());
      insert.executeUpdate();
    }
  }

  /** Every round's parameters, in creation order. */
  public Map<String, String> rounds() throws SQLException {
    Map<String, String> rounds = new LinkedHashMap<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT id, parameters FROM rounds ORDER BY created_at");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        rounds.put(rows.getString(1), rows.getString(2));
      }
    }
    return rounds;
  }

  public List<Event> events(String roundId) throws SQLException {
    List<Event> events = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT seq, kind, sender, message FROM round_events WHERE round_id = ? ORDER BY seq")) {
      select.setString(1, roundId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(new Event(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
    return events;
  }
}
