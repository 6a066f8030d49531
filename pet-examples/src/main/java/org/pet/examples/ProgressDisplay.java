package org.pet.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Feedback on long work made of a few steps (the five phases of a round, the four steps of a linkage
 * session): on a terminal, a progress bar on standard error that shows the steps done, the time elapsed and
 * what is happening now, refreshed every second; otherwise (a pipe, a log file, a test) one line per step
 * on the command's output. The bar is drawn by {@link #line}, which shortens the bar itself - never the
 * description of the current activity - to fit the terminal. Not thread-safe: one command drives it.
 */
final class ProgressDisplay implements AutoCloseable {

  /** The widest the bar itself gets. */
  static final int BAR_WIDTH = 30;

  private final ProgressBar bar;
  private final PrintWriter lines;

  private ProgressDisplay(ProgressBar bar, PrintWriter lines) {
    this.bar = bar;
    this.lines = lines;
  }

  /**
   * A progress bar named {@code task} (a short word: the round or session id is printed beforehand) of
   * {@code steps} steps when the process has a terminal, else lines on {@code out}.
   */
  static ProgressDisplay open(PrintWriter out, String task, int steps, String firstActivity) {
    if (System.console() == null) {
      return new ProgressDisplay(null, out);
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setRenderer(new Renderer())
        .setUpdateIntervalMillis(1000).build();
    bar.setExtraMessage(firstActivity);
    return new ProgressDisplay(bar, out);
  }

  /** What is happening now (shown on the bar; not printed without a terminal). */
  void activity(String description) {
    if (bar != null) {
      bar.setExtraMessage(description);
    }
  }

  /**
   * {@code done} steps are complete: the bar moves and shows {@code activity}; without a terminal,
   * {@code line} is printed.
   */
  void stepsDone(int done, String activity, String line) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(activity);
    } else {
      lines.println(line);
      lines.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /** Draws the bar with {@link #line}. */
  private static final class Renderer implements ProgressBarRenderer {
    @Override
    public String render(ProgressState progress, int maxLength) {
      return line(progress.getTaskName(), progress.getCurrent(), progress.getMax(), progress.getTotalElapsed(),
          progress.getExtraMessage(), maxLength);
    }
  }

  /**
   * One rendering of the bar, at most {@code width - 1} characters (a full-width line would wrap on some
   * terminals): {@code "round 2/5 [=========>          ] 0:00:07  shares done; next: masked"}. When space is
   * short the bar (at most {@link #BAR_WIDTH} wide) narrows, then goes; the task name goes next; the activity is cut only if it alone is
   * wider than the terminal.
   */
  static String line(String task, long current, long max, Duration elapsed, String activity, int width) {
    int room = Math.max(width - 1, 1);
    String count = current + "/" + max;
    String time = clock(elapsed);
    String message = activity == null ? "" : activity;
    String head = task + " " + count + " ";
    String tail = time + "  " + message;
    // At most BAR_WIDTH wide, so that on a wide terminal the bar keeps its size as the activity changes.
    int inside = Math.min(room - head.length() - tail.length() - 3, BAR_WIDTH); // "[", "]" and a space
    if (inside >= 5) {
      int filled = max <= 0 ? 0 : (int) Math.min(inside, inside * current / max);
      StringBuilder drawn = new StringBuilder(room).append(head).append('[');
      drawn.append("=".repeat(filled));
      if (filled < inside) {
        drawn.append('>').append(" ".repeat(inside - filled - 1));
      }
      return drawn.append("] ").append(tail).toString();
    }
    for (String candidate : new String[] {head + tail, count + " " + tail, message}) {
      if (candidate.length() <= room) {
        return candidate;
      }
    }
    return message.substring(0, room);
  }

  private static String clock(Duration elapsed) {
    long seconds = elapsed.toSeconds();
    return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
