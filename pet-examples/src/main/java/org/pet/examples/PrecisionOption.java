package org.pet.examples;

import picocli.CommandLine.Option;

/**
 * The {@code --full-precision} option (a picocli mixin) of the commands that print estimates or privacy
 * figures: without it numbers are rounded for reading as {@link PrintedNumbers#rounded()} describes.
 */
public final class PrecisionOption {

  @Option(names = "--full-precision",
      description = "Print numbers with every digit (default: rounded for reading - estimates to two decimals, "
          + "three significant digits below 1, counts as integers; epsilon and delta to six significant digits). "
          + "Files written keep every digit anyway.")
  private boolean full;

  /** How to print numbers, as the option says. */
  public PrintedNumbers numbers() {
    return full ? PrintedNumbers.full() : PrintedNumbers.rounded();
  }
}
