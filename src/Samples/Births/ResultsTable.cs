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
        ModelResult? best = Best(results);
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"L = mean absolute error on {data.FirstYear}–{data.TestYear - 1}, L′ = on {data.TestYear} (unseen), in births per day");
        text.AppendLine();
        text.AppendLine(Invariant, $"{"experiment",-11} {"model",-11} {"layers",-22} {"parameters",10} {"epochs",6} {"L",8} {"L′",8} {"time",7}");
        foreach (ModelResult r in results)
        {
            string mark = ReferenceEquals(r, best) ? "  ← best L′" : string.Empty;
            text.AppendLine(Invariant, $"{FamilyName(r.Experiment.Family),-11} {r.Experiment.Name,-11} {r.Experiment.Layers,-22} {r.ParameterCount,10:N0} {r.Epochs.Count,6} {Births(r, r.TrainingMae),8} {Births(r, r.TestMae),8} {r.Elapsed.TotalSeconds,5:F1} s{mark}");
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
        ModelResult? best = Best(results);
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
            string name = r.Experiment.Name, testMae = Births(r, r.TestMae);
            if (ReferenceEquals(r, best))
            {
                (name, testMae) = ($"**{name}**", $"**{testMae}**");
            }

            md.AppendLine(Invariant, $"| {FamilyName(r.Experiment.Family)} | {name} | {r.Experiment.Layers} | {r.ParameterCount:N0} | {r.Epochs.Count} | {Births(r, r.TrainingMae)} | {testMae} |");
        }

        md.AppendLine();
        if (best is not null)
        {
            md.AppendLine(Invariant, $"Lowest L′: **{best.Experiment.Name}** ({best.Experiment.Layers}), {best.TestMae:N0} births per day.");
            md.AppendLine(Invariant, $"(Picking the model by its L′ makes {data.TestYear} part of the choice: how well the pick does on a year nobody has looked at yet would take a third, untouched year.)");
        }


        md.AppendLine(Invariant, $"For reference, repeating the births of 7 days earlier gives L′ = {SameDayLastWeek(data):N0}.");
        md.AppendLine();
        md.AppendLine("## Training");
        md.AppendLine();
        md.AppendLine("Every model minimises the mean squared error of standardized births (mean and standard deviation of the training years only) with Adam.");
        foreach (Settings s in results.Select(r => r.Experiment.Settings).Distinct())
        {
            IEnumerable<string> names = results.Where(r => r.Experiment.Settings == s).Select(r => r.Experiment.Name);
            string who = results.All(r => r.Experiment.Settings == s) ? "All models" : string.Join(", ", names);
            md.AppendLine(Invariant, $"{who}: {s.Epochs} epochs, batch {s.BatchSize}, learning rate {s.LearningRate}.");
        }

        md.AppendLine(Invariant, $"No early stopping, so {data.TestYear} never influences a model: each keeps the parameters of its last epoch. Seed {Experiment.Seed} for the parameters and the shuffling.");
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

    /// <summary>The row with the lowest L′ among those that did not diverge.</summary>
    /// <param name="results">The rows.</param>
    /// <returns>The best row, or null if every one diverged.</returns>
    public static ModelResult? Best(IEnumerable<ModelResult> results) =>
        results.Where(r => r.Diverged is null).MinBy(r => r.TestMae);

    private static string Births(ModelResult result, double mae) => result.Diverged is null ? mae.ToString("N0", Invariant) : "diverged";

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
