using System;

namespace StaticNN;

/// <summary>
/// Declares one fully connected layer of a network: <c>a = activation(W·x + b)</c> with
/// <c>W</c> of shape <c>[outputs × inputs]</c> and <c>b</c> of length <c>outputs</c>, the layout of
/// PyTorch's <c>nn.Linear</c>. Layers run in the order their attributes are written; each layer's
/// <paramref name="inputs"/> must equal the previous layer's <paramref name="outputs"/>.
/// </summary>
/// <remarks>
/// The StaticNN source generator turns the attributes on a <see langword="partial"/> class into
/// code specialised to these sizes. Mistakes (a size ≤ 0, layers that do not fit together, …) are
/// reported by the compiler as <c>SNN</c> diagnostics at the argument that is wrong.
/// </remarks>
/// <param name="inputs">The number of values this layer reads; must be positive.</param>
/// <param name="outputs">The number of values this layer produces; must be positive.</param>
/// <param name="activation">The activation applied to the layer's output; <see cref="Activation.Linear"/> by default.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute(int inputs, int outputs, Activation activation = Activation.Linear) : Attribute
{
    /// <summary>Gets the number of values this layer reads.</summary>
    public int Inputs { get; } = inputs;

    /// <summary>Gets the number of values this layer produces.</summary>
    public int Outputs { get; } = outputs;

    /// <summary>Gets the activation applied to the layer's output.</summary>
    public Activation Activation { get; } = activation;
}
