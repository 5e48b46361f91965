using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNN.Kernels;

/// <summary>
/// The float forward kernel for machines with 512-bit vectors. <see cref="Vector{T}"/> stays 256 bits
/// wide on them by default, which would leave half of each multiply-add unused; here every dot
/// product runs 16 lanes wide.
/// </summary>
/// <remarks>
/// Every z[s,j] is computed in one order, whichever path (one sample or four, one row or four) runs
/// it: 16-lane multiply-adds over the inputs in steps of 16; if 8 to 15 inputs remain, one more
/// 16-lane step whose upper half is zero; the two 256-bit halves of the accumulator added; their
/// pairwise sum (<see cref="VectorMath.Sum{T}"/>, or <see cref="VectorMath.Sum4{T}"/> for four at
/// once); scalar multiply-adds for the last 0 to 7 inputs; the bias. So a sample's outputs do not
/// depend on the batch it is in.
/// </remarks>
internal static class DenseWide
{
    /// <summary>Whether this kernel applies: 512-bit vectors are accelerated and <see cref="Vector{T}"/> of float has 8 lanes.</summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated && Vector<float>.Count == 8;
    }

    /// <summary>z = W·x + b for <paramref name="samples"/> samples (rows of x and z), without the activation.</summary>
    public static void Forward(ref float w, ref float b, ref float x, ref float z, int inputs, int outputs, int samples)
    {
        int s = 0;
        for (; s <= samples - 4; s += 4)
        {
            ref float xs = ref Unsafe.Add(ref x, (nint)s * inputs);
            ref float zs = ref Unsafe.Add(ref z, (nint)s * outputs);
            int j = 0;
            for (; j <= outputs - 4; j += 4)
            {
                FourRowsFourSamples(ref Unsafe.Add(ref w, (nint)j * inputs), ref Unsafe.Add(ref b, j), ref xs, ref Unsafe.Add(ref zs, j), inputs, outputs);
            }

            for (; j < outputs; j++)
            {
                ref float wj = ref Unsafe.Add(ref w, (nint)j * inputs);
                float bj = Unsafe.Add(ref b, j);
                for (int k = 0; k < 4; k++)
                {
                    Unsafe.Add(ref zs, ((nint)k * outputs) + j) = Dot(ref wj, ref Unsafe.Add(ref xs, (nint)k * inputs), inputs) + bj;
                }
            }
        }

        for (; s < samples; s++)
        {
            ref float xs = ref Unsafe.Add(ref x, (nint)s * inputs);
            ref float zs = ref Unsafe.Add(ref z, (nint)s * outputs);
            int j = 0;
            for (; j <= outputs - 4; j += 4)
            {
                FourRowsOneSample(ref Unsafe.Add(ref w, (nint)j * inputs), ref Unsafe.Add(ref b, j), ref xs, ref Unsafe.Add(ref zs, j), inputs);
            }

            for (; j < outputs; j++)
            {
                Unsafe.Add(ref zs, j) = Dot(ref Unsafe.Add(ref w, (nint)j * inputs), ref xs, inputs) + Unsafe.Add(ref b, j);
            }
        }
    }

    /// <summary>The inputs the 16-lane steps cover (the last step possibly half zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int VectorEnd(int inputs) => (inputs & 15) >= 8 ? (inputs & ~7) : (inputs & ~15);

    /// <summary>Loads 8 values and 8 zeros: the last 16-lane step when only 8 to 15 inputs remain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Half(ref float p, nuint i) =>
        Vector512.Create(Vector256.LoadUnsafe(ref p, i), Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Fold(Vector512<float> v) => (v.GetLower() + v.GetUpper()).AsVector();

    private static float Dot(ref float w, ref float x, int inputs)
    {
        int full = inputs & ~15, end = VectorEnd(inputs);
        Vector512<float> sum = Vector512<float>.Zero;
        for (int i = 0; i < full; i += 16)
        {
            sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)i), Vector512.LoadUnsafe(ref x, (nuint)i), sum);
        }

        if (end > full)
        {
            sum = Vector512.FusedMultiplyAdd(Half(ref w, (nuint)full), Half(ref x, (nuint)full), sum);
        }

        float result = VectorMath.Sum(Fold(sum));
        for (int i = end; i < inputs; i++)
        {
            result = float.FusedMultiplyAdd(Unsafe.Add(ref w, i), Unsafe.Add(ref x, i), result);
        }

        return result;
    }

    private static void FourRowsOneSample(ref float w, ref float b, ref float x, ref float z, int inputs)
    {
        ref float w0 = ref w;
        ref float w1 = ref Unsafe.Add(ref w0, inputs);
        ref float w2 = ref Unsafe.Add(ref w1, inputs);
        ref float w3 = ref Unsafe.Add(ref w2, inputs);
        int full = inputs & ~15, end = VectorEnd(inputs);
        Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero, s2 = Vector512<float>.Zero, s3 = Vector512<float>.Zero;
        for (int i = 0; i < full; i += 16)
        {
            Vector512<float> v = Vector512.LoadUnsafe(ref x, (nuint)i);
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w0, (nuint)i), v, s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w1, (nuint)i), v, s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w2, (nuint)i), v, s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w3, (nuint)i), v, s3);
        }

        if (end > full)
        {
            Vector512<float> v = Half(ref x, (nuint)full);
            s0 = Vector512.FusedMultiplyAdd(Half(ref w0, (nuint)full), v, s0);
            s1 = Vector512.FusedMultiplyAdd(Half(ref w1, (nuint)full), v, s1);
            s2 = Vector512.FusedMultiplyAdd(Half(ref w2, (nuint)full), v, s2);
            s3 = Vector512.FusedMultiplyAdd(Half(ref w3, (nuint)full), v, s3);
        }

        Finish(ref w0, ref x, ref b, ref z, Fold(s0), Fold(s1), Fold(s2), Fold(s3), end, inputs);
    }

    private static void FourRowsFourSamples(ref float w, ref float b, ref float x, ref float z, int inputs, int outputs)
    {
        // Rows of W and samples of x are both `inputs` apart: one base each and shared offsets keep
        // the addresses in registers.
        nuint o1 = (nuint)inputs, o2 = 2 * o1, o3 = 3 * o1;
        int full = inputs & ~15, end = VectorEnd(inputs);

        // s{r}{k}: row r, sample k. Sixteen accumulators and eight operands fit AVX-512's 32 registers.
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        for (int i = 0; i < end; i += 16)
        {
            nuint at = (nuint)i;
            Vector512<float> v0, v1, v2, v3, r0, r1, r2, r3;
            if (i < full)
            {
                v0 = Vector512.LoadUnsafe(ref x, at);
                v1 = Vector512.LoadUnsafe(ref x, at + o1);
                v2 = Vector512.LoadUnsafe(ref x, at + o2);
                v3 = Vector512.LoadUnsafe(ref x, at + o3);
                r0 = Vector512.LoadUnsafe(ref w, at);
                r1 = Vector512.LoadUnsafe(ref w, at + o1);
                r2 = Vector512.LoadUnsafe(ref w, at + o2);
                r3 = Vector512.LoadUnsafe(ref w, at + o3);
            }
            else
            {
                v0 = Half(ref x, at);
                v1 = Half(ref x, at + o1);
                v2 = Half(ref x, at + o2);
                v3 = Half(ref x, at + o3);
                r0 = Half(ref w, at);
                r1 = Half(ref w, at + o1);
                r2 = Half(ref w, at + o2);
                r3 = Half(ref w, at + o3);
            }

            s00 = Vector512.FusedMultiplyAdd(r0, v0, s00);
            s01 = Vector512.FusedMultiplyAdd(r0, v1, s01);
            s02 = Vector512.FusedMultiplyAdd(r0, v2, s02);
            s03 = Vector512.FusedMultiplyAdd(r0, v3, s03);
            s10 = Vector512.FusedMultiplyAdd(r1, v0, s10);
            s11 = Vector512.FusedMultiplyAdd(r1, v1, s11);
            s12 = Vector512.FusedMultiplyAdd(r1, v2, s12);
            s13 = Vector512.FusedMultiplyAdd(r1, v3, s13);
            s20 = Vector512.FusedMultiplyAdd(r2, v0, s20);
            s21 = Vector512.FusedMultiplyAdd(r2, v1, s21);
            s22 = Vector512.FusedMultiplyAdd(r2, v2, s22);
            s23 = Vector512.FusedMultiplyAdd(r2, v3, s23);
            s30 = Vector512.FusedMultiplyAdd(r3, v0, s30);
            s31 = Vector512.FusedMultiplyAdd(r3, v1, s31);
            s32 = Vector512.FusedMultiplyAdd(r3, v2, s32);
            s33 = Vector512.FusedMultiplyAdd(r3, v3, s33);
        }

        Finish(ref w, ref x, ref b, ref z, Fold(s00), Fold(s10), Fold(s20), Fold(s30), end, inputs);
        Finish(ref w, ref Unsafe.Add(ref x, o1), ref b, ref Unsafe.Add(ref z, outputs), Fold(s01), Fold(s11), Fold(s21), Fold(s31), end, inputs);
        Finish(ref w, ref Unsafe.Add(ref x, o2), ref b, ref Unsafe.Add(ref z, 2 * outputs), Fold(s02), Fold(s12), Fold(s22), Fold(s32), end, inputs);
        Finish(ref w, ref Unsafe.Add(ref x, o3), ref b, ref Unsafe.Add(ref z, 3 * outputs), Fold(s03), Fold(s13), Fold(s23), Fold(s33), end, inputs);
    }

    /// <summary>One sample's four z values: the folded sums, the scalar tail, the bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ref float w0, ref float x, ref float b, ref float z, Vector<float> a0, Vector<float> a1, Vector<float> a2, Vector<float> a3, int end, int inputs)
    {
        (float z0, float z1, float z2, float z3) = VectorMath.Sum4(a0, a1, a2, a3);
        ref float w1 = ref Unsafe.Add(ref w0, inputs);
        ref float w2 = ref Unsafe.Add(ref w1, inputs);
        ref float w3 = ref Unsafe.Add(ref w2, inputs);
        for (int i = end; i < inputs; i++)
        {
            float xi = Unsafe.Add(ref x, i);
            z0 = float.FusedMultiplyAdd(Unsafe.Add(ref w0, i), xi, z0);
            z1 = float.FusedMultiplyAdd(Unsafe.Add(ref w1, i), xi, z1);
            z2 = float.FusedMultiplyAdd(Unsafe.Add(ref w2, i), xi, z2);
            z3 = float.FusedMultiplyAdd(Unsafe.Add(ref w3, i), xi, z3);
        }

        z = z0 + b;
        Unsafe.Add(ref z, 1) = z1 + Unsafe.Add(ref b, 1);
        Unsafe.Add(ref z, 2) = z2 + Unsafe.Add(ref b, 2);
        Unsafe.Add(ref z, 3) = z3 + Unsafe.Add(ref b, 3);
    }
}
