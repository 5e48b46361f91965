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
}
