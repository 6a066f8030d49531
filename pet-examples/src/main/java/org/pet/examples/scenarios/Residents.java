package org.pet.examples.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic household survey of a county's residents, generated deterministically from a seed: the
 * microdata the publishing scenario releases a table of. Westbrook is a small district, so some of its
 * cells are small enough to be suppressed.
 *
 * @param residents the residents, one record each
 */
record Residents(List<Resident> residents) {

  static final List<String> DISTRICTS = List.of("Northshire", "Eastvale", "Southmoor", "Westbrook");
  static final List<String> AGE_BANDS = List.of("0-15", "16-24", "25-64", "65+");

  private static final double[] DISTRICT_WEIGHTS = {0.40, 0.30, 0.25, 0.05};
  private static final double[] AGE_WEIGHTS = {0.19, 0.11, 0.52, 0.18};

  /**
   * One resident.
   *
   * @param id the privacy unit: a person
   * @param district where they live
   * @param ageBand their age band
   * @param weeklyIncome their income per week, in pounds (0 for children)
   */
  record Resident(String id, String district, String ageBand, double weeklyIncome) {}

  Residents {
    residents = List.copyOf(residents);
  }

  /** {@code count} residents drawn from {@code seed}. */
  static Residents generate(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Resident> residents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String district = DISTRICTS.get(Synthetic.pick(DISTRICT_WEIGHTS, random.nextDouble()));
      int band = Synthetic.pick(AGE_WEIGHTS, random.nextDouble());
      double income = switch (band) {
        case 0 -> 0;
        case 1 -> 150 + 250 * random.nextDouble();
        case 2 -> 300 + 1200 * random.nextDouble() * random.nextDouble();
        default -> 200 + 400 * random.nextDouble();
      };
      residents.add(new Resident(String.format(Locale.ROOT, "P%05d", i + 1), district, AGE_BANDS.get(band),
          Math.round(income)));
    }
    return new Residents(residents);
  }

}
