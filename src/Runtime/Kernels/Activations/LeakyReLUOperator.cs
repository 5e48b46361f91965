using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// <see cref="Activation.LeakyReLU"/> with PyTorch's default negative slope 0.01:
/// <c>σ(z) = z</c> for z &gt; 0, else <c>0.01·z</c>; <c>σ′(z) = 1</c> for z &gt; 0, else 0.01.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct LeakyReLUOperator<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The slope for z ≤ 0, PyTorch's default <c>negative_slope</c>.</summary>
    public static T NegativeSlope => T.CreateTruncating(0.01);

    /// <inheritdoc/>
    public static bool IsIdentity => false;

    /// <inheritdoc/>
    public static T Invoke(T z) => z > T.Zero ? z : z * NegativeSlope;

    /// <inheritdoc/>
    public static Vector<T> Invoke(Vector<T> z) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), z, z * NegativeSlope);

    /// <inheritdoc/>
    public static T Derivative(T z, T a) => z > T.Zero ? T.One : NegativeSlope;

    /// <inheritdoc/>
    public static Vector<T> Derivative(Vector<T> z, Vector<T> a) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), Vector<T>.One, new Vector<T>(NegativeSlope));
}
