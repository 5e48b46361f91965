using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticNN.Samples.Births;

/// <summary>The three experiments of the lecture; each is a group of rows in the table.</summary>
public enum Family
{
    /// <summary>1. Linear models on the past 1, 7, 28 and 56 days.</summary>
    Linear,

    /// <summary>2. 56 days, one hidden layer of 10, 100 or 1000 units, sigmoid versus ReLU.</summary>
    Hidden,

    /// <summary>3. 56 days, 1 to 4 hidden layers of 100 ReLU units.</summary>
    Deep,
}

/// <summary>How a model is trained.</summary>
/// <param name="Epochs">Passes over the 14 training years.</param>
/// <param name="BatchSize">Days per update.</param>
/// <param name="LearningRate">Adam's step size η.</param>
public readonly record struct Settings(int Epochs, int BatchSize, float LearningRate);

/// <summary>One row of the table: a network declared at compile time and how to train it.</summary>
/// <param name="Name">The class name, shown in the table.</param>
/// <param name="Family">The experiment it belongs to.</param>
/// <param name="Layers">The layers, for the table: "56 → 100 ReLU → 1".</param>
/// <param name="PastDays">N, the days the model reads.</param>
/// <param name="Create">Makes the network with its fixed seed.</param>
/// <param name="Settings">Epochs, batch size and learning rate.</param>
public sealed record Experiment(string Name, Family Family, string Layers, int PastDays, Func<INetwork<float>> Create, Settings Settings)
{
    /// <summary>The seed of every network's initial parameters and of the shuffling: the run is deterministic.</summary>
    public const int Seed = 1;

    /// <summary>
    /// The default settings of each family, chosen so that every model has converged (L′ no longer
    /// falls by much) and the whole default run stays well under two minutes on 2 cores.
    /// </summary>
    /// <param name="family">The family.</param>
    /// <returns>Its settings.</returns>
    public static Settings Defaults(Family family) => family switch
    {
        // Linear models have one minimum (the loss is a bowl in the parameters): a large step reaches it fast.
        Family.Linear => new Settings(Epochs: 20, BatchSize: 32, LearningRate: 0.01f),
        Family.Hidden => new Settings(Epochs: 30, BatchSize: 32, LearningRate: 0.001f),
        Family.Deep => new Settings(Epochs: 30, BatchSize: 32, LearningRate: 0.001f),
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    /// <summary>Every row of the table, in order.</summary>
    /// <returns>The 14 experiments with their default settings.</returns>
    public static IReadOnlyList<Experiment> All() =>
    [
        Row("Linear1", Family.Linear, "1 → 1", 1, () => new Linear1(Seed)),
        Row("Linear7", Family.Linear, "7 → 1", 7, () => new Linear7(Seed)),
        Row("Linear28", Family.Linear, "28 → 1", 28, () => new Linear28(Seed)),
        Row("Linear56", Family.Linear, "56 → 1", 56, () => new Linear56(Seed)),
        Row("Sigmoid10", Family.Hidden, "56 → 10 sigmoid → 1", 56, () => new Sigmoid10(Seed)),
        Row("ReLU10", Family.Hidden, "56 → 10 ReLU → 1", 56, () => new ReLU10(Seed)),
        Row("Sigmoid100", Family.Hidden, "56 → 100 sigmoid → 1", 56, () => new Sigmoid100(Seed)),
        Row("ReLU100", Family.Hidden, "56 → 100 ReLU → 1", 56, () => new ReLU100(Seed)),
        Row("Sigmoid1000", Family.Hidden, "56 → 1000 sigmoid → 1", 56, () => new Sigmoid1000(Seed)),
        Row("ReLU1000", Family.Hidden, "56 → 1000 ReLU → 1", 56, () => new ReLU1000(Seed)),
        Row("Deep1", Family.Deep, "56 → 100 ReLU → 1", 56, () => new Deep1(Seed)),
        Row("Deep2", Family.Deep, "56 → 100 ReLU ×2 → 1", 56, () => new Deep2(Seed)),
        Row("Deep3", Family.Deep, "56 → 100 ReLU ×3 → 1", 56, () => new Deep3(Seed)),
        Row("Deep4", Family.Deep, "56 → 100 ReLU ×4 → 1", 56, () => new Deep4(Seed)),
    ];

    /// <summary>The experiments a <c>--experiment</c> value selects, with the user's overrides applied.</summary>
    /// <param name="choice"><c>linear</c>, <c>hidden</c>, <c>deep</c> or <c>all</c>.</param>
    /// <param name="epochs">Epochs for every model instead of the defaults, or null.</param>
    /// <param name="learningRate">A learning rate for every model instead of the defaults, or null.</param>
    /// <param name="batchSize">A batch size for every model instead of the defaults, or null.</param>
    /// <returns>The rows to run.</returns>
    public static IReadOnlyList<Experiment> Select(string choice, int? epochs, float? learningRate, int? batchSize) =>
        All()
            .Where(e => choice == "all" || e.Family.ToString().Equals(choice, StringComparison.OrdinalIgnoreCase))
            .Select(e => e with
            {
                Settings = e.Settings with
                {
                    Epochs = epochs ?? e.Settings.Epochs,
                    LearningRate = learningRate ?? e.Settings.LearningRate,
                    BatchSize = batchSize ?? e.Settings.BatchSize,
                },
            })
            .ToList();

    private static Experiment Row(string name, Family family, string layers, int pastDays, Func<INetwork<float>> create) =>
        new(name, family, layers, pastDays, create, Defaults(family));
}
