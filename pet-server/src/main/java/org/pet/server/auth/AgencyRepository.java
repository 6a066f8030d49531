package org.pet.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.pet.server.store.Database;

/** Registered agencies (id and Ed25519 public key) and the nonces of their signed requests. */
public final class AgencyRepository {

  private final Database database;

  public AgencyRepository(Database database) {
    this.database = database;
  }

  public void insert(String id, byte[] publicKey) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO agencies (id, public_key, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey));
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

  /** Records a nonce; false if the agency used it before (a replay). */
  public boolean firstUse(String agency, String nonce, long now) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO request_nonces (agency_id, nonce, seen_at) VALUES (?, ?, ?)")) {
      insert.setString(1, agency);
      insert.setString(2, nonce);
      insert.setLong(3, now);
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Database.isConstraintViolation(e)) {
        return false; // the nonce was used already
      }
      throw e;
    }
  }
}
