using System;
using BenchmarkDotNet.Attributes;

namespace StaticNN.Benchmarks;

/// <summary>
/// Forward passes of scenarios A, B and C at batch 1 and 64, side by side: the generated network,
/// a hand-written TensorPrimitives MLP, and ONNX Runtime (plain Run and IOBinding), all with the
/// same weights and inputs. Setup checks that every contender agrees within 1e-4 before timing.
/// </summary>
[MemoryDiagnoser]
public class ForwardPeerBenchmarks
{
    private INetwork<float> _network = null!;
    private TensorPrimitivesMlp _mlp = null!;
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
        _network = Scenario switch
        {
            "A" => new ModelA(seed: 1),
            "B" => new ModelB(seed: 1),
            _ => new ModelC(seed: 1),
        };
        var random = new Random(7);
        _inputs = new float[Batch * _network.InputSize];
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = (float)((random.NextDouble() * 2) - 1);
        }

        _outputs = new float[Batch * _network.OutputSize];
        _boundInputs = (float[])_inputs.Clone();
        _boundOutputs = new float[_outputs.Length];
        _mlp = new TensorPrimitivesMlp(_network, Batch);
        _onnx = new OnnxRuntimeModel(_network, _boundInputs, _boundOutputs, Batch);
        CheckAgreement();
    }

    [GlobalCleanup]
    public void Cleanup() => _onnx.Dispose();

    [Benchmark(Baseline = true, Description = "StaticNN")]
    public void StaticNN() => _network.ForwardBatch(_inputs, _outputs);

    [Benchmark(Description = "TensorPrimitives MLP")]
    public void TensorPrimitives() => _mlp.ForwardBatch(_inputs, _outputs, Batch);

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
        float[] run = new float[_outputs.Length];
        _onnx.Run(_inputs, run, Batch);
        _onnx.RunBound();
        foreach ((string name, float[] actual) in new[] { ("TensorPrimitives", mlp), ("ONNX Runtime Run", run), ("ONNX Runtime IOBinding", _boundOutputs) })
        {
            for (int k = 0; k < expected.Length; k++)
            {
                if (Math.Abs(expected[k] - actual[k]) > 1e-4)
                {
                    throw new InvalidOperationException($"Scenario {Scenario}, batch {Batch}: {name} gives {actual[k]} for output {k}, StaticNN {expected[k]}.");
                }
            }
        }
    }
}
