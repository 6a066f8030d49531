package org.pet.secagg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The heavy part of masking and unmasking - key agreements and PRG expansions - spread over an
 * {@link Executor} the caller supplies (pet-core starts no threads). Without an executor everything runs on
 * the calling thread. The result is the same either way, bit for bit: the masks are added in Z_2^64, where
 * order does not matter, and each worker owns its partial sum or a disjoint slice of the vector.
 */
final class MaskExpansion {

  /** One mask: the stream of {@code seed}, added or subtracted. */
  record Term(byte[] seed, boolean subtract) {}

  /** Slices of the vector per expansion: enough to balance a few cores, few enough to keep cipher setup cheap. */
  private static final int SLICES = 8;
  /** Smallest slice worth a task, in words. */
  private static final int MIN_SLICE = 4096;
  /** Longest vector split by terms (2 MiB per partial sum). */
  private static final int MAX_SPLIT_BY_TERMS = 1 << 18;
  /** Partial sums when splitting by terms. */
  private static final int TERM_CHUNKS = 4;
  /** Chunks per parallel map. */
  private static final int CHUNKS = 16;

  private final Executor executor;

  /** @param executor where to run the work, or null for the calling thread */
  MaskExpansion(Executor executor) {
    this.executor = executor;
  }

  /**
   * Adds (or subtracts) every term's stream to {@code target}. Short vectors are split by terms, each task
   * summing its share of the masks into a vector of its own that the calling thread then adds (a cipher per
   * mask, and {@value #TERM_CHUNKS} extra vectors); long ones by slices of the vector (a cipher per mask and
   * slice, no extra vectors).
   */
  void apply(long[] target, List<Term> terms) {
    if (executor != null && target.length <= MAX_SPLIT_BY_TERMS && terms.size() >= 2) {
      applyByTerms(target, terms);
      return;
    }
    int slices = executor == null ? 1 : Math.max(1, Math.min(SLICES, target.length / MIN_SLICE));
    List<Runnable> tasks = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      int from = (int) ((long) target.length * s / slices);
      int to = (int) ((long) target.length * (s + 1) / slices);
      tasks.add(() -> {
        for (Term term : terms) {
          Prg prg = Prg.fromSeed(term.seed());
          if (term.subtract()) {
            prg.subtractFrom(target, from, to);
          } else {
            prg.addTo(target, from, to);
          }
        }
      });
    }
    run(tasks);
  }

  private void applyByTerms(long[] target, List<Term> terms) {
    int chunks = Math.min(TERM_CHUNKS, terms.size());
    long[][] partials = new long[chunks][];
    List<Runnable> tasks = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int index = c;
      List<Term> chunk = terms.subList(terms.size() * c / chunks, terms.size() * (c + 1) / chunks);
      tasks.add(() -> {
        long[] partial = new long[target.length];
        for (Term term : chunk) {
          Prg prg = Prg.fromSeed(term.seed());
          if (term.subtract()) {
            prg.subtractFrom(partial);
          } else {
            prg.addTo(partial);
          }
        }
        partials[index] = partial;
      });
    }
    run(tasks);
    for (long[] partial : partials) {
      for (int i = 0; i < target.length; i++) {
        target[i] += partial[i];
      }
    }
  }

  /** {@code function} applied to every item, in order; chunks of items run in parallel. */
  <T, R> List<R> map(List<T> items, Function<T, R> function) {
    int chunks = executor == null ? 1 : Math.max(1, Math.min(CHUNKS, items.size()));
    List<List<R>> results = new ArrayList<>();
    List<Runnable> tasks = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      List<T> chunk = items.subList(items.size() * c / chunks, items.size() * (c + 1) / chunks);
      List<R> result = new ArrayList<>(chunk.size());
      results.add(result);
      tasks.add(() -> chunk.forEach(item -> result.add(function.apply(item))));
    }
    run(tasks);
    List<R> all = new ArrayList<>(items.size());
    results.forEach(all::addAll);
    return all;
  }

  /** Runs the tasks (on the executor, if any) and waits; a task's exception is rethrown as it was. */
  private void run(List<Runnable> tasks) {
    if (executor == null || tasks.size() == 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    CompletableFuture<?>[] futures = tasks.stream().map(task -> CompletableFuture.runAsync(task, executor))
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(futures).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
