package org.pet.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Test helper: an empty database of its own in a shared embedded PostgreSQL, as a server JDBC URL. */
final class FreshPostgres {

  private FreshPostgres() {}

  static String url(EmbeddedPostgres postgres) throws SQLException {
    String name = "pet_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name) + "&user=postgres&password=postgres";
  }
}
