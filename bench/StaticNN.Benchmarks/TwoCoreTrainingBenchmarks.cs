using BenchmarkDotNet.Attributes;

namespace StaticNN.Benchmarks;

/// <summary>
/// Training on two cores: one SGD step of the generated network on a batch of 256, on 1 core
/// (<c>TrainBatch</c>) and on 2 (<see cref="Training.ParallelBackward{T}"/>: the batch cut in two
/// parts, one per thread, gradients added in a fixed order). bench/run-all.sh runs this class, and
/// the results writer puts the "training on 1 and 2 cores" table in RESULTS.md.
/// </summary>
/// <remarks>
/// Keep the method's description "StaticNN" and the parameter names, which the results writer reads.
/// </remarks>
[MemoryDiagnoser]
public class TwoCoreTrainingBenchmarks
{
    private INetwork<float> _network = null!;
    private float[] _inputs = null!;
    private float[] _targets = null!;
    private Training.ParallelBackward<float>? _parallel;

    [Params("A", "B", "C")]
    public string Scenario { get; set; } = "A";

    [Params(256)]
    public int Batch { get; set; }

    /// <summary>The cores the step may use.</summary>
    [Params(1, 2)]
    public int Cores { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = Scenarios.Create(Scenario);
        _inputs = Scenarios.Inputs(_network, Batch);
        _targets = Scenarios.Targets(_network, Batch);
        _parallel = Cores == 1 ? null : new Training.ParallelBackward<float>(_network, Cores);
    }

    [GlobalCleanup]
    public void Cleanup() => _parallel?.Dispose();

    [Benchmark(Description = "StaticNN")]
    public float StaticNN() => Cores == 1
        ? _network.TrainBatch(_inputs, _targets, TrainingPeerBenchmarks.LearningRate)
        : TrainOnTwoCores();

    private float TrainOnTwoCores() => _parallel!.TrainBatch(_inputs, _targets, TrainingPeerBenchmarks.LearningRate);
}
