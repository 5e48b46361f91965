using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticNN.Training;

namespace StaticNN.Samples.Births;

/// <summary>One run of the sample: train the chosen rows, print the table, write results.md and the figures.</summary>
public static class BirthsRun
{
    /// <summary>What the command line asked for.</summary>
    /// <param name="Selection">Which experiments: <c>linear</c>, <c>hidden</c>, <c>deep</c> or <c>all</c>.</param>
    /// <param name="Epochs">Epochs for every model, or null for the defaults.</param>
    /// <param name="LearningRate">Learning rate for every model, or null for the defaults.</param>
    /// <param name="BatchSize">Batch size for every model, or null for the defaults.</param>
    /// <param name="DataPath">The CSV file.</param>
    /// <param name="OutputFolder">Where results.md and the figures go.</param>
    public sealed record Options(string Selection, int? Epochs, float? LearningRate, int? BatchSize, string DataPath, string OutputFolder);

    /// <summary>Runs the sample.</summary>
    /// <param name="options">The command line's choices.</param>
    /// <returns>The exit code: 0; 2 if the data file cannot be used; 3 if a model diverged.</returns>
    public static int Execute(Options options)
    {
        var clock = Stopwatch.StartNew();
        Console.OutputEncoding = Encoding.UTF8;

        BirthsData data;
        try
        {
            data = BirthsData.Load(options.DataPath);
        }
        catch (Exception exception) when (exception is InvalidDataException or FileNotFoundException)
        {
            Console.Error.WriteLine($"Cannot use the data file: {exception.Message}");
            return 2;
        }

        IReadOnlyList<Experiment> experiments = Experiment.Select(options.Selection, options.Epochs, options.LearningRate, options.BatchSize);
        Console.WriteLine(Invariant($"US births, {data.Path}"));
        Console.WriteLine(Invariant($"Training: {data.TrainingCount:N0} days to predict, {data.Dates[data.FirstTrainingTarget]:yyyy-MM-dd} to {data.Dates[data.FirstTest - 1]:yyyy-MM-dd}. Unseen: {data.TestCount} days of {data.TestYear}."));
        Console.WriteLine(Invariant($"Training {experiments.Count} models; L and L′ are mean absolute errors in births per day (L′ on {data.TestYear})."));
        Console.WriteLine();

        var progress = new ConsoleProgress(data.Scale.StandardDeviation);
        var results = new List<ModelResult>();
        for (int i = 0; i < experiments.Count; i++)
        {
            IProgress<EpochReport> line = progress.Start(experiments[i], i + 1, experiments.Count);
            ModelResult result = Runner.Run(experiments[i], data, line);
            progress.Finish(result, i + 1, experiments.Count);
            results.Add(result);
        }

        Console.WriteLine();
        Console.Write(ResultsTable.Text(results, data));
        Console.WriteLine();

        Directory.CreateDirectory(options.OutputFolder);
        var figures = new List<string>();
        if (ResultsTable.Best(results) is { } best)
        {
            Save(figures, options.OutputFolder, Invariant($"prediction-{data.TestYear}.png"), path => Figures.Prediction(data, best, path));

            // The best model of each experiment that ran: a few curves, still readable.
            List<ModelResult> bestOfEach = results.GroupBy(r => r.Experiment.Family).Select(ResultsTable.Best).OfType<ModelResult>().ToList();
            Save(figures, options.OutputFolder, "loss-per-epoch.png", path => Figures.LossPerEpoch(bestOfEach, data, path));
        }

        ModelResult? linear1 = results.FirstOrDefault(r => r.Experiment.Name == nameof(Linear1));
        (double W, double B)? trained = linear1 is null ? null : (linear1.Parameters[0], linear1.Parameters[1]);
        Save(figures, options.OutputFolder, "error-surface.png", path => Figures.ErrorSurface(ErrorSurface.Compute(data), trained, data, path));

        string markdown = Path.Combine(options.OutputFolder, "results.md");
        File.WriteAllText(markdown, ResultsTable.Markdown(results, data, clock.Elapsed, figures));
        Console.WriteLine(Invariant($"Wrote {markdown}"));
        Console.WriteLine(Invariant($"Done in {clock.Elapsed.TotalSeconds:F1} s."));
        if (results.Any(r => r.Diverged is not null))
        {
            Console.Error.WriteLine("Some models diverged (their loss became infinite); try a smaller --learning-rate.");
            return 3;
        }

        return 0;
    }

    private static void Save(List<string> figures, string folder, string name, Action<string> draw)
    {
        string path = Path.Combine(folder, name);
        draw(path);
        figures.Add(name);
        Console.WriteLine(Invariant($"Wrote {path}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
