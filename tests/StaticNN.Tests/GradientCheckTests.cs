using System;
using System.Collections.Generic;
using System.Linq;
using StaticNN.Tests.Networks;
using StaticNN.Tests.Support;
using Xunit.Abstractions;

namespace StaticNN.Tests;

/// <summary>
/// Proves that Backward adds ∂C/∂θ to Gradients, for every activation × every loss and
/// layer widths on both sides of the vector sizes, by comparing with central finite differences
/// of Evaluate in double; also that Backward returns Evaluate's loss and that it accumulates.
/// </summary>
/// <remarks>
/// <para>
/// Data. Parameters are the seeded initialisation scaled by 3, inputs uniform in [−2, 2]: then
/// every pre-activation has a spread of about ±2 whatever the width (Var z = n·(3²/3n)·(4/3) = 4),
/// so sigmoid and tanh reach their flat tails, HardSigmoid crosses its corners at ±3 (≈ 13 % of the
/// first layer's z), and ReLU/LeakyReLU see both signs. Regression targets are uniform in [−1, 1],
/// cross-entropy targets random probability vectors.
/// </para>
/// <para>
/// Kinks. ReLU, LeakyReLU, HardSigmoid and MAE make C non-differentiable on a set of measure
/// zero, where a difference quotient with step h is wrong if a kink lies within h of θ. We keep the
/// random inputs (they are what exercises both sides of each kink) and handle the rare straddle:
/// a parameter that fails with h is re-checked with h/10; if the two quotients disagree with each
/// other, the step crossed a kink and the parameter is skipped. Skips are allowed only for networks
/// with kinks and only for ≤ 1 % of the checked parameters, so a wrong gradient cannot hide there;
/// a quotient that is stable under h → h/10 yet differs from the gradient is a failure.
/// </para>
/// </remarks>
public sealed class GradientCheckTests(ITestOutputHelper output)
{
    /// <summary>
    /// h = 1e-6: the truncation error of the central quotient, h²·C‴/6 ≈ 1e-12·C‴, and its rounding
    /// error, ≈ ε·|C|/h ≈ 1e-10·|C| for an exactly computed C, are both far below the tolerance.
    /// </summary>
    private const double Step = 1e-6;

    /// <summary>
    /// The tolerance of |g − fd|: Atol·max(1, |C|) + Rtol·max(|g|, |fd|).
    /// Atol: C is computed with a relative rounding error of a few hundred ε at most (sums of up to
    /// 64×25 terms, each a few layers deep), so each evaluation is off by ≲ 1e-13·|C| and the quotient
    /// by ≲ 2·1e-13·|C| / 2h = 1e-7·|C|; we allow 1e-6·max(1, |C|), 10× that. Rtol: the truncation
    /// error h²·C‴/6 ≈ 1e-12·C‴ and the rounding of g itself (≈ 1e-14 relative) are far below 1e-6.
    /// A real bug (a missing factor, a wrong derivative, a wrong index) gives differences of order
    /// |g|, which is ≥ 1e-3 for most parameters. The test output logs how much of the tolerance each
    /// case used: at most 0.3 % when this was written.
    /// </summary>
    private const double Atol = 1e-6;

    private const double Rtol = 1e-6;

    /// <summary>
    /// Networks with more parameters than this are checked on a random subset: up to 45 parameters
    /// from every weight matrix and every bias, so 145 for 56 → 100 → 10 and 136 for 1 → 10000 → 1.
    /// </summary>
    private const int FullCheckLimit = 2000;

    private const int SubsetPerBlock = 45;

    public static TheoryData<string, int> SweepCases()
    {
        var data = new TheoryData<string, int>();
        foreach (NetworkCase<double> network in GradientNetworks.All)
        {
            foreach (int batch in new[] { 1, 3, 64 })
            {
                data.Add(network.Name, batch);
            }
        }

        return data;
    }

    /// <summary>
    /// Batches of 130 run as chunks 64 + 64 + 2. (The very wide Mse_Tanh_1x10000x1, whose chunk is 26
    /// samples, already crosses chunks at batch 64 of the sweep: 26 + 26 + 12.)
    /// </summary>
    public static TheoryData<string, int> ChunkCrossingCases() => new()
    {
        { "Mse_Tanh_7x17x2", 130 },
        { "Mae_Sigmoid_9x3x25", 130 },
        { "CrossEntropy_ReLU_56x100x10", 130 },
        { "CrossEntropy_HardSigmoid_4x6x5x3x2", 130 },
        { "Mse_LeakyReLU_56x100x10", 130 },
    };

    [Theory]
    [MemberData(nameof(SweepCases))]
    [MemberData(nameof(ChunkCrossingCases))]
    public void Backward_matches_central_finite_differences(string network, int batchSize)
    {
        NetworkCase<double> shape = Catalog.Double(network);
        INetwork<double> net = CreateScaled(shape);
        (double[] inputs, double[] targets) = Batch(shape, batchSize, salt: 1);

        net.ZeroGradients();
        double backwardLoss = net.Backward(inputs, targets);
        double[] gradients = net.Gradients.ToArray();
        double loss = net.Evaluate(inputs, targets);

        // Same chunks, same kernels, same order of summation: the two losses are the same number.
        Assert.Equal(loss, backwardLoss);

        // The loss itself is the defined one, per ReferenceMlp (scalar, no FMA, another summation
        // order). Both are within ≈ 1e-13·|C| of the exact value (see Atol); 1e-12 allows 10× that.
        double reference = ReferenceMlp.MeanLoss(shape.Layers, shape.Loss, net.Parameters, inputs, targets);
        Assert.True(Math.Abs(loss - reference) <= 1e-12 * Math.Max(1, Math.Abs(reference)), $"loss {loss} vs reference {reference}");

        int[] indices = ParametersToCheck(shape);
        var failures = new List<string>();
        int skipped = 0;
        double worstUse = 0; // the largest |g − fd| as a fraction of its tolerance
        double atol = Atol * Math.Max(1, Math.Abs(loss));
        foreach (int k in indices)
        {
            double g = gradients[k];
            double fd = CentralDifference(net, k, Step, inputs, targets);
            worstUse = Math.Max(worstUse, Math.Abs(g - fd) / (atol + (Rtol * Math.Max(Math.Abs(g), Math.Abs(fd)))));
            if (Close(g, fd, atol))
            {
                continue;
            }

            // A tenth of the step: rounding error grows 10×, so does the absolute tolerance.
            double fdSmall = CentralDifference(net, k, Step / 10, inputs, targets);
            if (Close(g, fdSmall, 10 * atol))
            {
                continue; // the step h straddled a kink that h/10 avoids
            }

            if (shape.HasKinks && !Close(fd, fdSmall, 10 * atol))
            {
                skipped++; // both steps straddle a kink: the quotients are unreliable here
                continue;
            }

            failures.Add($"θ[{k}]: gradient {g:R}, finite difference {fd:R} (h/10: {fdSmall:R})");
        }

        output.WriteLine($"{network}, batch {batchSize}: checked {indices.Length} of {shape.ParameterCount} parameters, skipped {skipped}, loss {loss:G6}, worst |g − fd| = {worstUse:P2} of its tolerance");
        Assert.True(failures.Count == 0, $"{failures.Count} gradient(s) differ:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(skipped <= Math.Max(1, indices.Length / 100), $"{skipped} of {indices.Length} parameters skipped as kinks");
        Assert.Equal(loss, net.Evaluate(inputs, targets)); // the parameters were restored exactly
    }

    /// <summary>
    /// Cross-entropy is defined for any non-negative targets, −Σ t·log p, whose gradient in the
    /// logits is p·Σt − t; here the targets of each sample sum to 0.3–1.7, not 1.
    /// </summary>
    [Theory]
    [InlineData("CrossEntropy_Tanh_5x9x25", 7)]
    [InlineData("CrossEntropy_ReLU_56x100x10", 70)]
    public void Backward_matches_finite_differences_for_targets_that_do_not_sum_to_one(string network, int batchSize)
    {
        NetworkCase<double> shape = Catalog.Double(network);
        INetwork<double> net = CreateScaled(shape);
        (double[] inputs, double[] targets) = Batch(shape, batchSize, salt: 4);
        var random = new TestRandom(Catalog.Seed(network, salt: 5));
        for (int s = 0; s < batchSize; s++)
        {
            double factor = random.Uniform(0.3, 1.7);
            for (int k = 0; k < shape.OutputSize; k++)
            {
                targets[(s * shape.OutputSize) + k] *= factor;
            }
        }

        net.ZeroGradients();
        net.Backward(inputs, targets);
        double loss = net.Evaluate(inputs, targets);
        double atol = Atol * Math.Max(1, Math.Abs(loss));
        foreach (int k in ParametersToCheck(shape))
        {
            double g = net.Gradients[k], fd = CentralDifference(net, k, Step, inputs, targets);
            Assert.True(Close(g, fd, atol), $"θ[{k}]: gradient {g:R}, finite difference {fd:R}");
        }
    }

    [Theory]
    [InlineData("Mse_ReLU_5x13x1", 3)]
    [InlineData("Mae_Tanh_56x100x10", 64)]
    [InlineData("CrossEntropy_Sigmoid_4x6x5x3x2", 130)]
    public void Backward_accumulates_into_Gradients(string network, int batchSize)
    {
        NetworkCase<double> shape = Catalog.Double(network);
        INetwork<double> net = CreateScaled(shape);
        (double[] inputsA, double[] targetsA) = Batch(shape, batchSize, salt: 2);
        (double[] inputsB, double[] targetsB) = Batch(shape, batchSize + 1, salt: 3);

        net.ZeroGradients();
        net.Backward(inputsA, targetsA);
        double[] once = net.Gradients.ToArray();
        net.Backward(inputsA, targetsA);
        double[] twice = net.Gradients.ToArray();

        net.ZeroGradients();
        net.Backward(inputsB, targetsB);
        double[] onlyB = net.Gradients.ToArray();
        net.ZeroGradients();
        net.Backward(inputsA, targetsA);
        net.Backward(inputsB, targetsB);
        double[] both = net.Gradients.ToArray();

        // The second call adds its terms to the first call's values instead of to zero, so the
        // results differ from 2·g only by the rounding of those sums: ≤ (B + 2)·ε·Σ|terms| ≈ 1e-12
        // here. 1e-9·max(1, max|g|) is far above that and far below |g| (≥ 1e-3 somewhere, asserted),
        // which is what a Backward that overwrites instead of adding would be off by.
        double scale = Math.Max(1, once.Max(Math.Abs));
        Assert.True(once.Max(Math.Abs) > 1e-3, "the gradient must not be trivially zero");
        for (int k = 0; k < once.Length; k++)
        {
            Assert.True(Math.Abs(twice[k] - (2 * once[k])) <= 1e-9 * scale, $"θ[{k}]: {twice[k]:R} after two calls, {once[k]:R} after one");
            Assert.True(Math.Abs(both[k] - (once[k] + onlyB[k])) <= 1e-9 * scale, $"θ[{k}]: {both[k]:R} after A and B, {once[k]:R} + {onlyB[k]:R} separately");
        }
    }

    /// <summary>The network with its seeded parameters scaled by 3 (see the class remarks).</summary>
    internal static INetwork<double> CreateScaled(NetworkCase<double> shape)
    {
        INetwork<double> net = shape.Create(seed: 42);
        Span<double> parameters = net.Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] *= 3;
        }

        return net;
    }

    internal static (double[] Inputs, double[] Targets) Batch(NetworkCase<double> shape, int samples, int salt)
    {
        var random = new TestRandom(Catalog.Seed(shape.Name, (samples * 31) + salt));
        var inputs = new double[samples * shape.InputSize];
        var targets = new double[samples * shape.OutputSize];
        random.Fill(inputs, -2, 2);
        if (shape.Loss == Loss.CrossEntropy)
        {
            random.FillProbabilityRows(targets, shape.OutputSize);
        }
        else
        {
            random.Fill(targets, -1, 1);
        }

        return (inputs, targets);
    }

    /// <summary>(C(θ + h·e_k) − C(θ − h·e_k)) / (actual step), restoring θ_k exactly.</summary>
    private static double CentralDifference(INetwork<double> net, int k, double h, double[] inputs, double[] targets)
    {
        double original = net.Parameters[k];

        // θ ± h is rounded; dividing by the difference of the rounded values removes that error.
        double plus = original + h, minus = original - h;
        net.Parameters[k] = plus;
        double cPlus = net.Evaluate(inputs, targets);
        net.Parameters[k] = minus;
        double cMinus = net.Evaluate(inputs, targets);
        net.Parameters[k] = original;
        return (cPlus - cMinus) / (plus - minus);
    }

    private static bool Close(double a, double b, double atol) =>
        Math.Abs(a - b) <= atol + (Rtol * Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>All parameters of a small network; for a large one, up to 45 random ones from every weight and bias block.</summary>
    private static int[] ParametersToCheck(NetworkCase<double> shape)
    {
        if (shape.ParameterCount <= FullCheckLimit)
        {
            return Enumerable.Range(0, shape.ParameterCount).ToArray();
        }

        var random = new TestRandom(Catalog.Seed(shape.Name, salt: 7));
        var chosen = new SortedSet<int>();
        for (int layer = 0; layer < shape.Layers.Count; layer++)
        {
            LayerShape l = shape.Layers[layer];
            int weights = shape.WeightOffset(layer), weightCount = l.Inputs * l.Outputs;
            foreach ((int start, int count) in new[] { (weights, weightCount), (weights + weightCount, l.Outputs) })
            {
                for (int pick = 0; pick < Math.Min(count, SubsetPerBlock); pick++)
                {
                    // Sample without replacement within the block.
                    int k;
                    do
                    {
                        k = start + random.NextInt(count);
                    }
                    while (!chosen.Add(k));
                }
            }
        }

        return chosen.ToArray();
    }
}
