package org.pet.server.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small pool of JDBC connections: at most {@code size} open at once; a leased connection's
 * {@code close()} rolls back anything uncommitted, restores auto-commit and returns the physical
 * connection for reuse. Reusing the physical connection (unlike H2's own pool, which hands out a new
 * wrapper each time) keeps the database session - and its cache of parsed statements - alive across
 * requests. A connection that fails to reset is discarded. Thread-safe.
 */
final class ConnectionPool implements DataSource, AutoCloseable {

  /** How long a caller waits for a free connection before giving up. */
  private static final long WAIT_SECONDS = 60;

  private final String url;
  private final String user;
  private final String password;
  private final Semaphore free;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ConnectionPool(String url, String user, String password, int size) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.free = new Semaphore(size);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!free.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new SQLException("no database connection became free within " + WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a database connection", e);
    }
    try {
      if (closed) {
        throw new SQLException("the connection pool is closed");
      }
      Connection physical = idle.pollFirst();
      return lease(physical != null ? physical : open());
    } catch (SQLException | RuntimeException e) {
      free.release();
      throw e;
    }
  }

  private Connection open() throws SQLException {
    return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
  }

  private Connection lease(Connection physical) {
    InvocationHandler handler = new InvocationHandler() {
      private boolean returned;
      /** Whether the last call ended the transaction (a commit or rollback), leaving nothing to roll back. */
      private boolean settled = true;

      @Override
      public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
          case "close" -> {
            if (!returned) {
              returned = true;
              release(physical, settled);
            }
            return null;
          }
          case "isClosed" -> {
            return returned || physical.isClosed();
          }
          default -> {
            if (returned) {
              throw new SQLException("the connection was returned to the pool");
            }
            String name = method.getName();
            boolean inert = name.equals("unwrap") || name.equals("isWrapperFor") || name.equals("getAutoCommit");
            settled = settled && inert;
            try {
              Object result = method.invoke(physical, args);
              settled = inert ? settled : name.equals("commit") || name.equals("rollback");
              return result;
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }
        }
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }

  /**
   * Returns a physical connection, rolling back what its last user left uncommitted. A rollback is skipped
   * when the last call was a commit or rollback: H2 clears the session's statement cache on every rollback.
   */
  private void release(Connection physical, boolean settled) {
    try {
      if (!physical.getAutoCommit()) {
        if (!settled) {
          physical.rollback();
        }
        physical.setAutoCommit(true);
      }
      if (closed) {
        physical.close();
      } else {
        idle.push(physical);
      }
    } catch (SQLException e) {
      try {
        physical.close();
      } catch (SQLException ignored) {
        // the connection is unusable either way
      }
    } finally {
      free.release();
    }
  }

  /** Closes the idle connections; connections still leased are closed when returned. */
  @Override
  public void close() {
    closed = true;
    for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    throw new SQLException("the pool's connections all use the configured user");
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
