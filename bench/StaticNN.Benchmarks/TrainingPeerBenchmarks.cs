using System;
using BenchmarkDotNet.Attributes;

namespace StaticNN.Benchmarks;

/// <summary>
/// One SGD training step (forward, loss, backward, update) on a batch of 32 for scenarios A, B
/// and C: the generated network's <c>TrainBatch</c>, a hand-written TensorPrimitives MLP, and
/// TorchSharp (<c>nn.Sequential</c> + <c>torch.optim.SGD</c>, one thread). Setup does one step in
/// each from the same parameters and throws unless the losses and every parameter afterwards agree
/// with StaticNN's within 1e-4; then it puts the start parameters back, so the timed steps start
/// alike (and then drift, each contender on its own, as training does).
/// </summary>
[MemoryDiagnoser]
public class TrainingPeerBenchmarks
{
    /// <summary>SGD's learning rate.</summary>
    public const float LearningRate = 0.01f;

    private INetwork<float> _network = null!;
    private TensorPrimitivesMlp _mlp = null!;
    private TorchSharpModel _torch = null!;
    private float[] _start = null!;
    private float[] _inputs = null!;
    private float[] _targets = null!;

    [Params("A", "B", "C")]
    public string Scenario { get; set; } = "A";

    [Params(32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = Scenarios.Create(Scenario);
        _start = _network.Parameters.ToArray();
        _inputs = Scenarios.Inputs(_network, Batch);
        _targets = Scenarios.Targets(_network, Batch);
        _mlp = new TensorPrimitivesMlp(_network, Batch);
        _torch = new TorchSharpModel(_network, _inputs, _targets, LearningRate);
        CheckOneStep();
        Reset();
    }

    [GlobalCleanup]
    public void Cleanup() => _torch.Dispose();

    [Benchmark(Baseline = true, Description = "StaticNN")]
    public float StaticNN() => _network.TrainBatch(_inputs, _targets, LearningRate);

    [Benchmark(Description = "TensorPrimitives MLP")]
    public float TensorPrimitives() => _mlp.TrainBatch(_inputs, _targets, Batch, LearningRate);

    [Benchmark(Description = "TorchSharp")]
    public float TorchSharp() => _torch.TrainStep();

    private void CheckOneStep()
    {
        float staticLoss = _network.TrainBatch(_inputs, _targets, LearningRate);
        float mlpLoss = _mlp.TrainBatch(_inputs, _targets, Batch, LearningRate);
        float torchLoss = _torch.TrainStep();
        Scenarios.CheckAgreement($"Scenario {Scenario}, TensorPrimitives loss", [staticLoss], [mlpLoss]);
        Scenarios.CheckAgreement($"Scenario {Scenario}, TorchSharp loss", [staticLoss], [torchLoss]);

        float[] expected = _network.Parameters.ToArray();
        float[] torch = new float[expected.Length];
        _torch.GetParameters(_network.Layers, torch);
        foreach ((string name, float[] actual) in new[] { ("TensorPrimitives", _mlp.Parameters.ToArray()), ("TorchSharp", torch) })
        {
            double largest = Scenarios.CheckAgreement($"Scenario {Scenario}, {name} parameters after one step", expected, actual);
            Console.WriteLine($"// Agreement: scenario {Scenario}, one SGD step, {name}: loss {staticLoss:G6}; largest parameter difference from StaticNN {largest:G3} (≤ 1e-4)");
        }

        if (expected.AsSpan().SequenceEqual(_start))
        {
            throw new InvalidOperationException($"Scenario {Scenario}: one step changed no parameter; the check proves nothing.");
        }
    }

    private void Reset()
    {
        _start.CopyTo(_network.Parameters);
        _network.ZeroGradients();
        _start.CopyTo(_mlp.Parameters);
        _torch.SetParameters(_network.Layers, _start);
    }
}
