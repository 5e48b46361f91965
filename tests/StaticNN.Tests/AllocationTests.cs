using System;
using System.Numerics;
using StaticNN.Tests.Support;

namespace StaticNN.Tests;

/// <summary>
/// Proves that the hot methods allocate nothing on the managed heap once warm, for single samples
/// and for batches below, at and far above the 64-sample chunk: the workspace is fixed at
/// construction and reused.
/// </summary>
/// <remarks>
/// Measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> around 20 calls. Each case first
/// calls the method 50 times: that runs static constructors and type loading, and passes the 30
/// calls after which tiered compilation re-JITs a method (the JIT's own memory is not counted on
/// this thread anyway). To stay robust against a one-off allocation by the runtime, up to 5 rounds
/// of 20 calls are measured and the test passes if one round allocates 0 bytes; a method that
/// allocates on every call (even 24 bytes) allocates in every round and fails.
/// </remarks>
public sealed class AllocationTests
{
    private const int WarmUpCalls = 50;
    private const int MeasuredCalls = 20;
    private const int Rounds = 5;

    private static readonly string[] Networks = ["FloatTanhSigmoid", "FloatPiecewise", "DoubleClassifier"];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string network in Networks)
        {
            data.Add(network, "Forward", 1);
            data.Add(network, "Update", 0);
            data.Add(network, "ZeroGradients", 0);
            foreach (string method in new[] { "ForwardBatch", "Backward", "TrainBatch", "Evaluate" })
            {
                foreach (int batch in new[] { 1, 7, 32, 1000 })
                {
                    data.Add(network, method, batch);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hot_method_allocates_nothing_after_warm_up(string network, string method, int batchSize)
    {
        Action call = network.StartsWith("Double", StringComparison.Ordinal)
            ? Call(Catalog.Double(network), method, batchSize, 0.001)
            : Call(Catalog.Float(network), method, batchSize, 0.001f);

        for (int k = 0; k < WarmUpCalls; k++)
        {
            call();
        }

        long fewest = long.MaxValue;
        for (int round = 0; round < Rounds && fewest > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < MeasuredCalls; k++)
            {
                call();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(fewest == 0, $"{network}.{method} with {batchSize} sample(s) allocated {fewest} bytes in {MeasuredCalls} calls (the fewest of {Rounds} rounds)");
    }

    /// <summary>A delegate that makes one call; everything it needs is allocated here, before measuring.</summary>
    private static Action Call<T>(NetworkCase<T> shape, string method, int batchSize, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        INetwork<T> net = shape.Create(seed: 1);
        int samples = Math.Max(1, batchSize);
        var random = new TestRandom(Catalog.Seed(shape.Name, samples));
        var inputs = new T[samples * shape.InputSize];
        var targets = new T[samples * shape.OutputSize];
        var outputs = new T[samples * shape.OutputSize];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = T.CreateTruncating(random.Uniform(-1, 1));
        }

        for (int k = 0; k < targets.Length; k++)
        {
            // Non-negative and summing to 1 per sample suits every loss.
            targets[k] = T.CreateTruncating(1.0 / shape.OutputSize);
        }

        net.Backward(inputs, targets);
        return method switch
        {
            "Forward" => () => net.Forward(inputs, outputs),
            "ForwardBatch" => () => net.ForwardBatch(inputs, outputs),
            "Backward" => () => net.Backward(inputs, targets),
            "TrainBatch" => () => net.TrainBatch(inputs, targets, learningRate),
            "Evaluate" => () => net.Evaluate(inputs, targets),
            "Update" => () => net.Update(learningRate),
            "ZeroGradients" => net.ZeroGradients,
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }
}
