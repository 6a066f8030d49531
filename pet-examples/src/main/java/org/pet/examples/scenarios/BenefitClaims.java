package org.pet.examples.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic register of benefit claims, one per claimant, generated deterministically from a seed:
 * the dataset the access-point scenario registers.
 *
 * @param claims the claims, in claimant order
 */
record BenefitClaims(List<Claim> claims) {

  /** The regions, in the order they are published. */
  static final List<String> REGIONS = List.of("North East", "North West", "Midlands", "London", "South West");

  private static final double[] REGION_WEIGHTS = {0.12, 0.25, 0.22, 0.28, 0.13};

  /**
   * One claim.
   *
   * @param claimant the privacy unit: a person
   * @param region where they live
   * @param age their age in years
   * @param weeklyAmount the benefit paid per week, in pounds
   */
  record Claim(String claimant, String region, int age, double weeklyAmount) {}

  BenefitClaims {
    claims = List.copyOf(claims);
  }

  /** {@code count} claims drawn from {@code seed}. */
  static BenefitClaims generate(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Claim> claims = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String region = REGIONS.get(Synthetic.pick(REGION_WEIGHTS, random.nextDouble()));
      int age = 18 + (int) Math.min(61, Math.abs(random.nextGaussian() * 14 + 22));
      double amount = Math.round(Math.min(580, 60 + Math.exp(random.nextGaussian() * 0.6 + 4.3)) * 100) / 100.0;
      claims.add(new Claim(String.format(Locale.ROOT, "C%05d", i + 1), region, age, amount));
    }
    return new BenefitClaims(claims);
  }

  /** The register as CSV with the header {@code claimant,region,age,weekly_amount}. */
  String toCsv() {
    StringBuilder csv = new StringBuilder("claimant,region,age,weekly_amount\n");
    for (Claim claim : claims) {
      csv.append(claim.claimant()).append(',').append(claim.region()).append(',').append(claim.age()).append(',')
          .append(claim.weeklyAmount()).append('\n');
    }
    return csv.toString();
  }

  double[] ages() {
    return claims.stream().mapToDouble(Claim::age).toArray();
  }

  double[] weeklyAmounts() {
    return claims.stream().mapToDouble(Claim::weeklyAmount).toArray();
  }

  long inRegion(String region) {
    return claims.stream().filter(claim -> claim.region().equals(region)).count();
  }
}
