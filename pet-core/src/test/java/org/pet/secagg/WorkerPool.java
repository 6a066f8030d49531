package org.pet.secagg;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A small pool of daemon threads standing in for the executor a caller would supply. */
final class WorkerPool {

  private WorkerPool() {}

  static ExecutorService of(int threads, String name) {
    return Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
  }
}
