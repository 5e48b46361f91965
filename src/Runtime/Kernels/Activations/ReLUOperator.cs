using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// <see cref="Activation.ReLU"/>: <c>σ(z) = max(0, z)</c>; <c>σ′(z) = 1</c> for z &gt; 0, else 0
/// (PyTorch's choice at z = 0).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct ReLUOperator<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsIdentity => false;

    /// <inheritdoc/>
    public static T Invoke(T z) => z > T.Zero ? z : T.Zero;

    /// <inheritdoc/>
    public static Vector<T> Invoke(Vector<T> z) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), z, Vector<T>.Zero);

    /// <inheritdoc/>
    public static T Derivative(T z, T a) => z > T.Zero ? T.One : T.Zero;

    /// <inheritdoc/>
    public static Vector<T> Derivative(Vector<T> z, Vector<T> a) => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);
}
