using System;
using BenchmarkDotNet.Attributes;

namespace StaticNN.Benchmarks;

/// <summary>
/// Forward passes of scenarios A, B and C at batch 1 and 64, side by side: the generated network,
/// a hand-written TensorPrimitives MLP, TorchSharp (libtorch, one thread, no_grad) and ONNX Runtime
/// (plain Run and IOBinding), all with the same weights and inputs. Setup throws unless every
/// contender agrees with StaticNN within 1e-4 before anything is timed.
/// </summary>
[MemoryDiagnoser]
public class ForwardPeerBenchmarks
{
    private INetwork<float> _network = null!;
    private TensorPrimitivesMlp _mlp = null!;
    private TorchSharpModel _torch = null!;
    private OnnxRuntimeModel _onnx = null!;
    private float[] _inputs = null!;
    private float[] _outputs = null!;
    private float[] _boundInputs = null!;
    private float[] _boundOutputs = null!;

    [Params("A", "B", "C")]
    public string Scenario { get; set; } = "A";

    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _network = Scenarios.Create(Scenario);
        _inputs = Scenarios.Inputs(_network, Batch);
        _outputs = new float[Batch * _network.OutputSize];
        _boundInputs = (float[])_inputs.Clone();
        _boundOutputs = new float[_outputs.Length];
        _mlp = new TensorPrimitivesMlp(_network, Batch);
        _torch = new TorchSharpModel(_network, _inputs, targets: null, learningRate: 0);
        _onnx = new OnnxRuntimeModel(_network, _boundInputs, _boundOutputs, Batch);
        CheckAgreement();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx.Dispose();
        _torch.Dispose();
    }

    [Benchmark(Baseline = true, Description = "StaticNN")]
    public void StaticNN() => _network.ForwardBatch(_inputs, _outputs);

    [Benchmark(Description = "TensorPrimitives MLP")]
    public void TensorPrimitives() => _mlp.ForwardBatch(_inputs, _outputs, Batch);

    [Benchmark(Description = "TorchSharp")]
    public void TorchSharp() => _torch.Forward(_outputs);

    [Benchmark(Description = "ONNX Runtime Run")]
    public void OnnxRun() => _onnx.Run(_inputs, _outputs, Batch);

    [Benchmark(Description = "ONNX Runtime IOBinding")]
    public void OnnxBound() => _onnx.RunBound();

    private void CheckAgreement()
    {
        float[] expected = new float[_outputs.Length];
        _network.ForwardBatch(_inputs, expected);
        float[] mlp = new float[_outputs.Length];
        _mlp.ForwardBatch(_inputs, mlp, Batch);
        float[] torch = new float[_outputs.Length];
        _torch.Forward(torch);
        float[] run = new float[_outputs.Length];
        _onnx.Run(_inputs, run, Batch);
        _onnx.RunBound();
        foreach ((string name, float[] actual) in new[] { ("TensorPrimitives", mlp), ("TorchSharp", torch), ("ONNX Runtime Run", run), ("ONNX Runtime IOBinding", _boundOutputs) })
        {
            double largest = Scenarios.CheckAgreement($"Scenario {Scenario}, batch {Batch}, {name} outputs", expected, actual);
            Console.WriteLine($"// Agreement: scenario {Scenario}, batch {Batch}, {name}: largest difference from StaticNN {largest:G3} (≤ 1e-4)");
        }
    }
}
