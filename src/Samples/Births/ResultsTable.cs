using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticNN.Samples.Births;

/// <summary>The lecture's table of models: L on the training years and L′ on the unseen year, in births.</summary>
public static class ResultsTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The table as aligned text for the console.</summary>
    /// <param name="results">The rows.</param>
    /// <param name="data">The births.</param>
    /// <returns>Lines of text.</returns>
    public static string Text(IReadOnlyList<ModelResult> results, BirthsData data)
    {
        ModelResult best = Best(results);
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"L = mean absolute error on {data.FirstYear}–{data.TestYear - 1}, L′ = on {data.TestYear} (unseen), in births per day");
        text.AppendLine();
        text.AppendLine(Invariant, $"{"experiment",-11} {"model",-11} {"layers",-22} {"parameters",10} {"epochs",6} {"L",7} {"L′",7} {"time",7}");
        foreach (ModelResult r in results)
        {
            string mark = ReferenceEquals(r, best) ? "  ← best L′" : r.Diverged is null ? string.Empty : "  diverged";
            text.AppendLine(Invariant, $"{FamilyName(r.Experiment.Family),-11} {r.Experiment.Name,-11} {r.Experiment.Layers,-22} {r.ParameterCount,10:N0} {r.Epochs.Count,6} {r.TrainingMae,7:N0} {r.TestMae,7:N0} {r.Elapsed.TotalSeconds,5:F1} s{mark}");
        }

        return text.ToString();
    }

    /// <summary>The table and how the run was made, as Markdown.</summary>
    /// <param name="results">The rows.</param>
    /// <param name="data">The births.</param>
    /// <param name="totalTime">The whole run's time, figures included.</param>
    /// <param name="figures">The file names of the figures written.</param>
    /// <returns>The contents of results.md.</returns>
    public static string Markdown(IReadOnlyList<ModelResult> results, BirthsData data, TimeSpan totalTime, IReadOnlyList<string> figures)
    {
        ModelResult best = Best(results);
        int trainingYears = data.TestYear - data.FirstYear;
        double meanBirths = data.Births.Take(data.FirstTest).Average();
        var md = new StringBuilder();
        md.AppendLine("# Predicting tomorrow's US births from the past days");
        md.AppendLine();
        md.AppendLine(Invariant, $"Trained on {data.FirstYear}–{data.TestYear - 1} ({data.TrainingCount:N0} days to predict), evaluated on {data.TestYear} ({data.TestCount} days the models never saw).");
        md.AppendLine(Invariant, $"**L** and **L′** are mean absolute errors in births per day, on the training years and on {data.TestYear}; an average day of the training years has {meanBirths:N0} births.");
        md.AppendLine("Every model predicts the same days, whatever the number of past days it reads.");
        md.AppendLine();
        md.AppendLine(Invariant, $"| Experiment | Model | Layers | Parameters | Epochs | L ({data.FirstYear}–{data.TestYear - 1}) | L′ ({data.TestYear}) |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (ModelResult r in results)
        {
            string testMae = r.TestMae.ToString("N0", Invariant);
            string name = ReferenceEquals(r, best) ? $"**{r.Experiment.Name}**" : r.Experiment.Name;
            md.AppendLine(Invariant, $"| {FamilyName(r.Experiment.Family)} | {name} | {r.Experiment.Layers} | {r.ParameterCount:N0} | {r.Epochs.Count}{(r.Diverged is null ? string.Empty : " (diverged)")} | {r.TrainingMae:N0} | {(ReferenceEquals(r, best) ? $"**{testMae}**" : testMae)} |");
        }

        md.AppendLine();
        md.AppendLine(Invariant, $"Lowest L′: **{best.Experiment.Name}** ({best.Experiment.Layers}), {best.TestMae:N0} births per day.");
        md.AppendLine(Invariant, $"For reference, repeating the births of 7 days earlier gives L′ = {SameDayLastWeek(data):N0}.");
        md.AppendLine();
        md.AppendLine("## Training");
        md.AppendLine();
        md.AppendLine("Adam on the mean squared error of standardized births (mean and standard deviation of the training years only); no early stopping, so");
        md.AppendLine(Invariant, $"{data.TestYear} never influences a model. Seed {Experiment.Seed} for the parameters and the shuffling.");
        md.AppendLine();
        md.AppendLine("| Experiment | Epochs | Batch | Learning rate |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var family in results.GroupBy(r => r.Experiment.Family))
        {
            Settings s = family.First().Experiment.Settings;
            md.AppendLine(Invariant, $"| {FamilyName(family.Key)} | {s.Epochs} | {s.BatchSize} | {s.LearningRate} |");
        }

        md.AppendLine();
        md.AppendLine("## Run");
        md.AppendLine();
        md.AppendLine(Invariant, $"- Date: {DateTime.Now:yyyy-MM-dd HH:mm} (local time)");
        md.AppendLine(Invariant, $"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        md.AppendLine(Invariant, $"- .NET: {RuntimeInformation.FrameworkDescription}");
        md.AppendLine(Invariant, $"- Total time: {totalTime.TotalSeconds:F1} s (training {results.Sum(r => r.Elapsed.TotalSeconds):F1} s), figures included");
        if (figures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Figures");
            md.AppendLine();
            foreach (string figure in figures)
            {
                md.AppendLine(Invariant, $"![{figure}]({figure})");
                md.AppendLine();
            }
        }

        return md.ToString();
    }

    /// <summary>The row with the lowest L′ among those that did not diverge (or among all, if every one did).</summary>
    /// <param name="results">One or more rows.</param>
    /// <returns>The best row.</returns>
    public static ModelResult Best(IReadOnlyList<ModelResult> results)
    {
        List<ModelResult> converged = results.Where(r => r.Diverged is null).ToList();
        return (converged.Count > 0 ? converged : results).MinBy(r => r.TestMae)!;
    }

    private static string FamilyName(Family family) => family switch
    {
        Family.Linear => "1. linear",
        Family.Hidden => "2. hidden",
        Family.Deep => "3. deep",
        _ => family.ToString(),
    };

    /// <summary>The error of the simplest forecast with a weekly cycle, to read the table against.</summary>
    private static double SameDayLastWeek(BirthsData data)
    {
        double sum = 0;
        for (int d = data.FirstTest; d < data.Births.Length; d++)
        {
            sum += Math.Abs(data.Births[d] - data.Births[d - 7]);
        }

        return sum / data.TestCount;
    }
}
