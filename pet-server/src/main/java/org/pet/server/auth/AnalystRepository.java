package org.pet.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.pet.server.http.Ids;
import org.pet.server.store.Database;
import org.pet.server.store.Transaction;

/** Registered analysts: an id and the SHA-256 (hex) of their bearer token; the token itself is never stored. */
public final class AnalystRepository {

  /** The principal name of the administrator, never an analyst's id. */
  public static final String ADMIN = "admin";

  private final Database database;

  public AnalystRepository(Database database) {
    this.database = database;
  }

  /** Whether {@code id} may name an analyst: the {@link Ids} syntax, and not "admin". */
  public static boolean validId(String id) {
    return Ids.valid(id) && !id.equals(ADMIN);
  }

  /** Inserts an analyst within {@code transaction}; a taken id is a constraint violation. */
  void insert(Transaction transaction, String id, String tokenSha256) throws SQLException {
    try (PreparedStatement insert = transaction.connection().prepareStatement(
        "INSERT INTO analysts (id, token_sha256, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, tokenSha256);
      insert.setString(3, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  /** The analyst whose token has this digest. */
  public Optional<String> byTokenDigest(String tokenSha256) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT id FROM analysts WHERE token_sha256 = ?")) {
      select.setString(1, tokenSha256);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }
}
