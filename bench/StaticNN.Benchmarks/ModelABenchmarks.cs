using System;
using BenchmarkDotNet.Attributes;

namespace StaticNN.Benchmarks;

/// <summary>
/// The generated 56→100 ReLU→1 network: one-sample latency, a batch of 64, and one SGD training
/// step on a batch of 32. Every method must report 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class ModelABenchmarks
{
    private readonly ModelA _model = new(seed: 1);
    private readonly float[] _input = new float[ModelA.InputSize];
    private readonly float[] _output = new float[ModelA.OutputSize];
    private readonly float[] _batch64 = new float[64 * ModelA.InputSize];
    private readonly float[] _outputs64 = new float[64 * ModelA.OutputSize];
    private readonly float[] _batch32 = new float[32 * ModelA.InputSize];
    private readonly float[] _targets32 = new float[32 * ModelA.OutputSize];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        Fill(_input, random);
        Fill(_batch64, random);
        Fill(_batch32, random);
        Fill(_targets32, random);
    }

    [Benchmark(Description = "Forward, batch 1")]
    public void Forward() => _model.Forward(_input, _output);

    [Benchmark(Description = "ForwardBatch, batch 64")]
    public void ForwardBatch64() => _model.ForwardBatch(_batch64, _outputs64);

    [Benchmark(Description = "TrainBatch (SGD), batch 32")]
    public float TrainBatch32() => _model.TrainBatch(_batch32, _targets32, 1e-4f);

    private static void Fill(float[] values, Random random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }
}
