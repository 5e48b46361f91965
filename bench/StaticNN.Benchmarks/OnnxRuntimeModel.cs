using System;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using StaticNN.Serialization;

namespace StaticNN.Benchmarks;

/// <summary>
/// ONNX Runtime running the model StaticNN exports, on one thread: the plain <c>Run</c> with
/// OrtValues made per call, and the preallocated path (IOBinding over pinned input and output buffers).
/// </summary>
public sealed class OnnxRuntimeModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly OrtValue _boundInput;
    private readonly OrtValue _boundOutput;
    private readonly int _inputSize;
    private readonly int _outputSize;

    public OnnxRuntimeModel(INetwork<float> network, float[] boundInput, float[] boundOutput, int batch)
    {
        string path = Path.Combine(Path.GetTempPath(), $"staticnn-bench-{Guid.NewGuid():N}.onnx");
        OnnxExport.Export(network, path);
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(path, options);
        File.Delete(path);
        _inputSize = network.InputSize;
        _outputSize = network.OutputSize;
        _boundInput = OrtValue.CreateTensorValueFromMemory(boundInput, [batch, _inputSize]);
        _boundOutput = OrtValue.CreateTensorValueFromMemory(boundOutput, [batch, _outputSize]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("input", _boundInput);
        _binding.BindOutput("output", _boundOutput);
    }

    /// <summary>The plain API: wrap the input, run, copy the result out.</summary>
    public void Run(float[] inputs, Span<float> outputs, int batch)
    {
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, [batch, _inputSize]);
        using var results = _session.Run(_runOptions, ["input"], [input], ["output"]);
        results[0].GetTensorDataAsSpan<float>().CopyTo(outputs);
    }

    /// <summary>The fastest path: inputs and outputs bound once to preallocated buffers.</summary>
    public void RunBound() => _session.RunWithBinding(_runOptions, _binding);

    public void Dispose()
    {
        _binding.Dispose();
        _boundInput.Dispose();
        _boundOutput.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
