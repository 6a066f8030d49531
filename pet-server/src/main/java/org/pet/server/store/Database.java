package org.pet.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The server's database: embedded H2 by default or PostgreSQL by JDBC URL, with the schema migrated by
 * Flyway at start. All access is blocking JDBC and must run off the event loop.
 */
public final class Database implements AutoCloseable {

  /** Connections open at most: more than the worker threads that run JDBC. */
  private static final int POOL_SIZE = 32;

  private final ConnectionPool pool;
  /** Group commit for an embedded H2 file database; null where the database makes commits durable itself. */
  private final H2GroupCommit groupCommit;

  private Database(ConnectionPool pool, H2GroupCommit groupCommit) {
    this.pool = pool;
    this.groupCommit = groupCommit;
  }

  /**
   * Opens the database at {@code jdbcUrl} and migrates its schema. Every transaction of
   * {@link #inTransaction} is durable when it returns: PostgreSQL makes its commits durable itself (with
   * {@code fsync} and {@code synchronous_commit} on, through a machine crash or power loss); for an
   * embedded H2 file database, a group commit ({@link H2GroupCommit}) writes the store to the file before
   * the transaction returns, which survives a crash of the server process (H2 does not fsync, so not a
   * machine crash).
   */
  public static Database open(String jdbcUrl, String user, String password) {
    Database database;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      database = new Database(new ConnectionPool(h2Url(jdbcUrl), user == null ? "sa" : user,
          password == null ? "" : password, POOL_SIZE), jdbcUrl.startsWith("jdbc:h2:mem:") ? null : new H2GroupCommit());
    } else {
      database = new Database(new ConnectionPool(jdbcUrl, user, password, POOL_SIZE), null);
    }
    try {
      Flyway.configure().dataSource(database.pool).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /**
   * The H2 URL with a statement cache that holds a query's statements: a query's transaction runs about
   * ten statements, and H2's default cache of 8 parsed statements per session would parse each again.
   */
  static String h2Url(String jdbcUrl) {
    return jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";QUERY_CACHE_SIZE=") ? jdbcUrl
        : jdbcUrl + ";QUERY_CACHE_SIZE=64";
  }

  /** Whether {@code e} is an integrity constraint violation (SQLSTATE class 23), e.g. a duplicate key. */
  public static boolean isConstraintViolation(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("23");
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Transaction transaction) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction, commits it and returns once the commit is durable (see
   * {@link #open}); if the work or the commit fails, everything it wrote is rolled back and the failure is
   * rethrown. The transaction's end hooks run right after the commit or the rollback (before durability),
   * its durability hooks once the commit is durable.
   */
  public <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      Transaction transaction = new Transaction(connection);
      boolean committed = false;
      T result;
      try {
        result = work.run(transaction);
        connection.commit();
        committed = true;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        transaction.end(committed);
      }
      if (groupCommit != null) {
        groupCommit.awaitStored(connection);
      }
      transaction.durable();
      return result;
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
