using System;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;

namespace StaticNN.Benchmarks;

/// <summary>
/// The peer a careful user would write without StaticNN: a ReLU MLP on
/// <see cref="TensorPrimitives"/> with buffers allocated once, the same weight layout
/// (W[outputs × inputs] row-major, then b) and the same parameters as the generated network.
/// Forward is one dot product per output row; a training step keeps every layer's z and a, computes
/// the loss as StaticNN defines it (MSE: mean over batch·outputs; CrossEntropy: softmax, then mean
/// over the batch of −Σ t·log p), backpropagates with one multiply-add per (sample, output) row and
/// takes one SGD step. Only ReLU and Linear layers (the benchmarks' scenarios) are supported.
/// </summary>
public sealed class TensorPrimitivesMlp
{
    private readonly DenseLayer[] _layers;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private readonly float[][] _activations;
    private readonly float[][] _preActivations;
    private readonly float[][] _deltas;
    private readonly float[] _scratch;
    private readonly bool _softmax;

    public TensorPrimitivesMlp(INetwork<float> network, int maxBatch)
    {
        _layers = [.. network.Layers];
        foreach (DenseLayer layer in _layers)
        {
            if (layer.Activation is not (Activation.ReLU or Activation.Linear))
            {
                throw new NotSupportedException($"The TensorPrimitives MLP has no {layer.Activation} layer.");
            }
        }

        _parameters = network.Parameters.ToArray();
        _gradients = new float[_parameters.Length];
        _softmax = network.Loss == Loss.CrossEntropy;
        if (_softmax && _layers[^1].Activation != Activation.Linear)
        {
            throw new NotSupportedException("CrossEntropy needs a Linear output layer here.");
        }

        var activations = new List<float[]>();
        var preActivations = new List<float[]>();
        var deltas = new List<float[]>();
        foreach (DenseLayer layer in _layers)
        {
            activations.Add(new float[maxBatch * layer.Outputs]);
            preActivations.Add(new float[maxBatch * layer.Outputs]);
            deltas.Add(new float[maxBatch * layer.Outputs]);
        }

        _activations = [.. activations];
        _preActivations = [.. preActivations];
        _deltas = [.. deltas];
        _scratch = new float[_layers[^1].Outputs];
    }

    /// <summary>Gets the parameters, laid out as StaticNN's.</summary>
    public Span<float> Parameters => _parameters;

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

    /// <summary>
    /// One SGD step on <paramref name="samples"/> samples: forward keeping z and a, the mean loss,
    /// backward into the gradient buffer (cleared first), then <c>θ ← θ − η·g</c>.
    /// </summary>
    /// <returns>The batch's mean loss before the update.</returns>
    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, float learningRate)
    {
        ForwardKeeping(inputs, samples);
        float loss = _softmax ? CrossEntropyDelta(targets, samples) : MseDelta(targets, samples);
        Array.Clear(_gradients);
        for (int k = _layers.Length - 1; k >= 0; k--)
        {
            DenseLayer layer = _layers[k];
            ReadOnlySpan<float> x = k == 0 ? inputs : _activations[k - 1];
            ReadOnlySpan<float> delta = _deltas[k];
            ReadOnlySpan<float> weights = _parameters.AsSpan(layer.WeightOffset, layer.WeightCount);
            Span<float> weightGradients = _gradients.AsSpan(layer.WeightOffset, layer.WeightCount);
            Span<float> biasGradients = _gradients.AsSpan(layer.BiasOffset, layer.Outputs);
            for (int s = 0; s < samples; s++)
            {
                ReadOnlySpan<float> deltaS = delta.Slice(s * layer.Outputs, layer.Outputs);
                ReadOnlySpan<float> xS = x.Slice(s * layer.Inputs, layer.Inputs);
                TensorPrimitives.Add(biasGradients, deltaS, biasGradients);
                for (int j = 0; j < layer.Outputs; j++)
                {
                    // ∂C/∂W[j,·] += δ[s,j]·x[s,·]
                    Span<float> row = weightGradients.Slice(j * layer.Inputs, layer.Inputs);
                    TensorPrimitives.MultiplyAdd(xS, deltaS[j], row, row);
                }
            }

            if (k == 0)
            {
                break;
            }

            // δ_{k−1}[s,·] = σ′(z_{k−1}[s,·]) ⊙ Σ_j δ_k[s,j]·W[j,·]
            Span<float> previous = _deltas[k - 1].AsSpan(0, samples * layer.Inputs);
            previous.Clear();
            for (int s = 0; s < samples; s++)
            {
                ReadOnlySpan<float> deltaS = delta.Slice(s * layer.Outputs, layer.Outputs);
                Span<float> previousS = previous.Slice(s * layer.Inputs, layer.Inputs);
                for (int j = 0; j < layer.Outputs; j++)
                {
                    TensorPrimitives.MultiplyAdd(weights.Slice(j * layer.Inputs, layer.Inputs), deltaS[j], previousS, previousS);
                }
            }

            if (_layers[k - 1].Activation == Activation.ReLU)
            {
                MultiplyByReLUDerivative(_preActivations[k - 1].AsSpan(0, previous.Length), previous);
            }
        }

        // θ ← θ − η·g, rounded as written (TensorPrimitives.MultiplyAdd does not fuse).
        TensorPrimitives.MultiplyAdd(_gradients, -learningRate, _parameters, _parameters);
        return loss;
    }

    private void ForwardKeeping(ReadOnlySpan<float> inputs, int samples)
    {
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> x = inputs.Slice(s * _layers[0].Inputs, _layers[0].Inputs);
            for (int k = 0; k < _layers.Length; k++)
            {
                DenseLayer layer = _layers[k];
                Span<float> z = _preActivations[k].AsSpan(s * layer.Outputs, layer.Outputs);
                Span<float> a = _activations[k].AsSpan(s * layer.Outputs, layer.Outputs);
                ReadOnlySpan<float> weights = _parameters.AsSpan(layer.WeightOffset, layer.WeightCount);
                for (int j = 0; j < layer.Outputs; j++)
                {
                    z[j] = TensorPrimitives.Dot(weights.Slice(j * layer.Inputs, layer.Inputs), x);
                }

                TensorPrimitives.Add(z, _parameters.AsSpan(layer.BiasOffset, layer.Outputs), z);
                if (layer.Activation == Activation.ReLU)
                {
                    TensorPrimitives.Max(z, 0f, a);
                }
                else
                {
                    z.CopyTo(a);
                }

                x = a;
            }
        }
    }

    /// <summary>MSE: loss = Σ(a − t)²/n and δ = 2(a − t)/n with n = samples·outputs (× σ′ for a ReLU output).</summary>
    private float MseDelta(ReadOnlySpan<float> targets, int samples)
    {
        int n = samples * _layers[^1].Outputs;
        Span<float> delta = _deltas[^1].AsSpan(0, n);
        TensorPrimitives.Subtract(_activations[^1].AsSpan(0, n), targets[..n], delta);
        float scale = 1f / n;
        float loss = TensorPrimitives.SumOfSquares(delta) * scale;
        TensorPrimitives.Multiply(delta, scale + scale, delta);
        if (_layers[^1].Activation == Activation.ReLU)
        {
            MultiplyByReLUDerivative(_preActivations[^1].AsSpan(0, n), delta);
        }

        return loss;
    }

    /// <summary>
    /// Softmax cross-entropy with probability targets: per sample c = log Σexp(z) · Σt − Σ t·z
    /// (computed with the row maximum subtracted), loss = Σc/samples, δ = (p·Σt − t)/samples.
    /// </summary>
    private float CrossEntropyDelta(ReadOnlySpan<float> targets, int samples)
    {
        int classes = _layers[^1].Outputs;
        float scale = 1f / samples;
        float loss = 0;
        Span<float> shifted = _scratch;
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> z = _activations[^1].AsSpan(s * classes, classes);
            ReadOnlySpan<float> t = targets.Slice(s * classes, classes);
            Span<float> delta = _deltas[^1].AsSpan(s * classes, classes);
            TensorPrimitives.Subtract(z, TensorPrimitives.Max(z), shifted);
            TensorPrimitives.Exp(shifted, delta);
            float sum = TensorPrimitives.Sum(delta);
            float targetSum = TensorPrimitives.Sum(t);
            loss += (MathF.Log(sum) * targetSum) - TensorPrimitives.Dot(t, shifted);
            TensorPrimitives.Divide(delta, sum, delta);
            TensorPrimitives.Multiply(delta, targetSum, delta);
            TensorPrimitives.Subtract(delta, t, delta);
            TensorPrimitives.Multiply(delta, scale, delta);
        }

        return loss * scale;
    }

    /// <summary>δ ← δ where z &gt; 0, else 0 (ReLU′(0) = 0, as PyTorch); TensorPrimitives has no masked multiply, so System.Numerics vectors.</summary>
    private static void MultiplyByReLUDerivative(ReadOnlySpan<float> z, Span<float> delta)
    {
        int i = 0;
        for (; i <= z.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var zv = new Vector<float>(z[i..]);
            Vector.ConditionalSelect(Vector.GreaterThan(zv, Vector<float>.Zero), new Vector<float>(delta[i..]), Vector<float>.Zero).CopyTo(delta[i..]);
        }

        for (; i < z.Length; i++)
        {
            delta[i] = z[i] > 0 ? delta[i] : 0;
        }
    }
}
