using System;
using BenchmarkDotNet.Attributes;
using StaticNN.Kernels;

namespace StaticNN.Benchmarks;

/// <summary>
/// One dense layer over a chunk of 64 samples, the kernels alone: the feature-major kernel that
/// ForwardBatch and Evaluate use for batches of 16 or more (its transpose, its multiply-adds, and
/// both), against the sample-major kernel of Forward and training (Dense.Forward), for the layer
/// shapes of scenarios A, B and C. ReLU in every case. GFLOP/s = 2·inputs·outputs·64 ÷ the time.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/StaticNN.Benchmarks -- --filter '*KernelBenchmarks*'</c>
/// (not part of bench/run-all.sh, whose set is the performance issue's).
/// </remarks>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Samples = 64;

    private float[] _weights = [];
    private float[] _bias = [];
    private float[] _inputs = [];
    private float[] _inputsT = [];
    private float[] _activationsT = [];
    private float[] _z = [];

    /// <summary>The layer, inputs × outputs: A's and B's first layer, B's hidden layers, C's first layer.</summary>
    [Params("56x100", "100x100", "784x100")]
    public string Layer { get; set; } = "56x100";

    private int Inputs { get; set; }

    private int Outputs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!FeatureMajor.IsSupported)
        {
            throw new PlatformNotSupportedException("The feature-major kernel needs 512-bit vectors.");
        }

        Inputs = int.Parse(Layer.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture);
        Outputs = int.Parse(Layer.Split('x')[1], System.Globalization.CultureInfo.InvariantCulture);
        var random = new Random(7);
        _weights = Values(random, Inputs * Outputs);
        _bias = Values(random, Outputs);
        _inputs = Values(random, Samples * Inputs);
        _inputsT = new float[Inputs * Samples];
        _activationsT = new float[Outputs * Samples];
        _z = new float[Samples * Outputs];
        FeatureMajor.ToFeatureMajor(_inputs, _inputsT, Inputs, Samples, Samples);
    }

    [Benchmark(Baseline = true, Description = "sample-major (Dense.Forward)")]
    public void SampleMajor() =>
        Dense.Forward<float, ReLUOperator<float>>(_weights, _bias, _inputs, _z, _z, Inputs, Outputs, Samples);

    [Benchmark(Description = "feature-major: transpose + multiply-adds")]
    public void FeatureMajorWhole()
    {
        FeatureMajor.ToFeatureMajor(_inputs, _inputsT, Inputs, Samples, Samples);
        FeatureMajor.Forward<ReLUOperator<float>>(_weights, _bias, _inputsT, _activationsT, Inputs, Outputs, Samples, Samples);
    }

    [Benchmark(Description = "feature-major: multiply-adds only")]
    public void FeatureMajorForward() =>
        FeatureMajor.Forward<ReLUOperator<float>>(_weights, _bias, _inputsT, _activationsT, Inputs, Outputs, Samples, Samples);

    [Benchmark(Description = "feature-major: transpose only")]
    public void FeatureMajorTranspose() =>
        FeatureMajor.ToFeatureMajor(_inputs, _inputsT, Inputs, Samples, Samples);

    private static float[] Values(Random random, int count)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
