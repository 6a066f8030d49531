package org.pet.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionPoolTest {

  @TempDir
  Path directory;

  private ConnectionPool pool() throws SQLException {
    ConnectionPool pool = new ConnectionPool("jdbc:h2:file:" + directory.resolve("db"), "sa", "", 2);
    try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE t (i INT PRIMARY KEY)");
    }
    return pool;
  }

  private static long rows(Connection connection) throws SQLException {
    try (ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
      row.next();
      return row.getLong(1);
    }
  }

  @Test
  void close_withUncommittedWork_rollsItBack_andTheNextLeaseStartsInAutoCommit() throws Exception {
    try (ConnectionPool pool = pool()) {
      Connection first = pool.getConnection();
      first.setAutoCommit(false);
      first.createStatement().execute("INSERT INTO t VALUES (1)");
      first.close();
      try (Connection next = pool.getConnection()) {
        assertThat(next.getAutoCommit()).isTrue();
        assertThat(rows(next)).isZero();
      }
    }
  }

  @Test
  void close_afterACommit_keepsTheWorkAndReusesThePhysicalConnection() throws Exception {
    try (ConnectionPool pool = pool()) {
      JdbcConnection physical;
      try (Connection first = pool.getConnection()) {
        physical = first.unwrap(JdbcConnection.class);
        first.setAutoCommit(false);
        first.createStatement().execute("INSERT INTO t VALUES (1)");
        first.commit();
      }
      try (Connection next = pool.getConnection()) {
        assertThat(next.unwrap(JdbcConnection.class)).isSameAs(physical);
        assertThat(rows(next)).isOne();
      }
    }
  }

  @Test
  void aReturnedLease_cannotBeUsed() throws Exception {
    try (ConnectionPool pool = pool()) {
      Connection lease = pool.getConnection();
      lease.close();
      lease.close();
      assertThat(lease.isClosed()).isTrue();
      assertThatThrownBy(lease::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("returned");
    }
  }
}
