using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>Computes <c>a·b + c</c> element-wise with a single rounding, 512 bits wide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }

    /// <summary>
    /// Sums the elements of <paramref name="v"/> as a pairwise tree over neighbours:
    /// <c>((v0 + v1) + (v2 + v3)) + ((v4 + v5) + (v6 + v7))</c> for eight elements. Every dense kernel
    /// reduces with this order (or with <see cref="Sum4"/>, which gives the same values), so a value does
    /// not depend on which kernel path computed it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum<T>(Vector<T> v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Avx.IsSupported && Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
        {
            if (typeof(T) == typeof(float))
            {
                Vector256<float> f = v.AsVector256().As<T, float>();
                Vector256<float> pairs = Avx.HorizontalAdd(f, f);
                Vector256<float> quads = Avx.HorizontalAdd(pairs, pairs);
                return Unsafe.BitCast<float, T>((quads.GetLower() + quads.GetUpper()).ToScalar());
            }

            Vector256<double> d = v.AsVector256().As<T, double>();
            Vector256<double> halves = Avx.HorizontalAdd(d, d);
            return Unsafe.BitCast<double, T>((halves.GetLower() + halves.GetUpper()).ToScalar());
        }

        return PairwiseSum(v, 0, Vector<T>.Count);
    }

    /// <summary>
    /// The sums of four vectors, each in <see cref="Sum"/>'s order, computed together (one shuffle
    /// tree for four sums instead of four).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T A, T B, T C, T D) Sum4<T>(Vector<T> a, Vector<T> b, Vector<T> c, Vector<T> d)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Avx.IsSupported && Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
        {
            if (typeof(T) == typeof(float))
            {
                // [a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, a6+a7, b4+b5, b6+b7], likewise for c and d, then
                // [(a0+a1)+(a2+a3), b…, c…, d… | (a4+a5)+(a6+a7), b…, c…, d…], then the halves added.
                Vector256<float> ab = Avx.HorizontalAdd(a.AsVector256().As<T, float>(), b.AsVector256().As<T, float>());
                Vector256<float> cd = Avx.HorizontalAdd(c.AsVector256().As<T, float>(), d.AsVector256().As<T, float>());
                Vector256<float> quads = Avx.HorizontalAdd(ab, cd);
                Vector128<float> sums = quads.GetLower() + quads.GetUpper();
                return (Unsafe.BitCast<float, T>(sums.GetElement(0)), Unsafe.BitCast<float, T>(sums.GetElement(1)), Unsafe.BitCast<float, T>(sums.GetElement(2)), Unsafe.BitCast<float, T>(sums.GetElement(3)));
            }
            else
            {
                // [a0+a1, b0+b1 | a2+a3, b2+b3] and the same for c, d; then the low halves plus the high halves.
                Vector256<double> ab = Avx.HorizontalAdd(a.AsVector256().As<T, double>(), b.AsVector256().As<T, double>());
                Vector256<double> cd = Avx.HorizontalAdd(c.AsVector256().As<T, double>(), d.AsVector256().As<T, double>());
                Vector256<double> sums = Avx.Permute2x128(ab, cd, 0x20) + Avx.Permute2x128(ab, cd, 0x31);
                return (Unsafe.BitCast<double, T>(sums.GetElement(0)), Unsafe.BitCast<double, T>(sums.GetElement(1)), Unsafe.BitCast<double, T>(sums.GetElement(2)), Unsafe.BitCast<double, T>(sums.GetElement(3)));
            }
        }

        return (Sum(a), Sum(b), Sum(c), Sum(d));
    }

    private static T PairwiseSum<T>(Vector<T> v, int start, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        length == 1 ? v[start] : PairwiseSum(v, start, length / 2) + PairwiseSum(v, start + (length / 2), length / 2);
}
