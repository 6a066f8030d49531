package org.pet.dp.utility;

/**
 * The error an aggregation is predicted to have before it runs.
 *
 * @param standardDeviation the predicted standard deviation (root-mean-square error) of the released value
 * @param confidenceHalfWidth half-width of an interval around the release containing the truth with
 *     probability about 1 - alpha
 * @param alpha the miss probability the half-width is for
 */
public record PredictedError(double standardDeviation, double confidenceHalfWidth, double alpha) {}
