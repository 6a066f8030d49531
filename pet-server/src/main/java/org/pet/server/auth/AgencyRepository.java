package org.pet.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.pet.server.store.Database;
import org.pet.server.store.Transaction;

/** Registered agencies (id and Ed25519 public key) and the nonces of their signed requests. */
public final class AgencyRepository {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final Database database;

  public AgencyRepository(Database database) {
    this.database = database;
  }

  /** Inserts an agency within {@code transaction}; a taken id is a constraint violation. */
  void insert(Transaction transaction, String id, byte[] publicKey) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement(
        "INSERT INTO agencies (id, public_key, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, B64.encodeToString(publicKey));
      insert.setString(3, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  public Optional<byte[]> publicKey(String id) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT public_key FROM agencies WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(Base64.getUrlDecoder().decode(row.getString(1))) : Optional.empty();
      }
    }
  }

  /** The agency registered with this public key, if any. */
  Optional<String> withKey(Transaction transaction, byte[] publicKey) throws SQLException {
    try (PreparedStatement select = transaction.connection().prepareStatement(
        "SELECT id FROM agencies WHERE public_key = ?")) {
      select.setString(1, B64.encodeToString(publicKey));
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Records a request's nonce with the request's timestamp; false if the agency used the nonce before (a
   * replay).
   */
  public boolean firstUse(String agency, String nonce, long requestTimestamp) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO request_nonces (agency_id, nonce, seen_at) VALUES (?, ?, ?)")) {
      insert.setString(1, agency);
      insert.setString(2, nonce);
      insert.setLong(3, requestTimestamp);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Database.isConstraintViolation(e)) {
        return false; // the nonce was used already
      }
      throw e;
    }
  }

  /**
   * Forgets the nonces of requests whose timestamp is before {@code oldestAccepted} (Unix seconds): the
   * timestamp check refuses a replay of those requests anyway.
   *
   * @return how many were removed
   */
  public int pruneNonces(long oldestAccepted) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement delete = connection.prepareStatement("DELETE FROM request_nonces WHERE seen_at < ?")) {
      delete.setLong(1, oldestAccepted);
      return delete.executeUpdate();
    }
  }
}
