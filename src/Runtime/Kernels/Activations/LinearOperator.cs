using System.Numerics;

namespace StaticNN.Kernels;

/// <summary><see cref="Activation.Linear"/>: <c>σ(z) = z</c>, <c>σ′(z) = 1</c>.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct LinearOperator<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsIdentity => true;

    /// <inheritdoc/>
    public static T Invoke(T z) => z;

    /// <inheritdoc/>
    public static Vector<T> Invoke(Vector<T> z) => z;

    /// <inheritdoc/>
    public static T Derivative(T z, T a) => T.One;

    /// <inheritdoc/>
    public static Vector<T> Derivative(Vector<T> z, Vector<T> a) => Vector<T>.One;
}
