using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using StaticNN;
using StaticNN.Training;

// Trains a small float network the same way every time and prints a SHA-256 of its parameters. Same
// fingerprint = bit for bit the same parameters. Usage: StaticNN.Determinism [threads]
int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;
Console.WriteLine(Fingerprint.Describe(threads));

/// <summary>The fixed run and its fingerprint.</summary>
internal static class Fingerprint
{
    public static string Describe(int threads)
    {
        (float[] parameters, float loss, float[] outputs) = Train(threads);
        return string.Create(CultureInfo.InvariantCulture,
            $"fingerprint {Hash(parameters)} outputs {Hash(outputs)} loss {BitConverter.SingleToInt32Bits(loss):x8} threads {threads} vector512 {Vector512.IsHardwareAccelerated} vector-lanes {Vector<float>.Count}");
    }

    private static string Hash(float[] values) => Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan()))).ToLowerInvariant();

    /// <summary>
    /// 8 → 32 Tanh → 16 ReLU → 1 with Adam, 6 epochs of 1,200 samples in batches of 300, with
    /// validation; then the trained network's outputs for the 300 validation samples (ForwardBatch,
    /// the feature-major path where it applies).
    /// </summary>
    public static (float[] Parameters, float ValidationLoss, float[] Outputs) Train(int threads)
    {
        const int Samples = 1500, Inputs = 8;
        float[] x = new float[Samples * Inputs], y = new float[Samples];
        for (int s = 0; s < Samples; s++)
        {
            double sum = 0;
            for (int i = 0; i < Inputs; i++)
            {
                double v = Math.Sin((0.37 * s) + (1.3 * i));
                x[(s * Inputs) + i] = (float)v;
                sum += v * (i + 1);
            }

            y[s] = (float)Math.Tanh(sum / 8);
        }

        var data = new Dataset<float>(x, y, Inputs, 1);
        var network = new FingerprintModel(seed: 42);
        TrainingResult result = network.Fit(data.Slice(0, 1200), data.Slice(1200, 300), new TrainingOptions<float>
        {
            Epochs = 6,
            BatchSize = 300,
            LearningRate = 0.01f,
            Seed = 7,
            Threads = threads,
        });
        float[] outputs = new float[300];
        network.ForwardBatch(x.AsSpan(1200 * Inputs), outputs);
        return (network.Parameters.ToArray(), (float)result.Epochs[^1].ValidationLoss!.Value, outputs);
    }
}

/// <summary>The network of the fixed run.</summary>
[Network(Loss.Mse, Optimizer = Optimizer.Adam)]
[Dense(8, 32, Activation.Tanh)]
[Dense(32, 16, Activation.ReLU)]
[Dense(16, 1)]
internal sealed partial class FingerprintModel
{
}
