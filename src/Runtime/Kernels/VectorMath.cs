using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNN.Kernels;

/// <summary>
/// The few <see cref="Vector{T}"/> operations that .NET offers only as <see cref="float"/> and
/// <see cref="double"/> overloads, made generic. The type tests are JIT-time constants, so each
/// instantiation compiles to the one branch that applies.
/// </summary>
internal static class VectorMath
{
    /// <summary>Computes <c>e^x</c> element-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.Exp(x.As<T, float>()).As<float, T>();
        }

        return Vector.Exp(x.As<T, double>()).As<double, T>();
    }

    /// <summary>Computes <c>a·b + c</c> element-wise with a single rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        }

        return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }
}
