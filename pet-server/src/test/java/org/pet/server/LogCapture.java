package org.pet.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything the process logs while it runs: every java.util.logging record at every level
 * (where System.Logger, Vert.x and Netty log by default), formatted with its parameters, and everything
 * written to standard output and error.
 */
final class LogCapture {

  private final StringBuffer text = new StringBuffer();
  /** Records above DEBUG (java.util.logging FINE), which a production server writes by default. */
  private final StringBuffer aboveDebug = new StringBuffer();
  private final Logger root = Logger.getLogger("");
  private final Level previousLevel = root.getLevel();
  private final PrintStream previousOut = System.out;
  private final PrintStream previousErr = System.err;
  private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      String formatted = formatter.format(record);
      text.append(formatted);
      if (record.getLevel().intValue() > Level.FINE.intValue()) {
        aboveDebug.append(formatted);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture() {}

  static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.handler.setLevel(Level.ALL);
    capture.root.addHandler(capture.handler);
    capture.root.setLevel(Level.ALL);
    PrintStream tee = new PrintStream(capture.streams, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
    return capture;
  }

  void stop() {
    root.removeHandler(handler);
    root.setLevel(previousLevel);
    System.setOut(previousOut);
    System.setErr(previousErr);
  }

  /** Log records above DEBUG (INFO, WARNING, ERROR) and everything written to standard output and error. */
  String aboveDebug() {
    return aboveDebug + streams.toString(StandardCharsets.UTF_8);
  }

  /** All captured log text. */
  String text() {
    return text + streams.toString(StandardCharsets.UTF_8);
  }
}
