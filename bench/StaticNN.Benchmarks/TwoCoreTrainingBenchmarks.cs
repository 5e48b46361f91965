using System;
using BenchmarkDotNet.Attributes;

namespace StaticNN.Benchmarks;

/// <summary>
/// The hook for training on two cores: one SGD step of the generated network on a batch of 256,
/// on 1 core (measured now) and on 2 cores (to come). bench/run-all.sh runs this class, and the
/// results writer puts a "training on 1 and 2 cores" table in RESULTS.md from whatever
/// <see cref="Cores"/> values it finds (the 2-core column reads "not measured" until then).
/// </summary>
/// <remarks>
/// To measure two cores: add 2 to <see cref="Cores"/>'s values and make <see cref="TrainOnTwoCores"/>
/// call StaticNN's parallel training step. Keep the method's description "StaticNN" and the
/// parameter names, which the results writer reads.
/// </remarks>
[MemoryDiagnoser]
public class TwoCoreTrainingBenchmarks
{
    private INetwork<float> _network = null!;
    private float[] _inputs = null!;
    private float[] _targets = null!;

    [Params("A", "B", "C")]
    public string Scenario { get; set; } = "A";

    [Params(256)]
    public int Batch { get; set; }

    /// <summary>The cores the step may use. Hook: add 2 when StaticNN can train on two cores.</summary>
    [Params(1)]
    public int Cores { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = Scenarios.Create(Scenario);
        _inputs = Scenarios.Inputs(_network, Batch);
        _targets = Scenarios.Targets(_network, Batch);
    }

    [Benchmark(Description = "StaticNN")]
    public float StaticNN() => Cores == 1
        ? _network.TrainBatch(_inputs, _targets, TrainingPeerBenchmarks.LearningRate)
        : TrainOnTwoCores();

    /// <summary>Hook: StaticNN's training step on two cores, once it exists.</summary>
    private float TrainOnTwoCores() =>
        throw new NotSupportedException("StaticNN has no two-core training step yet: see this class's remarks.");
}
