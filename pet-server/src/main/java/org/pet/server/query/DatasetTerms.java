package org.pet.server.query;

import java.util.List;
import java.util.Objects;

/**
 * What an administrator registers a dataset under: its name, the privacy-unit column, its budget and
 * who shares it, and the columns stated to be numeric.
 *
 * <p><b>Budget models.</b> {@code perAnalyst = false}: one ledger shared by every caller; the dataset's
 * total privacy loss is at most {@code budget}. {@code perAnalyst = true}: every analyst gets the whole
 * {@code budget} on a ledger of their own. Analysts who pool their answers then spend up to k times the
 * budget between k of them (composition does not care who asked); {@code analystsCap}, if given, bounds
 * the sum over all analysts' ledgers, which is then the dataset's total loss.
 *
 * @param name a human-readable name
 * @param unitColumn the privacy-unit column
 * @param budget each ledger's budget
 * @param perAnalyst whether each analyst has a ledger of their own
 * @param analystsCap with per-analyst ledgers, the budget of all analysts together; null for none
 * @param numericColumns columns stated to be numeric (checked at registration); may be empty
 */
public record DatasetTerms(String name, String unitColumn, Budget budget, boolean perAnalyst, Budget analystsCap,
    List<String> numericColumns) {

  public DatasetTerms {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unitColumn, "unitColumn");
    Objects.requireNonNull(budget, "budget");
    numericColumns = List.copyOf(numericColumns);
    if (analystsCap != null && !perAnalyst) {
      throw new IllegalArgumentException("an analysts' cap applies to per-analyst budgets only");
    }
  }

  public String scope() {
    return perAnalyst ? "analyst" : "dataset";
  }
}
