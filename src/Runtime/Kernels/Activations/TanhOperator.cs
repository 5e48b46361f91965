using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// <see cref="Activation.Tanh"/>: <c>σ(z) = tanh(z)</c>; <c>σ′(z) = 1 − a²</c>.
/// </summary>
/// <remarks>
/// The vector form computes <c>sign(z)·(1 − e^(−2|z|)) / (1 + e^(−2|z|))</c>, which never
/// overflows; its absolute error is within a few units of the last place of 1, so for tiny |z|
/// the relative error is larger than the scalar <c>T.Tanh</c>'s. Both forms agree within that
/// absolute error, which the tests check.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct TanhOperator<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsIdentity => false;

    /// <inheritdoc/>
    public static T Invoke(T z) => T.Tanh(z);

    /// <inheritdoc/>
    public static Vector<T> Invoke(Vector<T> z)
    {
        Vector<T> e = VectorMath.Exp(Vector.Abs(z) * new Vector<T>(-T.CreateTruncating(2)));
        Vector<T> magnitude = (Vector<T>.One - e) / (Vector<T>.One + e);
        return Vector.CopySign(magnitude, z);
    }

    /// <inheritdoc/>
    public static T Derivative(T z, T a) => T.One - (a * a);

    /// <inheritdoc/>
    public static Vector<T> Derivative(Vector<T> z, Vector<T> a) => Vector<T>.One - (a * a);
}
