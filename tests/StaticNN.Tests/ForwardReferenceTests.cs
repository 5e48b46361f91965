using System;
using StaticNN.Tests.Support;
using Xunit.Abstractions;

namespace StaticNN.Tests;

/// <summary>
/// Proves that float Forward and ForwardBatch compute the declared network (layer order, weight
/// layout, biases, every activation, softmax for CrossEntropy) over any batch size, chunked or not:
/// their outputs match <see cref="ReferenceMlp"/>, a scalar double implementation fed the same
/// float parameters, within the float32 rounding error bound derived there.
/// </summary>
/// <remarks>
/// Tolerance: |float − reference| ≤ 2·B + 1e-7, where B is the forward error bound of
/// <see cref="ReferenceMlp.Forward"/> (per dot product of length n: min(n, 8√n)·2^-24·Σ|terms| plus
/// two roundings, carried through the later layers by |W| and the activations' Lipschitz
/// constants). The factor 2 absorbs that B is a first-order bound; 1e-7 (≈ 2 ulps of 1 in float)
/// covers outputs whose bound is 0 because every term is 0. B is at most ≈ 1e-5·Σ|terms| for
/// n ≤ 100 and ≈ 5e-5·Σ|terms| for n = 10000, while a real bug (a wrong weight, bias, activation or
/// row) moves an output by a sizeable fraction of Σ|terms|. The test output logs the largest error
/// as a fraction of the tolerance (under 5 % when this was written).
/// </remarks>
public sealed class ForwardReferenceTests(ITestOutputHelper output)
{
    private static readonly string[] Networks =
    [
        "FloatTanhSigmoid", "FloatWideClassifier", "FloatPiecewise", "FloatSingleLayer",
        "FloatBinaryClassifier", "FloatVeryWide", "DefaultsNetwork",
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string network in Networks)
        {
            foreach (int batch in new[] { 1, 7, 32, 1000 })
            {
                data.Add(network, batch);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBatch_and_Forward_match_the_scalar_reference(string network, int batchSize)
    {
        NetworkCase<float> shape = Catalog.Float(network);
        INetwork<float> net = shape.Create(seed: 5);
        var random = new TestRandom(Catalog.Seed(network, batchSize));
        var inputs = new float[batchSize * shape.InputSize];
        random.Fill(inputs, -2, 2);
        double[] parameters = Array.ConvertAll(net.Parameters.ToArray(), p => (double)p);

        var batchOutputs = new float[batchSize * shape.OutputSize];
        net.ForwardBatch(inputs, batchOutputs);

        var single = new float[shape.OutputSize];
        double worst = 0;
        for (int s = 0; s < batchSize; s++)
        {
            double[] x = Array.ConvertAll(inputs.AsSpan(s * shape.InputSize, shape.InputSize).ToArray(), v => (double)v);
            (double[] expected, double[] bound) = ReferenceMlp.Forward(shape.Layers, shape.Loss, parameters, x);
            ReadOnlySpan<float> fromBatch = batchOutputs.AsSpan(s * shape.OutputSize, shape.OutputSize);

            // Forward for every sample of small batches, and every 37th of the 1000 (time).
            bool checkSingle = batchSize <= 32 || s % 37 == 0;
            if (checkSingle)
            {
                net.Forward(inputs.AsSpan(s * shape.InputSize, shape.InputSize), single);
            }

            for (int k = 0; k < shape.OutputSize; k++)
            {
                double tolerance = (2 * bound[k]) + 1e-7;
                double error = Math.Abs(fromBatch[k] - expected[k]);
                worst = Math.Max(worst, error / tolerance);
                Assert.True(error <= tolerance, $"ForwardBatch sample {s} output {k}: {fromBatch[k]:R}, reference {expected[k]:R}, tolerance {tolerance:E2}");
                if (checkSingle)
                {
                    Assert.True(Math.Abs(single[k] - expected[k]) <= tolerance, $"Forward sample {s} output {k}: {single[k]:R}, reference {expected[k]:R}, tolerance {tolerance:E2}");
                }
            }

            if (shape.Loss == Loss.CrossEntropy)
            {
                // Probabilities: each in [0, 1] and summing to 1 up to the rounding of m exponentials,
                // their float sum and m divisions: ≤ (2m + 8)·2^-24.
                double sum = 0;
                foreach (float p in fromBatch)
                {
                    Assert.InRange(p, 0f, 1f);
                    sum += p;
                }

                Assert.True(Math.Abs(sum - 1) <= ((2 * shape.OutputSize) + 8) * ReferenceMlp.FloatUnitRoundoff, $"sample {s}: probabilities sum to {sum:R}");
            }
        }

        output.WriteLine($"{network}, batch {batchSize}: largest error {worst:P2} of the tolerance");
    }
}
