using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace StaticNN.Samples.Digits;

/// <summary>A grid of test digits the network got wrong, each labelled with its prediction and its true digit.</summary>
public static class MisclassifiedFigure
{
    /// <summary>The most digits drawn: a 6 × 6 grid.</summary>
    public const int MaxDigits = 36;

    private const int Columns = 6;
    private const int Gap = 4;
    private const int LabelHeight = 10;

    /// <summary>Draws the first <see cref="MaxDigits"/> mistakes into one grey-scale heat map, ink dark on white.</summary>
    /// <param name="data">The digits.</param>
    /// <param name="mistakes">The mistakes: the test index, the predicted digit and the true digit.</param>
    /// <param name="totalMistakes">The number of mistakes on the whole test set, for the title.</param>
    /// <param name="path">The PNG to write.</param>
    public static void Save(DigitsData data, IReadOnlyList<(int Index, int Predicted, int Truth)> mistakes, int totalMistakes, string path)
    {
        using var plot = new Plot();
        plot.Font.Set(SansFont());
        int shown = Math.Min(mistakes.Count, MaxDigits);
        int rows = Math.Max(1, (shown + Columns - 1) / Columns);
        int cellWidth = data.Columns + Gap, cellHeight = data.Rows + LabelHeight + Gap;
        int width = Columns * cellWidth, height = rows * cellHeight;

        // One canvas for all digits; row 0 of the array is the top of the picture.
        var canvas = new double[height, width];
        for (int k = 0; k < shown; k++)
        {
            (int index, int predicted, int truth) = mistakes[k];
            int top = (k / Columns * cellHeight) + LabelHeight, left = (k % Columns * cellWidth) + (Gap / 2);
            ReadOnlySpan<float> pixels = data.Test.Input(index);
            for (int r = 0; r < data.Rows; r++)
            {
                for (int c = 0; c < data.Columns; c++)
                {
                    canvas[top + r, left + c] = pixels[(r * data.Columns) + c];
                }
            }

            // Text in plot coordinates, where y grows upwards from the bottom of the canvas.
            var label = plot.Add.Text(
                string.Create(CultureInfo.InvariantCulture, $"pred {predicted} / true {truth}"),
                left + (data.Columns / 2.0),
                height - top + 1);
            label.LabelStyle.Alignment = Alignment.LowerCenter;
            label.LabelStyle.FontSize = 13;
            label.LabelStyle.ForeColor = Colors.DarkRed;
        }

        var image = plot.Add.Heatmap(canvas);
        image.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
        image.Extent = new CoordinateRect(0, width, 0, height);
        image.ManualRange = new ScottPlot.Range(0, 1);
        plot.MoveToBack(image);

        plot.HideAxesAndGrid();
        plot.Axes.SetLimits(0, width, 0, height);
        plot.Title(string.Create(
            CultureInfo.InvariantCulture,
            $"{totalMistakes} of {data.Test.Count:N0} test digits misclassified; {(shown < totalMistakes ? $"the first {shown}" : "all of them")}"));
        int scale = 4;
        plot.SavePng(path, (width * scale) + 40, (height * scale) + 60);
    }

    // ScottPlot's own sans font (Fonts.Sans) falls back to a serif font on Linux machines without
    // Open Sans, so take the first common sans-serif font that is installed.
    private static string SansFont() =>
        new[] { "Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans", "Liberation Sans", "Noto Sans" }
            .FirstOrDefault(name => Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName == name) ?? Fonts.Sans;
}
