using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// <see cref="Activation.HardSigmoid"/>: <c>σ(z) = clamp(z/6 + 1/2, 0, 1)</c>;
/// <c>σ′(z) = 1/6</c> for −3 &lt; z &lt; 3, else 0 (PyTorch's choice at ±3).
/// </summary>
/// <remarks>Computed as PyTorch's CPU kernel does, <c>min(max(z + 3, 0), 6) / 6</c>, so the roundings match.</remarks>
/// <typeparam name="T">The element type.</typeparam>
public readonly struct HardSigmoidOperator<T> : IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static T Three => T.CreateTruncating(3);

    private static T Sixth => T.One / T.CreateTruncating(6);

    private static T Six => T.CreateTruncating(6);

    /// <inheritdoc/>
    public static bool IsIdentity => false;

    /// <inheritdoc/>
    public static T Invoke(T z) => T.Min(T.Max(z + Three, T.Zero), Six) / Six;

    /// <inheritdoc/>
    public static Vector<T> Invoke(Vector<T> z) =>
        Vector.Min(Vector.Max(z + new Vector<T>(Three), Vector<T>.Zero), new Vector<T>(Six)) / new Vector<T>(Six);

    /// <inheritdoc/>
    public static T Derivative(T z, T a) => z > -Three && z < Three ? Sixth : T.Zero;

    /// <inheritdoc/>
    public static Vector<T> Derivative(Vector<T> z, Vector<T> a)
    {
        Vector<T> inside = Vector.GreaterThan(z, new Vector<T>(-Three)) & Vector.LessThan(z, new Vector<T>(Three));
        return Vector.ConditionalSelect(inside, new Vector<T>(Sixth), Vector<T>.Zero);
    }
}
