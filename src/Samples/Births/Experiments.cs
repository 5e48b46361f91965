using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

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
    /// How every row trains by default: the same for all 14, so the table compares architectures only.
    /// </summary>
    /// <remarks>
    /// A linear model's loss is a bowl with one minimum, the least-squares fit; after 80 epochs its
    /// L and L′ are within 10 births of the closed-form solution's (L′ = 1,627, 526, 377 and 360
    /// births for 1, 7, 28 and 56 days). The networks' L′ still falls slowly after 80 epochs, but the
    /// 1000-unit and 4-layer networks already take several seconds each, and the whole default run
    /// must stay well under two minutes on 2 cores.
    /// </remarks>
    public static readonly Settings Default = new(Epochs: 80, BatchSize: 32, LearningRate: 0.001f);

    /// <summary>Every row of the table, in order.</summary>
    /// <returns>The 14 experiments with the default settings.</returns>
    public static IReadOnlyList<Experiment> All() =>
    [
        Row(Family.Linear, () => new Linear1(Seed)),
        Row(Family.Linear, () => new Linear7(Seed)),
        Row(Family.Linear, () => new Linear28(Seed)),
        Row(Family.Linear, () => new Linear56(Seed)),
        Row(Family.Hidden, () => new Sigmoid10(Seed)),
        Row(Family.Hidden, () => new ReLU10(Seed)),
        Row(Family.Hidden, () => new Sigmoid100(Seed)),
        Row(Family.Hidden, () => new ReLU100(Seed)),
        Row(Family.Hidden, () => new Sigmoid1000(Seed)),
        Row(Family.Hidden, () => new ReLU1000(Seed)),
        Row(Family.Deep, () => new Deep1(Seed)),
        Row(Family.Deep, () => new Deep2(Seed)),
        Row(Family.Deep, () => new Deep3(Seed)),
        Row(Family.Deep, () => new Deep4(Seed)),
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

    private static Experiment Row(Family family, Func<INetwork<float>> create)
    {
        INetwork<float> network = create();
        return new Experiment(network.GetType().Name, family, Describe(network.Layers), network.InputSize, create, Default);
    }

    /// <summary>The layers as the table shows them: "56 → 100 ReLU ×3 → 1".</summary>
    private static string Describe(IReadOnlyList<DenseLayer> layers)
    {
        var text = new StringBuilder(layers[0].Inputs.ToString(CultureInfo.InvariantCulture));
        for (int k = 0; k < layers.Count;)
        {
            // Identical hidden layers in a row are written once, with their count.
            int same = 1;
            while (k + same < layers.Count - 1 && layers[k + same].Outputs == layers[k].Outputs && layers[k + same].Activation == layers[k].Activation)
            {
                same++;
            }

            text.Append(CultureInfo.InvariantCulture, $" → {layers[k].Outputs}");
            if (layers[k].Activation != Activation.Linear)
            {
                text.Append(' ').Append(layers[k].Activation);
            }

            if (same > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $" ×{same}");
            }

            k += same;
        }

        return text.ToString();
    }
}
