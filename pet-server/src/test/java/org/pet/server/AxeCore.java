package org.pet.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * axe-core (Deque's accessibility rules engine) for the browser tests, fetched once from the npm registry
 * into {@code target/axe-core-VERSION} with the machine's npm, and injected into the page under test.
 */
final class AxeCore {

  private AxeCore() {}

  /** The path of {@code axe.min.js} of that version, installing it first if needed. */
  static synchronized Path script(String version) throws IOException, InterruptedException {
    Path prefix = Path.of("target", "axe-core-" + version).toAbsolutePath();
    Path script = prefix.resolve("node_modules/axe-core/axe.min.js");
    if (!Files.exists(script)) {
      Files.createDirectories(prefix);
      Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
          prefix.toString(), "axe-core@" + version).redirectErrorStream(true)
          .redirectOutput(prefix.resolve("npm.log").toFile()).start();
      if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.exists(script)) {
        throw new IllegalStateException("npm could not install axe-core@" + version + " (is npm on the PATH and the "
            + "npm registry reachable?); see " + prefix.resolve("npm.log"));
      }
    }
    return script;
  }
}
