using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace StaticNN.Tests.Support;

/// <summary>One dense layer as it was declared: <c>[Dense(Inputs, Outputs, Activation)]</c>.</summary>
public sealed record LayerShape(int Inputs, int Outputs, Activation Activation);

/// <summary>
/// A generated network class seen from the tests: its name, its declared shape and loss, and a
/// factory. The shape is written next to the declaration (by hand or by the generator script), and
/// <c>InterfaceTests</c> checks it against the generated constants, so it cannot drift.
/// </summary>
/// <typeparam name="T">The network's element type.</typeparam>
public sealed class NetworkCase<T>(string name, Loss loss, LayerShape[] layers, Func<int, INetwork<T>> create)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public string Name { get; } = name;

    public Loss Loss { get; } = loss;

    public IReadOnlyList<LayerShape> Layers { get; } = layers;

    public int InputSize => Layers[0].Inputs;

    public int OutputSize => Layers[^1].Outputs;

    public int ParameterCount => Layers.Sum(l => (l.Inputs * l.Outputs) + l.Outputs);

    /// <summary>Whether C(θ) has kinks (points where it is not differentiable): a kinked activation or MAE.</summary>
    public bool HasKinks =>
        Loss == Loss.Mae
        || Layers.Any(l => l.Activation is Activation.ReLU or Activation.LeakyReLU or Activation.HardSigmoid);

    /// <summary>Creates an instance whose parameters are drawn from <paramref name="seed"/>.</summary>
    public INetwork<T> Create(int seed) => create(seed);

    /// <summary>Where layer <paramref name="layer"/>'s weights start in Parameters (its bias follows them).</summary>
    public int WeightOffset(int layer)
    {
        int offset = 0;
        for (int k = 0; k < layer; k++)
        {
            offset += (Layers[k].Inputs * Layers[k].Outputs) + Layers[k].Outputs;
        }

        return offset;
    }

    public override string ToString() => Name;
}
