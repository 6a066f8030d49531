package org.pet.server.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The server's database: embedded H2 by default or PostgreSQL by JDBC URL, with the schema migrated by
 * Flyway at start. All access is blocking JDBC and must run off the event loop.
 */
public final class Database implements AutoCloseable {

  private final DataSource dataSource;
  private final JdbcConnectionPool pool;

  private Database(DataSource dataSource, JdbcConnectionPool pool) {
    this.dataSource = dataSource;
    this.pool = pool;
  }

  /**
   * Opens the database at {@code jdbcUrl} and migrates its schema. An embedded H2 file database is opened
   * with {@code WRITE_DELAY=0}, so that every committed transaction reaches the operating system before
   * the commit returns and survives a crash of the server process (H2 does not fsync per commit, so
   * surviving a machine crash or power loss needs PostgreSQL with {@code fsync} and
   * {@code synchronous_commit} on).
   *
   * @throws IllegalArgumentException for an H2 URL that asks for a different {@code WRITE_DELAY}
   */
  public static Database open(String jdbcUrl, String user, String password) {
    Database database;
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      JdbcConnectionPool pool = JdbcConnectionPool.create(durableH2(jdbcUrl), user == null ? "sa" : user,
          password == null ? "" : password);
      database = new Database(pool, pool);
    } else {
      database = new Database(new DriverManagerDataSource(jdbcUrl, user, password), null);
    }
    Flyway.configure().dataSource(database.dataSource).locations("classpath:db/migration").load().migrate();
    return database;
  }

  /**
   * The H2 URL with {@code WRITE_DELAY=0}: H2's default (500 ms) acknowledges commits that a killed
   * process then loses. In-memory databases are left as they are.
   */
  static String durableH2(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:mem:")) {
      return jdbcUrl;
    }
    java.util.regex.Matcher delay = java.util.regex.Pattern.compile("(?i);WRITE_DELAY=([^;]*)").matcher(jdbcUrl);
    if (!delay.find()) {
      return jdbcUrl + ";WRITE_DELAY=0";
    }
    if (!delay.group(1).strip().equals("0")) {
      throw new IllegalArgumentException("an H2 database URL must not set WRITE_DELAY (or set it to 0): "
          + "acknowledged writes must survive a crash of the server");
    }
    return jdbcUrl;
  }

  /** Whether {@code e} is an integrity constraint violation (SQLSTATE class 23), e.g. a duplicate key. */
  public static boolean isConstraintViolation(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("23");
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Transaction transaction) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction and commits it; if the work or the commit fails, everything it
   * wrote is rolled back and the failure is rethrown. The transaction's end hooks run in either case.
   */
  public <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      Transaction transaction = new Transaction(connection);
      boolean committed = false;
      try {
        T result = work.run(transaction);
        connection.commit();
        committed = true;
        return result;
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
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.dispose();
    }
  }

  /** A minimal non-pooling DataSource for PostgreSQL and other JDBC URLs. */
  private record DriverManagerDataSource(String url, String user, String password) implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
      return DriverManager.getConnection(url, username, pass);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
