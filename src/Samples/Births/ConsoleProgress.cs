using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using StaticNN.Training;

namespace StaticNN.Samples.Births;

/// <summary>
/// Shows training as it happens. On a terminal, one line per model redrawn after every epoch: a
/// bar, and the training and unseen-year errors going down. When the output is redirected to a file
/// or a pipe, where a redrawn line would leave a mess, one plain line per model when it is done,
/// with its losses at a few epochs.
/// </summary>
/// <param name="scale">The standard deviation of the births, to show the losses in births.</param>
public sealed class ConsoleProgress(double scale)
{
    private const int BarWidth = 16;

    private readonly bool _redraw = !Console.IsOutputRedirected;
    private readonly double _scale = scale;
    private readonly int _width = TerminalWidth();
    private int _lastLength;

    /// <summary>Starts a model's line.</summary>
    /// <param name="experiment">The model.</param>
    /// <param name="index">Its position in the run, from 1.</param>
    /// <param name="count">The number of models in the run.</param>
    /// <returns>The receiver of <see cref="Trainer.Fit"/>'s reports.</returns>
    public IProgress<EpochReport> Start(Experiment experiment, int index, int count) =>
        new Line(this, string.Create(CultureInfo.InvariantCulture, $"[{index,2}/{count}] {experiment.Name,-11}"));

    /// <summary>Ends a model's line with its L and L′.</summary>
    /// <param name="result">What training gave.</param>
    /// <param name="index">Its position in the run, from 1.</param>
    /// <param name="count">The number of models in the run.</param>
    public void Finish(ModelResult result, int index, int count)
    {
        string outcome = result.Diverged is null
            ? string.Create(CultureInfo.InvariantCulture, $"{result.Epochs.Count,3} epoch{(result.Epochs.Count == 1 ? " " : "s")}  L = {result.TrainingMae,5:F0}  L′ = {result.TestMae,5:F0} births")
            : string.Create(CultureInfo.InvariantCulture, $"diverged in epoch {result.Epochs.Count + 1}: try a smaller --learning-rate");
        string text = string.Create(
            CultureInfo.InvariantCulture,
            $"[{index,2}/{count}] {result.Experiment.Name,-11} {result.Experiment.Layers,-22} {outcome}  {result.Elapsed.TotalSeconds,5:F1} s");

        Write(text, endLine: true);
        if (!_redraw && result.Epochs.Count > 1)
        {
            // No bar when redirected: show the losses going down at a few epochs instead.
            Console.WriteLine("        RMSE by epoch, L / L′: " + string.Join("  ", Checkpoints(result.Epochs.Count).Select(e =>
            {
                EpochReport report = result.Epochs[e - 1];
                return string.Create(CultureInfo.InvariantCulture, $"{e}: {Math.Sqrt(report.TrainingLoss) * _scale:F0} / {Math.Sqrt(report.ValidationLoss ?? double.NaN) * _scale:F0}");
            })));
        }
    }

    /// <summary>Epoch 1, the last, and three between.</summary>
    private static IEnumerable<int> Checkpoints(int epochs) =>
        new[] { 1, epochs / 4, epochs / 2, 3 * epochs / 4, epochs }.Where(e => e >= 1).Distinct();

    private void Write(string text, bool endLine)
    {
        if (_redraw)
        {
            // Overwrite the previous state of the line, padding with spaces if it was longer.
            Console.Write('\r' + text.PadRight(_lastLength));
            _lastLength = endLine ? 0 : text.Length;
            if (endLine)
            {
                Console.WriteLine();
            }
        }
        else if (endLine)
        {
            Console.WriteLine(text);
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected || Console.WindowWidth < 20 ? 120 : Console.WindowWidth;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException)
        {
            return 120;
        }
    }

    private sealed class Line(ConsoleProgress owner, string prefix) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            if (!owner._redraw)
            {
                return;
            }

            int filled = value.Epoch * BarWidth / value.Epochs;
            string bar = new string('█', filled) + new string('░', BarWidth - filled);

            // Fit reports the mean squared error of standardized births; its square root times the
            // standard deviation is an error in births (larger than the table's mean absolute error,
            // because squaring weighs the big misses of holidays more).
            double l = Math.Sqrt(value.TrainingLoss) * owner._scale;
            double lPrime = Math.Sqrt(value.ValidationLoss ?? double.NaN) * owner._scale;
            string text = string.Create(
                CultureInfo.InvariantCulture,
                $"{prefix} {bar} {value.Epoch,3}/{value.Epochs}  RMSE L {l,5:F0}  L′ {lPrime,5:F0}  {value.Elapsed.TotalSeconds,5:F1} s");

            // A line longer than the terminal would wrap, and '\r' would then redraw only its last part.
            owner.Write(text.Length < owner._width ? text : text[..(owner._width - 1)], endLine: false);
        }
    }
}
