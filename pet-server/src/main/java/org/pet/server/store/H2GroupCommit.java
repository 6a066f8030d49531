package org.pet.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Group commit for embedded H2: makes committed transactions survive a crash of the process before they
 * are acknowledged, writing the store once for many of them. H2 keeps a commit in memory and writes its
 * store (MVStore) to the file later ({@code WRITE_DELAY}); {@link #awaitStored} is called after a commit
 * and returns only once a store that began after that commit has completed. One waiting thread writes the
 * store for every transaction committed so far while the others wait for it, so under load one write
 * covers a batch instead of one write per transaction (H2's {@code WRITE_DELAY=0} writes per commit, at
 * about twice the CPU per query). A store reaches the operating system (H2 does not fsync it): this
 * survives SIGKILL of the server, not a machine crash.
 */
final class H2GroupCommit {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stored = lock.newCondition();
  /** Tickets handed to committed transactions, and the highest ticket a completed store covers. */
  private long committed;
  private long covered;
  private boolean storing;
  private volatile MVStore store;

  /**
   * Returns once a store covering the transaction just committed on {@code connection} has been written.
   *
   * @throws SQLException if writing the store fails
   */
  void awaitStored(Connection connection) throws SQLException {
    MVStore mvStore = store(connection);
    lock.lock();
    try {
      long ticket = ++committed;
      while (covered < ticket) {
        if (storing) {
          stored.awaitUninterruptibly();
          continue;
        }
        storing = true;
        long upTo = committed;
        lock.unlock();
        try {
          mvStore.commit();
        } catch (RuntimeException e) {
          throw new SQLException("cannot write the database file", e);
        } finally {
          lock.lock();
          storing = false;
          stored.signalAll();
        }
        covered = Math.max(covered, upTo);
      }
    } finally {
      lock.unlock();
    }
  }

  private MVStore store(Connection connection) throws SQLException {
    MVStore known = store;
    if (known == null) {
      SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
      known = session.getDatabase().getStore().getMvStore();
      store = known;
    }
    return known;
  }
}
