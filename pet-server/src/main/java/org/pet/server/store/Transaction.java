package org.pet.server.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One database transaction, as {@link Database#inTransaction} hands it to its work: the connection (auto
 * commit off), hooks that run once the transaction has ended, told whether it committed, and hooks that run
 * once its commit is durable. Everything written through it commits together or not at all.
 */
public final class Transaction {

  private final Connection connection;
  private final List<Consumer<Boolean>> onEnd = new ArrayList<>();
  private final List<Runnable> onDurable = new ArrayList<>();

  Transaction(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /**
   * Runs {@code hook} after the transaction ends, with true if it committed and false if it rolled back;
   * hooks run in reverse order of registration (the last resource taken is released first).
   */
  public void onEnd(Consumer<Boolean> hook) {
    onEnd.add(hook);
  }

  /**
   * Runs {@code hook} once the committed transaction is durable (it survives a crash of the server), just
   * before the work's result is returned; never if it rolled back. For publishing what the transaction
   * wrote - nothing a reader may keep (a signed checkpoint) should be shown before it is durable.
   */
  public void onDurable(Runnable hook) {
    onDurable.add(hook);
  }

  void durable() {
    onDurable.forEach(Runnable::run);
    onDurable.clear();
  }

  void end(boolean committed) {
    RuntimeException first = null;
    for (int i = onEnd.size() - 1; i >= 0; i--) {
      try {
        onEnd.get(i).accept(committed);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    onEnd.clear();
    if (first != null) {
      throw first;
    }
  }
}
