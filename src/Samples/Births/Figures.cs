using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace StaticNN.Samples.Births;

/// <summary>The run's PNG figures, drawn with ScottPlot (headless: no window or GPU needed).</summary>
public static class Figures
{
    private const int Width = 1000;
    private const int Height = 450;

    // ScottPlot's own sans font (Fonts.Sans) falls back to a serif font on Linux machines without
    // Open Sans, so take the first common sans-serif font that is installed.
    private static readonly Lazy<string> SansFont = new(() =>
        new[] { "Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans", "Liberation Sans", "Noto Sans" }
            .FirstOrDefault(name => Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName == name) ?? Fonts.Sans);

    /// <summary>
    /// The lecture's red/blue plot: what happened in the unseen year (red) against what the model
    /// predicted each day from the days before it (blue); the whole year, then its last two months,
    /// where holidays (Thanksgiving, Christmas) break the weekly pattern the model learned.
    /// </summary>
    /// <param name="data">The births.</param>
    /// <param name="best">The model to show, usually the one with the lowest L′.</param>
    /// <param name="path">The PNG to write.</param>
    public static void Prediction(BirthsData data, ModelResult best, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Plot year = multiplot.GetPlot(0), end = multiplot.GetPlot(1);
        int zoomFrom = Array.FindIndex(data.Dates, data.FirstTest, d => d.Month == 11);
        DrawPrediction(year, data, best, data.FirstTest, data.Dates.Length, legend: true);
        DrawPrediction(end, data, best, zoomFrom < 0 ? data.FirstTest : zoomFrom, data.Dates.Length, legend: false);
        year.Title(Invariant($"US births in {data.TestYear}, a year the model never saw: {best.Experiment.Name} is off by {best.TestMae:F0} births a day on average (L′)"));
        end.Title(Invariant($"The last two months of {data.TestYear}: Thanksgiving and Christmas break the weekly pattern"));
        multiplot.SavePng(path, 940, 640);
    }

    private static void DrawPrediction(Plot plot, BirthsData data, ModelResult best, int from, int to, bool legend)
    {
        Style(plot);
        int count = to - from;
        double[] days = new double[count], actual = new double[count], predicted = new double[count];
        for (int i = 0; i < count; i++)
        {
            days[i] = i;
            actual[i] = data.Births[from + i];
            predicted[i] = best.TestPredictions[from - data.FirstTest + i];
        }

        var truth = plot.Add.ScatterLine(days, actual, Colors.Red);
        truth.LegendText = "actual births";
        truth.LineWidth = 1.5f;
        var model = plot.Add.ScatterLine(days, predicted, Colors.Blue);
        model.LegendText = $"predicted by {best.Experiment.Name} ({best.Experiment.Layers}) from the past {best.Experiment.PastDays} days";
        model.LineWidth = 1.5f;

        // Ticks on the first of each month for a year; on Mondays for a few weeks.
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < count; i++)
        {
            DateOnly date = data.Dates[from + i];
            bool tick = count > 100 ? date.Day == 1 : date.DayOfWeek == DayOfWeek.Monday;
            if (tick)
            {
                ticks.AddMajor(i, date.ToString(count > 100 ? "MMM" : "ddd d MMM", CultureInfo.InvariantCulture));
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-1, count);
        plot.YLabel("births per day");
        if (legend)
        {
            // Room below the weekend dips for the legend.
            plot.ShowLegend(Alignment.LowerLeft);
            plot.Axes.SetLimitsY(4000, 14500);
        }
        else
        {
            plot.HideLegend();
        }
    }

    /// <summary>
    /// L and L′ per epoch. L falls as long as training goes on; L′, on the unseen year, is what
    /// matters: when it stops falling (or rises) while L still falls, the model is learning the
    /// training years by heart (overfitting) rather than the pattern of births.
    /// </summary>
    /// <param name="results">The models to draw, one colour each.</param>
    /// <param name="data">The births, for the scale.</param>
    /// <param name="path">The PNG to write.</param>
    public static void LossPerEpoch(IReadOnlyList<ModelResult> results, BirthsData data, string path)
    {
        using var plot = new Plot();
        Style(plot);
        double scale = data.Scale.StandardDeviation;
        double top = 0;
        foreach (ModelResult result in results.Where(r => r.Epochs.Count > 0))
        {
            Color color = plot.Add.GetNextColor();
            double[] epochs = result.Epochs.Select(e => (double)e.Epoch).ToArray();

            // Fit reports MSE of standardized births; √MSE · σ is the root-mean-square error in births.
            double[] l = result.Epochs.Select(e => Math.Sqrt(e.TrainingLoss) * scale).ToArray();
            double[] lPrime = result.Epochs.Select(e => Math.Sqrt(e.ValidationLoss ?? double.NaN) * scale).ToArray();
            var training = plot.Add.Scatter(epochs, l, color);
            training.LegendText = $"{result.Experiment.Name}: L, training years";
            training.LinePattern = LinePattern.Dashed;
            training.LineWidth = 2;
            training.MarkerSize = 0;
            var test = plot.Add.Scatter(epochs, lPrime, color);
            test.LegendText = Invariant($"{result.Experiment.Name}: L′, {data.TestYear}");
            test.LineWidth = 2;
            test.MarkerSize = 5;

            // Leave the first epochs' large losses off the scale so the end, where models differ, is readable.
            top = Math.Max(top, Math.Max(l.Skip(1).DefaultIfEmpty(l[0]).Max(), lPrime.Skip(1).DefaultIfEmpty(lPrime[0]).Max()));
        }

        plot.Title("Loss per epoch: L on the training years (dashed), L′ on the unseen year (solid)");
        plot.XLabel("epoch");
        plot.YLabel("root-mean-square error (births)");
        if (top > 0 && double.IsFinite(top))
        {
            plot.Axes.SetLimitsY(0, top * 1.1);
        }

        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// L(w, b) of the 1-day linear model as a heat map with contour lines, and the steps of plain
    /// gradient descent from a poor start: each step goes downhill, at right angles to the contour
    /// lines, and the steps shrink as the slope flattens near the minimum.
    /// </summary>
    /// <remarks>
    /// Because the births are standardized, the bowl is almost round and the steps head straight
    /// for the minimum. On raw births (w around 1, b in thousands) it would be a long, narrow valley
    /// in which gradient descent zigzags, which is why the inputs are standardized.
    /// </remarks>
    /// <param name="surface">The surface and the path.</param>
    /// <param name="trained">Linear1's parameters after training with Adam, or null if it did not run.</param>
    /// <param name="data">The births, for the title.</param>
    /// <param name="path">The PNG to write.</param>
    public static void ErrorSurface(ErrorSurface surface, (double W, double B)? trained, BirthsData data, string path)
    {
        using var plot = new Plot();
        Style(plot);
        double[] w = surface.Weights, b = surface.Biases;
        double halfW = (w[1] - w[0]) / 2, halfB = (b[1] - b[0]) / 2;

        // Bands of 250 births, with a contour line every 500: a filled contour map, easier to read
        // (and a far smaller PNG) than a continuous gradient. Row 0 of the heat map is the lowest b;
        // images put row 0 at the top, hence the flip.
        const double Band = 250, Contour = 500;
        var banded = new double[b.Length, w.Length];
        var points = new Coordinates3d[b.Length, w.Length];
        double lowest = double.PositiveInfinity, highest = 0;
        for (int row = 0; row < b.Length; row++)
        {
            for (int column = 0; column < w.Length; column++)
            {
                double loss = surface.Loss[row, column];
                banded[row, column] = (Math.Floor(loss / Band) + 0.5) * Band;
                points[row, column] = new Coordinates3d(w[column], b[row], loss);
                (lowest, highest) = (Math.Min(lowest, loss), Math.Max(highest, loss));
            }
        }

        var heatmap = plot.Add.Heatmap(banded);
        heatmap.Extent = new CoordinateRect(w[0] - halfW, w[^1] + halfW, b[0] - halfB, b[^1] + halfB);
        heatmap.FlipVertically = true;
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = Invariant($"L: root-mean-square error on {data.FirstYear}–{data.TestYear - 1} (births)");

        var contours = new ScottPlot.Plottables.ContourLines
        {
            ContourLineLevels = Enumerable.Range(1, (int)(highest / Contour)).Select(k => k * Contour).Where(level => level > lowest).ToArray(),
            LineColor = Colors.White.WithAlpha(0.6),
        };
        contours.Update(points);
        contours.LabelStyle.IsVisible = false;
        plot.Add.Plottable(contours);

        double[] pathW = surface.Path.Select(p => p.W).ToArray(), pathB = surface.Path.Select(p => p.B).ToArray();
        var steps = plot.Add.Scatter(pathW, pathB, Colors.OrangeRed);
        steps.LineWidth = 2;
        steps.MarkerSize = 7;
        steps.LegendText = Invariant($"{surface.Path.Count - 1} steps of plain gradient descent, η = {surface.LearningRate}, batch = all days");
        var start = plot.Add.Marker(pathW[0], pathB[0], MarkerShape.FilledSquare, 12, Colors.OrangeRed);
        start.LegendText = Invariant($"start: w = {pathW[0]:F1}, b = {pathB[0]:F1}, L = {surface.PathLoss[0]:F0} births");
        var end = plot.Add.Marker(pathW[^1], pathB[^1], MarkerShape.FilledCircle, 12, Colors.Yellow);
        end.LegendText = Invariant($"after {surface.Path.Count - 1} steps: w = {Math.Round(pathW[^1], 2) + 0.0:F2}, b = {Math.Round(pathB[^1], 2) + 0.0:F2}, L = {surface.PathLoss[^1]:F0} births");
        if (trained is { } t)
        {
            var adam = plot.Add.Marker(t.W, t.B, MarkerShape.Cross, 16, Colors.Magenta);
            adam.LegendText = Invariant($"Linear1 trained with Adam: w = {Math.Round(t.W, 2) + 0.0:F2}, b = {Math.Round(t.B, 2) + 0.0:F2}");
        }

        plot.Title(Invariant($"Error surface of the 1-day linear model, births(d) ≈ w · births(d − 1) + b, {data.FirstYear}–{data.TestYear - 1}"));
        plot.XLabel("w: weight of yesterday's births (standardized units)");
        plot.YLabel("b: bias (standardized units)");
        plot.Axes.SetLimits(w[0] - halfW, w[^1] + halfW, b[0] - halfB, b[^1] + halfB);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 820, 640);
    }

    private static void Style(Plot plot) => plot.Font.Set(SansFont.Value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
