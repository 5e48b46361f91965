using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace StaticNN.Samples.Births;

/// <summary>The run's PNG figures, drawn with ScottPlot (headless: no window or GPU needed).</summary>
public static class Figures
{
    private const int Width = 1100;
    private const int Height = 500;

    /// <summary>
    /// The lecture's red/blue plot: what happened in the unseen year (red) against what the model
    /// predicted each day from the days before it (blue).
    /// </summary>
    /// <param name="data">The births.</param>
    /// <param name="best">The model to show, usually the one with the lowest L′.</param>
    /// <param name="path">The PNG to write.</param>
    public static void Prediction(BirthsData data, ModelResult best, string path)
    {
        using var plot = new Plot();
        double[] days = new double[data.TestCount], actual = new double[data.TestCount];
        for (int i = 0; i < days.Length; i++)
        {
            days[i] = data.Dates[data.FirstTest + i].ToDateTime(TimeOnly.MinValue).ToOADate();
            actual[i] = data.Births[data.FirstTest + i];
        }

        var truth = plot.Add.ScatterLine(days, actual, Colors.Red);
        truth.LegendText = "actual births";
        truth.LineWidth = 1.5f;
        var predicted = plot.Add.ScatterLine(days, best.TestPredictions, Colors.Blue);
        predicted.LegendText = $"predicted by {best.Experiment.Name} ({best.Experiment.Layers}) from the past {best.Experiment.PastDays} days";
        predicted.LineWidth = 1.5f;

        plot.Axes.DateTimeTicksBottom();
        plot.Title(Invariant($"US births in {data.TestYear}, a year the model never saw: L′ = {best.TestMae:F0} births (mean absolute error)"));
        plot.XLabel(Invariant($"day ({data.TestYear})"));
        plot.YLabel("births per day");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
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
        double scale = data.Scale.StandardDeviation;
        double top = 0;
        foreach (ModelResult result in results)
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
        plot.Axes.SetLimitsY(0, top * 1.1);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// L(w, b) of the 1-day linear model as a heat map with contour lines, and the steps of plain
    /// gradient descent from a poor start: each step goes downhill, at right angles to the contour
    /// lines, and the steps shrink as the slope flattens near the minimum.
    /// </summary>
    /// <param name="surface">The surface and the path.</param>
    /// <param name="trained">Linear1's parameters after training with Adam, or null if it did not run.</param>
    /// <param name="data">The births, for the title.</param>
    /// <param name="path">The PNG to write.</param>
    public static void ErrorSurface(ErrorSurface surface, (double W, double B)? trained, BirthsData data, string path)
    {
        using var plot = new Plot();
        double[] w = surface.Weights, b = surface.Biases;
        double halfW = (w[1] - w[0]) / 2, halfB = (b[1] - b[0]) / 2;

        // Row 0 of the heat map is the lowest b; images put row 0 at the top, hence the flip.
        var heatmap = plot.Add.Heatmap(surface.Loss);
        heatmap.Extent = new CoordinateRect(w[0] - halfW, w[^1] + halfW, b[0] - halfB, b[^1] + halfB);
        heatmap.FlipVertically = true;
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "L: root-mean-square error on 2000–2013 (births)";

        var points = new Coordinates3d[b.Length, w.Length];
        for (int row = 0; row < b.Length; row++)
        {
            for (int column = 0; column < w.Length; column++)
            {
                points[row, column] = new Coordinates3d(w[column], b[row], surface.Loss[row, column]);
            }
        }

        var contours = plot.Add.ContourLines(points, 12);
        contours.LineColor = Colors.White.WithAlpha(0.7);
        contours.LabelStyle.IsVisible = false;

        double[] pathW = surface.Path.Select(p => p.W).ToArray(), pathB = surface.Path.Select(p => p.B).ToArray();
        var steps = plot.Add.Scatter(pathW, pathB, Colors.OrangeRed);
        steps.LineWidth = 2;
        steps.MarkerSize = 7;
        steps.LegendText = Invariant($"{surface.Path.Count - 1} steps of plain gradient descent, η = {surface.LearningRate}, batch = all days");
        var start = plot.Add.Marker(pathW[0], pathB[0], MarkerShape.FilledSquare, 12, Colors.OrangeRed);
        start.LegendText = Invariant($"start: w = {pathW[0]:F1}, b = {pathB[0]:F1}, L = {surface.PathLoss[0]:F0} births");
        var end = plot.Add.Marker(pathW[^1], pathB[^1], MarkerShape.FilledCircle, 12, Colors.Yellow);
        end.LegendText = Invariant($"after {surface.Path.Count - 1} steps: w = {pathW[^1]:F2}, b = {pathB[^1]:F2}, L = {surface.PathLoss[^1]:F0} births");
        if (trained is { } t)
        {
            var adam = plot.Add.Marker(t.W, t.B, MarkerShape.Cross, 16, Colors.Magenta);
            adam.LegendText = Invariant($"Linear1 trained with Adam: w = {t.W:F2}, b = {t.B:F2}");
        }

        plot.Title(Invariant($"Error surface of the 1-day linear model, births(d) ≈ w · births(d − 1) + b, {data.FirstYear}–{data.TestYear - 1}"));
        plot.XLabel("w: weight of yesterday's births (standardized units)");
        plot.YLabel("b: bias (standardized units)");
        plot.Axes.SetLimits(w[0] - halfW, w[^1] + halfW, b[0] - halfB, b[^1] + halfB);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 700);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
