package org.pet.benchmarks.study;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The study's progress: a progress bar on standard error when the study runs on a terminal, nothing
 * otherwise (tests, redirected output, CI logs). Thread-safe.
 */
final class Progress implements AutoCloseable {

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar of {@code total} steps if {@code show}, else a progress that displays nothing. */
  static Progress of(String task, long total, boolean show) {
    return new Progress(show
        ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250).build()
        : null);
  }

  /** Whether this JVM writes to an interactive terminal. */
  static boolean onTerminal() {
    return System.console() != null;
  }

  /** Advances by one step and shows {@code message} beside the bar. */
  synchronized void step(String message) {
    if (bar != null) {
      bar.setExtraMessage(message);
      bar.step();
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
