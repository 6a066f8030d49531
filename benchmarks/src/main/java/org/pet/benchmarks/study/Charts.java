package org.pet.benchmarks.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Log-log line charts written as PNG with XChart, in one style for every chart of the study. */
final class Charts {

  /** One colour per series group (e.g. per data size); measured and predicted share a colour. */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
    new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
  };
  private static final BasicStroke DASHED =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);

  private Charts() {}

  /** A 900 x 600 chart with logarithmic x and y axes, axis titles and a legend outside the plot. */
  static XYChart logLog(String title, String xAxisTitle, String yAxisTitle) {
    XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
        .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
        .setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE).setMarkerSize(6);
    return chart;
  }

  /** The colour of group {@code index}, cycling through the palette. */
  static Color color(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /**
   * Adds a series, keeping only the points with finite, positive x and y (a log axis has no place for
   * the others); a series with no such point is left out.
   *
   * @param predicted a dashed line without markers (a prediction) rather than a solid line with markers
   */
  static void addSeries(XYChart chart, String name, double[] x, double[] y, Color color, boolean predicted) {
    int[] kept = IntStream.range(0, x.length)
        .filter(i -> x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])).toArray();
    if (kept.length == 0) {
      return;
    }
    XYSeries series = chart.addSeries(name, Arrays.stream(kept).mapToDouble(i -> x[i]).toArray(),
        Arrays.stream(kept).mapToDouble(i -> y[i]).toArray());
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(predicted ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    if (predicted) {
      series.setLineStyle(DASHED);
    }
  }

  /** Writes the chart as a PNG file, replacing it. */
  static void save(XYChart chart, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
