using System;
using StaticNN;

namespace StaticNN.Benchmarks;

/// <summary>Scenario A: the lecture's 56 days → 100 ReLU → 1 (MSE).</summary>
[Network(Loss.Mse)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class ModelA
{
}

/// <summary>Scenario B: 56 → 100 → 100 → 100 ReLU → 1 (MSE).</summary>
[Network(Loss.Mse)]
[Dense(56, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 100, Activation.ReLU)]
[Dense(100, 1)]
public partial class ModelB
{
}

/// <summary>Scenario C: 784 → 100 ReLU → 10 (CrossEntropy; Forward returns probabilities).</summary>
[Network(Loss.CrossEntropy)]
[Dense(784, 100, Activation.ReLU)]
[Dense(100, 10)]
public partial class ModelC
{
}

/// <summary>The benchmark scenarios by name, and the data every contender is given.</summary>
public static class Scenarios
{
    /// <summary>The scenarios' names, as the benchmarks' <c>Scenario</c> parameter takes them.</summary>
    public static readonly string[] Names = ["A", "B", "C"];

    /// <summary>Creates scenario <paramref name="name"/>'s network with seed 1 (PyTorch's nn.Linear initialisation).</summary>
    /// <param name="name">A, B or C.</param>
    /// <returns>The network.</returns>
    public static INetwork<float> Create(string name) => name switch
    {
        "A" => new ModelA(seed: 1),
        "B" => new ModelB(seed: 1),
        "C" => new ModelC(seed: 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Scenarios are A, B and C."),
    };

    /// <summary>Inputs uniform in [−1, 1], the same for every contender.</summary>
    /// <param name="network">The network.</param>
    /// <param name="samples">The number of samples.</param>
    /// <param name="seed">The seed of <see cref="Random"/>.</param>
    /// <returns>samples × InputSize values.</returns>
    public static float[] Inputs(INetwork<float> network, int samples, int seed = 7) =>
        Uniform(samples * network.InputSize, new Random(seed));

    /// <summary>
    /// Training targets: uniform in [−1, 1] for MSE networks, one-hot rows (a random class per
    /// sample) for CrossEntropy networks.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="samples">The number of samples.</param>
    /// <param name="seed">The seed of <see cref="Random"/>.</param>
    /// <returns>samples × OutputSize values.</returns>
    public static float[] Targets(INetwork<float> network, int samples, int seed = 8)
    {
        var random = new Random(seed);
        if (network.Loss != Loss.CrossEntropy)
        {
            return Uniform(samples * network.OutputSize, random);
        }

        float[] targets = new float[samples * network.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            targets[(s * network.OutputSize) + random.Next(network.OutputSize)] = 1f;
        }

        return targets;
    }

    /// <summary>Throws unless every value of <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    /// <param name="what">What is compared, for the message.</param>
    /// <param name="expected">StaticNN's values.</param>
    /// <param name="actual">The peer's values.</param>
    /// <param name="tolerance">The largest absolute difference allowed.</param>
    /// <returns>The largest absolute difference found.</returns>
    public static double CheckAgreement(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance = 1e-4)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException($"{what}: {actual.Length} values, StaticNN {expected.Length}.");
        }

        double largest = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            double difference = Math.Abs((double)expected[k] - actual[k]);
            if (!(difference <= tolerance))
            {
                throw new InvalidOperationException($"{what}: value {k} is {actual[k]}, StaticNN's {expected[k]} (tolerance {tolerance}).");
            }

            largest = Math.Max(largest, difference);
        }

        return largest;
    }

    private static float[] Uniform(int count, Random random)
    {
        float[] values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
