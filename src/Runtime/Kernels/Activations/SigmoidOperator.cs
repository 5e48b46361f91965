using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// <see cref="Activation.Sigmoid"/>: <c>σ(z) = 1 / (1 + e^(−z))</c>; <c>σ′(z) = a·(1 − a)</c>.
/// </summary>
/// <remarks>
/// For very negative z, <c>e^(−z)</c> overflows to +∞ and σ(z) becomes exactly 0, which is also
/// the correctly rounded result; no NaN can arise from a finite z.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct SigmoidOperator<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsIdentity => false;

    /// <inheritdoc/>
    public static T Invoke(T z) => T.One / (T.One + T.Exp(-z));

    /// <inheritdoc/>
    public static Vector<T> Invoke(Vector<T> z) => Vector<T>.One / (Vector<T>.One + VectorMath.Exp(-z));

    /// <inheritdoc/>
    public static T Derivative(T z, T a) => a * (T.One - a);

    /// <inheritdoc/>
    public static Vector<T> Derivative(Vector<T> z, Vector<T> a) => a * (Vector<T>.One - a);
}
