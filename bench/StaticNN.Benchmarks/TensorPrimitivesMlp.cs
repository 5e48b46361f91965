using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace StaticNN.Benchmarks;

/// <summary>
/// The peer a careful user would write without StaticNN: a ReLU MLP on
/// <see cref="TensorPrimitives"/> with buffers allocated once, the same weight layout
/// (W[outputs × inputs] row-major, then b) and the same parameters as the generated network.
/// </summary>
public sealed class TensorPrimitivesMlp
{
    private readonly DenseLayer[] _layers;
    private readonly float[] _parameters;
    private readonly float[][] _activations;
    private readonly bool _softmax;

    public TensorPrimitivesMlp(INetwork<float> network, int maxBatch)
    {
        _layers = [.. network.Layers];
        _parameters = network.Parameters.ToArray();
        _softmax = network.Loss == Loss.CrossEntropy;
        var activations = new List<float[]>();
        foreach (DenseLayer layer in _layers)
        {
            activations.Add(new float[maxBatch * layer.Outputs]);
        }

        _activations = [.. activations];
    }

    /// <summary>Runs <paramref name="samples"/> samples: one dot product per output, bias, then ReLU (or softmax at the end).</summary>
    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int samples)
    {
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> x = inputs.Slice(s * _layers[0].Inputs, _layers[0].Inputs);
            for (int k = 0; k < _layers.Length; k++)
            {
                DenseLayer layer = _layers[k];
                Span<float> a = _activations[k].AsSpan(s * layer.Outputs, layer.Outputs);
                ReadOnlySpan<float> weights = _parameters.AsSpan(layer.WeightOffset, layer.WeightCount);
                for (int j = 0; j < layer.Outputs; j++)
                {
                    a[j] = TensorPrimitives.Dot(weights.Slice(j * layer.Inputs, layer.Inputs), x);
                }

                TensorPrimitives.Add(a, _parameters.AsSpan(layer.BiasOffset, layer.Outputs), a);
                if (layer.Activation == Activation.ReLU)
                {
                    TensorPrimitives.Max(a, 0f, a);
                }

                x = a;
            }

            Span<float> output = outputs.Slice(s * _layers[^1].Outputs, _layers[^1].Outputs);
            if (_softmax)
            {
                TensorPrimitives.SoftMax(x, output);
            }
            else
            {
                x.CopyTo(output);
            }
        }
    }
}
