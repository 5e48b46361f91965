using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StaticNN.Benchmarks;

/// <summary>
/// The network as a TorchSharp (libtorch, CPU, one thread) <c>nn.Sequential</c> of
/// <c>Linear</c> and <c>ReLU</c> modules, with StaticNN's parameters copied in (the flat layout is
/// PyTorch's: per layer W <c>[outputs × inputs]</c> row-major, then b). Inference applies a
/// softmax for CrossEntropy networks, as StaticNN's <c>Forward</c> and its ONNX export
/// return probabilities; training uses the logits with <c>cross_entropy</c> on probability targets,
/// or <c>mse_loss</c>, both with the mean reduction StaticNN uses, and <c>torch.optim.SGD</c>.
/// </summary>
/// <remarks>
/// The fastest reasonable path a TorchSharp user would write: the input (and target) tensors are
/// made once and reused; every tensor a call makes is disposed within the call (explicitly in
/// inference, by a <see cref="DisposeScope"/> in training); the result is copied into a managed
/// array, which is what every other contender delivers.
/// </remarks>
public sealed class TorchSharpModel : IDisposable
{
    private readonly List<Linear> _linears = [];
    private readonly List<bool> _relu = [];
    private readonly Sequential _training;
    private readonly Tensor _input;
    private readonly Tensor _target;
    private readonly optim.Optimizer _optimizer;
    private readonly bool _crossEntropy;
    private readonly int _samples;
    private readonly int _outputSize;

    /// <summary>Builds the module from <paramref name="network"/>'s layers and current parameters.</summary>
    /// <param name="network">The network whose layers and parameters to copy.</param>
    /// <param name="inputs">The batch every call runs (copied into a tensor once).</param>
    /// <param name="targets">The training targets, or null for inference only.</param>
    /// <param name="learningRate">SGD's learning rate.</param>
    public TorchSharpModel(INetwork<float> network, float[] inputs, float[]? targets, float learningRate)
    {
        ConfigureThreads();
        _crossEntropy = network.Loss == Loss.CrossEntropy;
        _outputSize = network.OutputSize;
        _samples = inputs.Length / network.InputSize;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int k = 0; k < network.Layers.Count; k++)
        {
            DenseLayer layer = network.Layers[k];
            Linear linear = nn.Linear(layer.Inputs, layer.Outputs);
            _linears.Add(linear);
            _relu.Add(layer.Activation == Activation.ReLU);
            modules.Add(($"{modules.Count}", linear));
            switch (layer.Activation)
            {
                case Activation.Linear:
                    break;
                case Activation.ReLU:
                    modules.Add(($"{modules.Count}", nn.ReLU()));
                    break;
                default:
                    throw new NotSupportedException($"The benchmark's TorchSharp model has no {layer.Activation} layer.");
            }
        }

        _training = nn.Sequential(modules);
        SetParameters(network.Layers, network.Parameters);
        _input = tensor(inputs, [_samples, network.InputSize]);
        _target = targets is null ? empty(0) : tensor(targets, [_samples, network.OutputSize]);
        _optimizer = optim.SGD(_training.parameters(), learningRate);
    }

    /// <summary>One thread for libtorch's intra-op and inter-op pools, as for ONNX Runtime.</summary>
    public static void ConfigureThreads()
    {
        ReportNativeLibrary();
        torch.set_num_threads(1);
        try
        {
            torch.set_num_interop_threads(1);
        }
        catch (ExternalException)
        {
            // libtorch accepts this only once per process, before any inter-op work; already 1.
        }
    }

    /// <summary>
    /// Says, in the benchmark's log, which copy of libLibTorchSharp.so this process patched (the
    /// module initializer linked from tests/StaticNN.TorchSharp.Tests ran before any TorchSharp
    /// type was touched) and what the patch did; throws if the patch failed.
    /// </summary>
    private static void ReportNativeLibrary()
    {
        if (StaticNN.TorchSharp.Tests.LibTorchSharpPatch.Failure is { } failure)
        {
            throw new InvalidOperationException("Could not patch libLibTorchSharp.so beside the benchmark.", failure);
        }

        Console.WriteLine($"// TorchSharp native library: {StaticNN.TorchSharp.Tests.LibTorchSharpPatch.LibraryPath ?? "(none to patch)"}, patch: {StaticNN.TorchSharp.Tests.LibTorchSharpPatch.Result?.ToString() ?? "not run"}");
    }

    /// <summary>Copies a flat StaticNN parameter buffer into the Linear modules.</summary>
    /// <param name="layers">The layers, with their offsets.</param>
    /// <param name="parameters">The flat buffer.</param>
    public void SetParameters(IReadOnlyList<DenseLayer> layers, ReadOnlySpan<float> parameters)
    {
        using IDisposable noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        for (int k = 0; k < layers.Count; k++)
        {
            DenseLayer layer = layers[k];
            _linears[k].weight!.copy_(tensor(parameters.Slice(layer.WeightOffset, layer.WeightCount).ToArray(), [layer.Outputs, layer.Inputs]));
            _linears[k].bias!.copy_(tensor(parameters.Slice(layer.BiasOffset, layer.Outputs).ToArray(), [layer.Outputs]));
        }
    }

    /// <summary>Reads the Linear modules' parameters back into StaticNN's flat layout.</summary>
    /// <param name="layers">The layers, with their offsets.</param>
    /// <param name="parameters">Receives the parameters.</param>
    public void GetParameters(IReadOnlyList<DenseLayer> layers, Span<float> parameters)
    {
        for (int k = 0; k < layers.Count; k++)
        {
            DenseLayer layer = layers[k];
            _linears[k].weight!.data<float>().CopyTo(parameters.Slice(layer.WeightOffset, layer.WeightCount));
            _linears[k].bias!.data<float>().CopyTo(parameters.Slice(layer.BiasOffset, layer.Outputs));
        }
    }

    /// <summary>
    /// Runs the batch given to the constructor under <c>no_grad</c> and copies the outputs
    /// (probabilities for CrossEntropy) into <paramref name="outputs"/>.
    /// </summary>
    /// <remarks>
    /// The fastest of the paths tried (the Sequential's <c>forward</c> in a DisposeScope, the same
    /// under <c>inference_mode</c>, <c>functional.linear</c> calls, and this): each Linear's
    /// <c>forward</c> in turn, ReLU in place, every intermediate disposed at once, and the result
    /// read through <c>Tensor.bytes</c> (a span over the tensor's memory) rather than
    /// <c>data&lt;float&gt;()</c>, whose accessor cost about 2.5 µs more per call at batch 1.
    /// </remarks>
    /// <param name="outputs">At least samples × outputs values.</param>
    public void Forward(Span<float> outputs)
    {
        using IDisposable noGrad = no_grad();
        Tensor x = _input;
        for (int k = 0; k < _linears.Count; k++)
        {
            Tensor y = _linears[k].forward(x);
            if (!ReferenceEquals(x, _input))
            {
                x.Dispose();
            }

            if (_relu[k])
            {
                y.relu_();
            }

            x = y;
        }

        if (_crossEntropy)
        {
            Tensor probabilities = x.softmax(1);
            x.Dispose();
            x = probabilities;
        }

        MemoryMarshal.Cast<byte, float>(x.bytes).CopyTo(outputs);
        x.Dispose();
    }

    /// <summary>
    /// One training step on the batch given to the constructor: <c>zero_grad</c>, forward, loss
    /// (mean reduction), <c>backward</c>, SGD <c>step</c>.
    /// </summary>
    /// <returns>The loss before the update.</returns>
    public float TrainStep()
    {
        using DisposeScope scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor logits = _training.forward(_input);
        Tensor loss = _crossEntropy ? nn.functional.cross_entropy(logits, _target) : nn.functional.mse_loss(logits, _target);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Gets the number of output values one call produces.</summary>
    public int OutputLength => _samples * _outputSize;

    public void Dispose()
    {
        _optimizer.Dispose();
        _input.Dispose();
        _target.Dispose();
        _training.Dispose();
    }
}
