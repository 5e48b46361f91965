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
}
