using System;
using System.Linq;
using System.Numerics;
using StaticNN.Tests.Networks;
using StaticNN.Tests.Support;

namespace StaticNN.Tests;

/// <summary>
/// Proves the initialisation follows PyTorch's nn.Linear: each layer's weights and bias uniform in
/// ±1/√inputs of that layer, reproducible from the seed (equal seeds → equal bits, different
/// seeds → different values, the parameterless constructor = seed 0, ResetParameters(seed) = a new
/// network with that seed), gradients start at zero.
/// </summary>
/// <remarks>
/// The statistical checks hold for any correct generator and any seed except with probability
/// below 1e-6 each (bounds stated at each check); the seeds are fixed, so the outcome is
/// deterministic.
/// </remarks>
public sealed class InitializationTests
{
    private static readonly int[] Seeds = [0, 1, 2, -1, 12345, int.MaxValue, int.MinValue];

    [Theory]
    [InlineData("FloatWideClassifier")]
    [InlineData("FloatPiecewise")]
    [InlineData("FloatVeryWide")]
    public void Equal_seeds_give_identical_parameters_and_different_seeds_different_ones_float(string network) =>
        CheckSeeds(Catalog.Float(network));

    [Theory]
    [InlineData("CrossEntropy_Tanh_56x100x10")]
    [InlineData("Mse_ReLU_4x6x5x3x2")]
    public void Equal_seeds_give_identical_parameters_and_different_seeds_different_ones_double(string network) =>
        CheckSeeds(Catalog.Double(network));

    [Fact]
    public void The_parameterless_constructor_uses_seed_0()
    {
        Bitwise.Equal<float>(new FloatWideClassifier(0).Parameters, new FloatWideClassifier().Parameters, "FloatWideClassifier");
        Bitwise.Equal<float>(new DefaultsNetwork(0).Parameters, new DefaultsNetwork().Parameters, "DefaultsNetwork");
        Bitwise.Equal<double>(new DoubleClassifier(0).Parameters, new DoubleClassifier().Parameters, "DoubleClassifier");
        Bitwise.Equal<double>(new Mae_HardSigmoid_56x100x10(0).Parameters, new Mae_HardSigmoid_56x100x10().Parameters, "Mae_HardSigmoid_56x100x10");
    }

    [Theory]
    [InlineData("FloatWideClassifier")]
    [InlineData("FloatPiecewise")]
    public void ResetParameters_gives_the_parameters_of_a_new_network_and_clears_gradients(string network)
    {
        NetworkCase<float> shape = Catalog.Float(network);
        INetwork<float> net = shape.Create(seed: 0);
        (float[] inputs, float[] targets) = TrainingStepTests.FloatBatch(shape, 5, salt: 1);
        net.TrainBatch(inputs, targets, 0.1f);
        net.Backward(inputs, targets);

        net.ResetParameters(77);

        Bitwise.Equal<float>(shape.Create(seed: 77).Parameters, net.Parameters, $"{network} reset with seed 77");
        Bitwise.Equal<float>(new float[shape.ParameterCount], net.Gradients, $"{network} gradients after the reset");
    }

    [Theory]
    [InlineData("FloatWideClassifier")]
    [InlineData("FloatPiecewise")]
    [InlineData("FloatVeryWide")]
    [InlineData("FloatSingleLayer")]
    public void Every_parameter_lies_within_its_layers_bound_float(string network) =>
        CheckBounds(Catalog.Float(network));

    [Theory]
    [InlineData("Mse_Sigmoid_56x100x10")]
    [InlineData("CrossEntropy_LeakyReLU_4x6x5x3x2")]
    [InlineData("Mse_Tanh_1x10000x1")]
    public void Every_parameter_lies_within_its_layers_bound_double(string network) =>
        CheckBounds(Catalog.Double(network));

    [Fact]
    public void Weights_of_a_56_by_100_layer_look_uniform_float() =>
        CheckUniform(Catalog.Float("FloatWideClassifier"));

    [Fact]
    public void Weights_of_a_56_by_100_layer_look_uniform_double() =>
        CheckUniform(Catalog.Double("Mae_Linear_56x100x10"));

    private static void CheckSeeds<T>(NetworkCase<T> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[][] parameters = Seeds.Select(seed => shape.Create(seed).Parameters.ToArray()).ToArray();
        for (int a = 0; a < Seeds.Length; a++)
        {
            INetwork<T> again = shape.Create(Seeds[a]);
            Bitwise.Equal<T>(parameters[a], again.Parameters, $"{shape.Name} with seed {Seeds[a]}, created twice");
            Assert.All(again.Gradients.ToArray(), g => Assert.Equal(T.Zero, g));

            for (int b = a + 1; b < Seeds.Length; b++)
            {
                // Two independent draws coincide with probability ≲ 2^-22 per float; 1 % equal
                // values would mean the streams are related, not independent.
                int equal = parameters[a].Zip(parameters[b]).Count(p => p.First == p.Second);
                Assert.True(equal <= shape.ParameterCount / 100, $"seeds {Seeds[a]} and {Seeds[b]} agree on {equal} of {shape.ParameterCount} parameters");
            }
        }
    }

    private static void CheckBounds<T>(NetworkCase<T> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (int seed in new[] { 0, 99 })
        {
            T[] parameters = shape.Create(seed).Parameters.ToArray();
            for (int layer = 0; layer < shape.Layers.Count; layer++)
            {
                LayerShape l = shape.Layers[layer];

                // The bound 1/√inputs rounded to T: a value drawn in double and rounded to float
                // may round onto (float)bound, which can lie a half-ulp above the real bound.
                double bound = 1 / Math.Sqrt(l.Inputs);
                T limit = T.CreateTruncating(bound);
                int start = shape.WeightOffset(layer), weights = l.Inputs * l.Outputs;
                for (int k = start; k < start + weights + l.Outputs; k++)
                {
                    Assert.True(T.Abs(parameters[k]) <= limit, $"{shape.Name} seed {seed}: layer {layer + 1} {(k < start + weights ? "weight" : "bias")} θ[{k}] = {parameters[k]} outside ±{bound}");
                }

                // The bound is this layer's own 1/√inputs, not a smaller one: with N values uniform
                // in ±b, P(max|θ| < 0.8·b) = 0.8^N, ≤ 1e-6 for N ≥ 62 (smaller blocks are skipped).
                foreach ((int from, int count) in new[] { (start, weights), (start + weights, l.Outputs) })
                {
                    if (count >= 62)
                    {
                        double max = parameters.Skip(from).Take(count).Max(p => Math.Abs(double.CreateTruncating(p)));
                        Assert.True(max >= 0.8 * bound, $"{shape.Name} seed {seed}: layer {layer + 1} reaches only {max} of the bound {bound}");
                    }
                }
            }
        }
    }

    private static void CheckUniform<T>(NetworkCase<T> shape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(new LayerShape(56, 100, shape.Layers[0].Activation), shape.Layers[0]);
        double b = 1 / Math.Sqrt(56);
        double[] w = shape.Create(seed: 2024).Parameters[..5600].ToArray().Select(p => double.CreateTruncating(p)).ToArray();
        int n = w.Length;

        // Uniform on [−b, b]: mean 0, variance b²/3. The sample mean has standard deviation
        // b/√(3n) = 0.0077·b; 5 standard deviations (two-sided p ≈ 6e-7) → |mean| < 0.039·b.
        double mean = w.Average();
        Assert.True(Math.Abs(mean) < 5 * b / Math.Sqrt(3.0 * n), $"mean {mean} (b = {b})");

        // Mean of w²: expectation b²/3, variance (b⁴/5 − b⁴/9)/n = 4b⁴/(45n); again 5 standard deviations.
        double meanSquare = w.Average(x => x * x);
        Assert.True(Math.Abs(meanSquare - (b * b / 3)) < 5 * b * b * Math.Sqrt(4.0 / (45.0 * n)), $"mean of w² {meanSquare}, expected {b * b / 3}");

        // The extremes: P(max|w| < (1 − ε)·b) = (1 − ε)^n = e^-28 for ε = 0.005, n = 5600.
        Assert.True(w.Max(Math.Abs) > 0.995 * b, $"max |w| = {w.Max(Math.Abs)} (b = {b})");

        // Shape: 20 equal bins of 280 expected values each; the χ² statistic with 19 degrees of
        // freedom exceeds 64 with probability 8.9e-7. A triangular or normal-looking draw fails it.
        var bins = new int[20];
        foreach (double x in w)
        {
            bins[Math.Clamp((int)((x + b) / (2 * b) * bins.Length), 0, bins.Length - 1)]++;
        }

        double expected = (double)n / bins.Length;
        double chiSquare = bins.Sum(count => (count - expected) * (count - expected) / expected);
        Assert.True(chiSquare < 64, $"χ² = {chiSquare} over bins [{string.Join(", ", bins)}]");
    }
}
