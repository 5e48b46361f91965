using System;

namespace StaticNN;

/// <summary>
/// Optional settings of a network declared with <see cref="DenseAttribute"/> layers: its loss
/// and its element type. Without this attribute a network uses <see cref="Loss.Mse"/> and
/// <see cref="float"/>.
/// </summary>
/// <param name="loss">The loss the network is trained with; <see cref="Loss.Mse"/> by default.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute(Loss loss = Loss.Mse) : Attribute
{
    /// <summary>Gets the loss the network is trained with.</summary>
    public Loss Loss { get; } = loss;

    /// <summary>
    /// Gets or sets the element type of parameters, inputs and outputs:
    /// <c>typeof(float)</c> (the default) or <c>typeof(double)</c>.
    /// </summary>
    public Type ElementType { get; set; } = typeof(float);

    /// <summary>Gets or sets the update rule; <see cref="StaticNN.Optimizer.Sgd"/> by default.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Sgd;

    /// <summary>
    /// Gets or sets μ of <see cref="StaticNN.Optimizer.Momentum"/>, in [0, 1); 0.9 by default
    /// (the value used with PyTorch's SGD in most examples; PyTorch itself has no default).
    /// </summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>Gets or sets β₁ of <see cref="StaticNN.Optimizer.Adam"/>, in [0, 1); PyTorch's default 0.9.</summary>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Gets or sets β₂ of <see cref="StaticNN.Optimizer.Adam"/>, in [0, 1); PyTorch's default 0.999.</summary>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Gets or sets ε of <see cref="StaticNN.Optimizer.Adam"/>, positive; PyTorch's default 1e-8.</summary>
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>
    /// Gets or sets a safetensors file of trained parameters to compile into the assembly, or
    /// <see langword="null"/> (the default) to start from random parameters. The file must also be an
    /// <c>AdditionalFiles</c> item of the project; the value names it by its path relative to the
    /// project folder, or by any trailing part of that path that names one file only
    /// (<c>"model.safetensors"</c>, <c>"Models/model.safetensors"</c>).
    /// </summary>
    /// <remarks>
    /// The parameterless constructor then starts from these parameters, and
    /// <c>EmbeddedParameters</c> and <c>LoadEmbeddedParameters()</c> are generated; nothing is read
    /// at run time. The file must hold exactly the tensors <c>Save</c> writes for this network, in the
    /// network's element type; a missing file, a wrong tensor, shape or dtype is a compile-time error
    /// (SNN0024–SNN0029).
    /// </remarks>
    public string? Weights { get; set; }
}
