using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNN.Kernels;

/// <summary>
/// The kernels of a fully connected layer with weights <c>W[outputs × inputs]</c> (row-major, the
/// layout of PyTorch's <c>nn.Linear.weight</c>) and bias <c>b[outputs]</c>, over a chunk of samples
/// stored row-major.
/// </summary>
/// <remarks>
/// Generated code calls these with the layer's sizes as literal constants. The methods are
/// aggressively inlined, so in the generated per-layer method every loop bound is a constant and
/// the JIT folds the vector loop and its remainder for exactly those sizes. Lengths are checked
/// once on entry; the loops themselves then run without bounds checks.
/// </remarks>
public static class Dense
{
    /// <summary>
    /// The forward pass: <c>z[s,j] = b[j] + Σ_i W[j,i]·x[s,i]</c> and <c>a[s,j] = σ(z[s,j])</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TActivation">σ. When it is the identity, <paramref name="a"/> may be the same memory as <paramref name="z"/>.</typeparam>
    /// <param name="weights">W, at least <c>outputs·inputs</c> values.</param>
    /// <param name="bias">b, at least <paramref name="outputs"/> values.</param>
    /// <param name="x">The layer's input, at least <c>samples·inputs</c> values.</param>
    /// <param name="z">Receives the pre-activations, at least <c>samples·outputs</c> values.</param>
    /// <param name="a">Receives the activations, at least <c>samples·outputs</c> values.</param>
    /// <param name="inputs">The layer's input width.</param>
    /// <param name="outputs">The layer's output width.</param>
    /// <param name="samples">The number of samples in the chunk.</param>
    /// <exception cref="ArgumentException">A span is shorter than stated above.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T, TActivation>(
        ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, ReadOnlySpan<T> x, Span<T> z, Span<T> a,
        int inputs, int outputs, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivationOperator<T>
    {
        KernelGuard.Sizes(inputs, outputs, samples);
        KernelGuard.AtLeast(weights.Length, (long)outputs * inputs, nameof(weights));
        KernelGuard.AtLeast(bias.Length, outputs, nameof(bias));
        KernelGuard.AtLeast(x.Length, (long)samples * inputs, nameof(x));
        KernelGuard.AtLeast(z.Length, (long)samples * outputs, nameof(z));
        KernelGuard.AtLeast(a.Length, (long)samples * outputs, nameof(a));

        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T b = ref MemoryMarshal.GetReference(bias);
        int s = 0;
        if (typeof(T) == typeof(float) && DenseWide.IsSupported)
        {
            // 512-bit vectors: every dot product 16 lanes wide (see DenseWide for the order of the sums).
            DenseWide.Forward(
                ref Unsafe.As<T, float>(ref w), ref Unsafe.As<T, float>(ref b),
                ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(x)), ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(z)),
                inputs, outputs, samples);
            s = samples;
        }

        // Four samples at a time: each load of a weight row serves all four, so W is read from its
        // cache once per four samples instead of once per sample. Every z[s,j] still accumulates in
        // the same order (vector lanes, their pairwise sum — VectorMath.Sum, or Sum4 for four at
        // once — the scalar tail, the bias) as in the one-sample loop below, so a sample's outputs do
        // not depend on the batch it is in, bit for bit.
        for (; s <= samples - 4; s += 4)
        {
            ForwardFourSamples(ref w, ref b, ref Unsafe.Add(ref MemoryMarshal.GetReference(x), (nint)s * inputs), ref Unsafe.Add(ref MemoryMarshal.GetReference(z), (nint)s * outputs), inputs, outputs);
        }

        for (; s < samples; s++)
        {
            ref T xRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), (nint)s * inputs);
            ref T zRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(z), (nint)s * outputs);

            // Four output rows at a time share every load of x.
            int j = 0;
            for (; j <= outputs - 4; j += 4)
            {
                ref T w0 = ref Unsafe.Add(ref w, (nint)j * inputs);
                ref T w1 = ref Unsafe.Add(ref w0, inputs);
                ref T w2 = ref Unsafe.Add(ref w1, inputs);
                ref T w3 = ref Unsafe.Add(ref w2, inputs);
                Vector<T> sum0 = Vector<T>.Zero, sum1 = Vector<T>.Zero, sum2 = Vector<T>.Zero, sum3 = Vector<T>.Zero;
                int i = 0;
                for (; i <= inputs - Vector<T>.Count; i += Vector<T>.Count)
                {
                    Vector<T> xv = Vector.LoadUnsafe(ref xRow, (nuint)i);
                    sum0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref w0, (nuint)i), xv, sum0);
                    sum1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref w1, (nuint)i), xv, sum1);
                    sum2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref w2, (nuint)i), xv, sum2);
                    sum3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref w3, (nuint)i), xv, sum3);
                }

                (T z0, T z1, T z2, T z3) = VectorMath.Sum4(sum0, sum1, sum2, sum3);
                for (; i < inputs; i++)
                {
                    T xi = Unsafe.Add(ref xRow, i);
                    z0 = T.FusedMultiplyAdd(Unsafe.Add(ref w0, i), xi, z0);
                    z1 = T.FusedMultiplyAdd(Unsafe.Add(ref w1, i), xi, z1);
                    z2 = T.FusedMultiplyAdd(Unsafe.Add(ref w2, i), xi, z2);
                    z3 = T.FusedMultiplyAdd(Unsafe.Add(ref w3, i), xi, z3);
                }

                Unsafe.Add(ref zRow, j) = z0 + Unsafe.Add(ref b, j);
                Unsafe.Add(ref zRow, j + 1) = z1 + Unsafe.Add(ref b, j + 1);
                Unsafe.Add(ref zRow, j + 2) = z2 + Unsafe.Add(ref b, j + 2);
                Unsafe.Add(ref zRow, j + 3) = z3 + Unsafe.Add(ref b, j + 3);
            }

            for (; j < outputs; j++)
            {
                Unsafe.Add(ref zRow, j) = Dot(ref Unsafe.Add(ref w, (nint)j * inputs), ref xRow, inputs) + Unsafe.Add(ref b, j);
            }
        }

        // The activation row by row, so that each sample's vector/scalar split is the same whatever
        // the batch (a vector exp and a scalar exp may round differently).
        for (s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> zRow = z.Slice(s * outputs, outputs);
            if (!TActivation.IsIdentity)
            {
                ActivationKernel.Apply<T, TActivation>(zRow, a.Slice(s * outputs, outputs));
            }
            else if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(z), ref MemoryMarshal.GetReference(a)))
            {
                zRow.CopyTo(a.Slice(s * outputs, outputs));
            }
        }
    }

    /// <summary>
    /// z of four consecutive samples (rows of <paramref name="x"/> and <paramref name="z"/>), two
    /// output rows at a time: eight accumulators, and each load of W or x feeds several of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardFourSamples<T>(ref T w, ref T b, ref T x, ref T z, int inputs, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T x0 = ref x;
        ref T x1 = ref Unsafe.Add(ref x0, inputs);
        ref T x2 = ref Unsafe.Add(ref x1, inputs);
        ref T x3 = ref Unsafe.Add(ref x2, inputs);
        int j = 0;

        // With AVX-512's 32 vector registers, four rows × four samples: sixteen accumulators, and
        // eight loads feed sixteen multiply-adds. (With 16 registers that many would spill.)
        if (Avx512F.IsSupported)
        {
            for (; j <= outputs - 4; j += 4)
            {
                ForwardFourByFour(ref Unsafe.Add(ref w, (nint)j * inputs), ref Unsafe.Add(ref b, j), ref x, ref Unsafe.Add(ref z, j), inputs, outputs);
            }
        }

        for (; j <= outputs - 2; j += 2)
        {
            ref T wa = ref Unsafe.Add(ref w, (nint)j * inputs);
            ref T wb = ref Unsafe.Add(ref wa, inputs);
            Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero, a2 = Vector<T>.Zero, a3 = Vector<T>.Zero;
            Vector<T> b0 = Vector<T>.Zero, b1 = Vector<T>.Zero, b2 = Vector<T>.Zero, b3 = Vector<T>.Zero;
            int i = 0;
            for (; i <= inputs - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> va = Vector.LoadUnsafe(ref wa, (nuint)i);
                Vector<T> vb = Vector.LoadUnsafe(ref wb, (nuint)i);
                Vector<T> v0 = Vector.LoadUnsafe(ref x0, (nuint)i);
                Vector<T> v1 = Vector.LoadUnsafe(ref x1, (nuint)i);
                Vector<T> v2 = Vector.LoadUnsafe(ref x2, (nuint)i);
                Vector<T> v3 = Vector.LoadUnsafe(ref x3, (nuint)i);
                a0 = VectorMath.MultiplyAdd(va, v0, a0);
                a1 = VectorMath.MultiplyAdd(va, v1, a1);
                a2 = VectorMath.MultiplyAdd(va, v2, a2);
                a3 = VectorMath.MultiplyAdd(va, v3, a3);
                b0 = VectorMath.MultiplyAdd(vb, v0, b0);
                b1 = VectorMath.MultiplyAdd(vb, v1, b1);
                b2 = VectorMath.MultiplyAdd(vb, v2, b2);
                b3 = VectorMath.MultiplyAdd(vb, v3, b3);
            }

            (T za0, T za1, T za2, T za3) = VectorMath.Sum4(a0, a1, a2, a3);
            (T zb0, T zb1, T zb2, T zb3) = VectorMath.Sum4(b0, b1, b2, b3);
            for (; i < inputs; i++)
            {
                T wai = Unsafe.Add(ref wa, i), wbi = Unsafe.Add(ref wb, i);
                T xi0 = Unsafe.Add(ref x0, i), xi1 = Unsafe.Add(ref x1, i), xi2 = Unsafe.Add(ref x2, i), xi3 = Unsafe.Add(ref x3, i);
                za0 = T.FusedMultiplyAdd(wai, xi0, za0);
                za1 = T.FusedMultiplyAdd(wai, xi1, za1);
                za2 = T.FusedMultiplyAdd(wai, xi2, za2);
                za3 = T.FusedMultiplyAdd(wai, xi3, za3);
                zb0 = T.FusedMultiplyAdd(wbi, xi0, zb0);
                zb1 = T.FusedMultiplyAdd(wbi, xi1, zb1);
                zb2 = T.FusedMultiplyAdd(wbi, xi2, zb2);
                zb3 = T.FusedMultiplyAdd(wbi, xi3, zb3);
            }

            T bj = Unsafe.Add(ref b, j), bk = Unsafe.Add(ref b, j + 1);
            Unsafe.Add(ref z, j) = za0 + bj;
            Unsafe.Add(ref z, j + 1) = zb0 + bk;
            Unsafe.Add(ref z, outputs + j) = za1 + bj;
            Unsafe.Add(ref z, outputs + j + 1) = zb1 + bk;
            Unsafe.Add(ref z, (2 * outputs) + j) = za2 + bj;
            Unsafe.Add(ref z, (2 * outputs) + j + 1) = zb2 + bk;
            Unsafe.Add(ref z, (3 * outputs) + j) = za3 + bj;
            Unsafe.Add(ref z, (3 * outputs) + j + 1) = zb3 + bk;
        }

        for (; j < outputs; j++)
        {
            ref T wj = ref Unsafe.Add(ref w, (nint)j * inputs);
            T bj = Unsafe.Add(ref b, j);
            Unsafe.Add(ref z, j) = Dot(ref wj, ref x0, inputs) + bj;
            Unsafe.Add(ref z, outputs + j) = Dot(ref wj, ref x1, inputs) + bj;
            Unsafe.Add(ref z, (2 * outputs) + j) = Dot(ref wj, ref x2, inputs) + bj;
            Unsafe.Add(ref z, (3 * outputs) + j) = Dot(ref wj, ref x3, inputs) + bj;
        }
    }

    /// <summary>z[0..3, j..j+3]: four weight rows from <paramref name="w"/> against four samples from <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardFourByFour<T>(ref T w, ref T b, ref T x, ref T z, int inputs, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T w0 = ref w;
        ref T w1 = ref Unsafe.Add(ref w0, inputs);
        ref T w2 = ref Unsafe.Add(ref w1, inputs);
        ref T w3 = ref Unsafe.Add(ref w2, inputs);
        ref T x0 = ref x;
        ref T x1 = ref Unsafe.Add(ref x0, inputs);
        ref T x2 = ref Unsafe.Add(ref x1, inputs);
        ref T x3 = ref Unsafe.Add(ref x2, inputs);

        // s{r}{k}: row r, sample k.
        Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s02 = Vector<T>.Zero, s03 = Vector<T>.Zero;
        Vector<T> s10 = Vector<T>.Zero, s11 = Vector<T>.Zero, s12 = Vector<T>.Zero, s13 = Vector<T>.Zero;
        Vector<T> s20 = Vector<T>.Zero, s21 = Vector<T>.Zero, s22 = Vector<T>.Zero, s23 = Vector<T>.Zero;
        Vector<T> s30 = Vector<T>.Zero, s31 = Vector<T>.Zero, s32 = Vector<T>.Zero, s33 = Vector<T>.Zero;
        int i = 0;
        for (; i <= inputs - Vector<T>.Count; i += Vector<T>.Count)
        {
            Vector<T> v0 = Vector.LoadUnsafe(ref x0, (nuint)i), v1 = Vector.LoadUnsafe(ref x1, (nuint)i);
            Vector<T> v2 = Vector.LoadUnsafe(ref x2, (nuint)i), v3 = Vector.LoadUnsafe(ref x3, (nuint)i);
            Vector<T> r = Vector.LoadUnsafe(ref w0, (nuint)i);
            s00 = VectorMath.MultiplyAdd(r, v0, s00);
            s01 = VectorMath.MultiplyAdd(r, v1, s01);
            s02 = VectorMath.MultiplyAdd(r, v2, s02);
            s03 = VectorMath.MultiplyAdd(r, v3, s03);
            r = Vector.LoadUnsafe(ref w1, (nuint)i);
            s10 = VectorMath.MultiplyAdd(r, v0, s10);
            s11 = VectorMath.MultiplyAdd(r, v1, s11);
            s12 = VectorMath.MultiplyAdd(r, v2, s12);
            s13 = VectorMath.MultiplyAdd(r, v3, s13);
            r = Vector.LoadUnsafe(ref w2, (nuint)i);
            s20 = VectorMath.MultiplyAdd(r, v0, s20);
            s21 = VectorMath.MultiplyAdd(r, v1, s21);
            s22 = VectorMath.MultiplyAdd(r, v2, s22);
            s23 = VectorMath.MultiplyAdd(r, v3, s23);
            r = Vector.LoadUnsafe(ref w3, (nuint)i);
            s30 = VectorMath.MultiplyAdd(r, v0, s30);
            s31 = VectorMath.MultiplyAdd(r, v1, s31);
            s32 = VectorMath.MultiplyAdd(r, v2, s32);
            s33 = VectorMath.MultiplyAdd(r, v3, s33);
        }

        // Per sample, the four rows' sums in one shuffle tree; then the scalar tail and the bias,
        // in the order of the one-sample path.
        (T z00, T z10, T z20, T z30) = VectorMath.Sum4(s00, s10, s20, s30);
        (T z01, T z11, T z21, T z31) = VectorMath.Sum4(s01, s11, s21, s31);
        (T z02, T z12, T z22, T z32) = VectorMath.Sum4(s02, s12, s22, s32);
        (T z03, T z13, T z23, T z33) = VectorMath.Sum4(s03, s13, s23, s33);
        for (; i < inputs; i++)
        {
            T a0 = Unsafe.Add(ref w0, i), a1 = Unsafe.Add(ref w1, i), a2 = Unsafe.Add(ref w2, i), a3 = Unsafe.Add(ref w3, i);
            T xi = Unsafe.Add(ref x0, i);
            z00 = T.FusedMultiplyAdd(a0, xi, z00); z10 = T.FusedMultiplyAdd(a1, xi, z10); z20 = T.FusedMultiplyAdd(a2, xi, z20); z30 = T.FusedMultiplyAdd(a3, xi, z30);
            xi = Unsafe.Add(ref x1, i);
            z01 = T.FusedMultiplyAdd(a0, xi, z01); z11 = T.FusedMultiplyAdd(a1, xi, z11); z21 = T.FusedMultiplyAdd(a2, xi, z21); z31 = T.FusedMultiplyAdd(a3, xi, z31);
            xi = Unsafe.Add(ref x2, i);
            z02 = T.FusedMultiplyAdd(a0, xi, z02); z12 = T.FusedMultiplyAdd(a1, xi, z12); z22 = T.FusedMultiplyAdd(a2, xi, z22); z32 = T.FusedMultiplyAdd(a3, xi, z32);
            xi = Unsafe.Add(ref x3, i);
            z03 = T.FusedMultiplyAdd(a0, xi, z03); z13 = T.FusedMultiplyAdd(a1, xi, z13); z23 = T.FusedMultiplyAdd(a2, xi, z23); z33 = T.FusedMultiplyAdd(a3, xi, z33);
        }

        T b0 = b, b1 = Unsafe.Add(ref b, 1), b2 = Unsafe.Add(ref b, 2), b3 = Unsafe.Add(ref b, 3);
        ref T zs = ref z;
        zs = z00 + b0; Unsafe.Add(ref zs, 1) = z10 + b1; Unsafe.Add(ref zs, 2) = z20 + b2; Unsafe.Add(ref zs, 3) = z30 + b3;
        zs = ref Unsafe.Add(ref zs, outputs);
        zs = z01 + b0; Unsafe.Add(ref zs, 1) = z11 + b1; Unsafe.Add(ref zs, 2) = z21 + b2; Unsafe.Add(ref zs, 3) = z31 + b3;
        zs = ref Unsafe.Add(ref zs, outputs);
        zs = z02 + b0; Unsafe.Add(ref zs, 1) = z12 + b1; Unsafe.Add(ref zs, 2) = z22 + b2; Unsafe.Add(ref zs, 3) = z32 + b3;
        zs = ref Unsafe.Add(ref zs, outputs);
        zs = z03 + b0; Unsafe.Add(ref zs, 1) = z13 + b1; Unsafe.Add(ref zs, 2) = z23 + b2; Unsafe.Add(ref zs, 3) = z33 + b3;
    }

    /// <summary>
    /// Adds this chunk's share of the gradient: <c>∂C/∂W[j,i] += Σ_s δ[s,j]·a[s,i]</c> and
    /// <c>∂C/∂b[j] += Σ_s δ[s,j]</c>, where δ = ∂C/∂z of this layer and a is the layer's input.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="delta">δ, at least <c>samples·outputs</c> values.</param>
    /// <param name="input">The layer's input a, at least <c>samples·inputs</c> values.</param>
    /// <param name="weightGradients">∂C/∂W, at least <c>outputs·inputs</c> values.</param>
    /// <param name="biasGradients">∂C/∂b, at least <paramref name="outputs"/> values.</param>
    /// <param name="inputs">The layer's input width.</param>
    /// <param name="outputs">The layer's output width.</param>
    /// <param name="samples">The number of samples in the chunk.</param>
    /// <exception cref="ArgumentException">A span is shorter than stated above.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccumulateGradients<T>(
        ReadOnlySpan<T> delta, ReadOnlySpan<T> input, Span<T> weightGradients, Span<T> biasGradients,
        int inputs, int outputs, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.Sizes(inputs, outputs, samples);
        KernelGuard.AtLeast(delta.Length, (long)samples * outputs, nameof(delta));
        KernelGuard.AtLeast(input.Length, (long)samples * inputs, nameof(input));
        KernelGuard.AtLeast(weightGradients.Length, (long)outputs * inputs, nameof(weightGradients));
        KernelGuard.AtLeast(biasGradients.Length, outputs, nameof(biasGradients));

        ref T d = ref MemoryMarshal.GetReference(delta);
        ref T a = ref MemoryMarshal.GetReference(input);
        ref T gb = ref MemoryMarshal.GetReference(biasGradients);

        // Four gradient rows at a time share every load of the input a. Each gradient value still
        // adds the samples in order, one fused multiply-add each, as the one-row loop below does.
        int j = 0;
        for (; j <= outputs - 4; j += 4)
        {
            AccumulateFourRows(ref d, ref a, ref Unsafe.Add(ref MemoryMarshal.GetReference(weightGradients), (nint)j * inputs), j, inputs, outputs, samples);
        }

        for (; j < outputs; j++)
        {
            ref T gRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(weightGradients), (nint)j * inputs);

            // Each block of the gradient row stays in a register while every sample adds to it.
            int i = 0;
            for (; i <= inputs - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> g = Vector.LoadUnsafe(ref gRow, (nuint)i);
                for (int s = 0; s < samples; s++)
                {
                    Vector<T> ds = new(Unsafe.Add(ref d, ((nint)s * outputs) + j));
                    g = VectorMath.MultiplyAdd(ds, Vector.LoadUnsafe(ref a, (nuint)(((nint)s * inputs) + i)), g);
                }

                g.StoreUnsafe(ref gRow, (nuint)i);
            }

            for (; i < inputs; i++)
            {
                T g = Unsafe.Add(ref gRow, i);
                for (int s = 0; s < samples; s++)
                {
                    g = T.FusedMultiplyAdd(Unsafe.Add(ref d, ((nint)s * outputs) + j), Unsafe.Add(ref a, ((nint)s * inputs) + i), g);
                }

                Unsafe.Add(ref gRow, i) = g;
            }
        }

        for (j = 0; j < outputs; j++)
        {
            T gBias = Unsafe.Add(ref gb, j);
            for (int s = 0; s < samples; s++)
            {
                gBias += Unsafe.Add(ref d, ((nint)s * outputs) + j);
            }

            Unsafe.Add(ref gb, j) = gBias;
        }
    }

    /// <summary>Adds every sample's δ[s,j..j+3]·a[s,·] to the four gradient rows starting at <paramref name="g"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateFourRows<T>(ref T d, ref T a, ref T g, int j, int inputs, int outputs, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T g0 = ref g;
        ref T g1 = ref Unsafe.Add(ref g0, inputs);
        ref T g2 = ref Unsafe.Add(ref g1, inputs);
        ref T g3 = ref Unsafe.Add(ref g2, inputs);
        int i = 0;

        // 512 bits at a time where they are accelerated. Every gradient value is still its own chain
        // of multiply-adds over the samples, so the width changes no value.
        if (Vector512.IsHardwareAccelerated)
        {
            // Two blocks of each row at once: eight accumulators, each broadcast δ feeds two of them.
            for (; i <= inputs - (2 * Vector512<T>.Count); i += 2 * Vector512<T>.Count)
            {
                nuint next = (nuint)(i + Vector512<T>.Count);
                Vector512<T> s0 = Vector512.LoadUnsafe(ref g0, (nuint)i), t0 = Vector512.LoadUnsafe(ref g0, next);
                Vector512<T> s1 = Vector512.LoadUnsafe(ref g1, (nuint)i), t1 = Vector512.LoadUnsafe(ref g1, next);
                Vector512<T> s2 = Vector512.LoadUnsafe(ref g2, (nuint)i), t2 = Vector512.LoadUnsafe(ref g2, next);
                Vector512<T> s3 = Vector512.LoadUnsafe(ref g3, (nuint)i), t3 = Vector512.LoadUnsafe(ref g3, next);
                for (int s = 0; s < samples; s++)
                {
                    ref T dRow = ref Unsafe.Add(ref d, ((nint)s * outputs) + j);
                    nint row = (nint)s * inputs;
                    Vector512<T> av = Vector512.LoadUnsafe(ref a, (nuint)(row + i));
                    Vector512<T> bv = Vector512.LoadUnsafe(ref a, (nuint)(row + i) + (nuint)Vector512<T>.Count);
                    Vector512<T> d0 = Vector512.Create(dRow), d1 = Vector512.Create(Unsafe.Add(ref dRow, 1));
                    Vector512<T> d2 = Vector512.Create(Unsafe.Add(ref dRow, 2)), d3 = Vector512.Create(Unsafe.Add(ref dRow, 3));
                    s0 = VectorMath.MultiplyAdd(d0, av, s0);
                    t0 = VectorMath.MultiplyAdd(d0, bv, t0);
                    s1 = VectorMath.MultiplyAdd(d1, av, s1);
                    t1 = VectorMath.MultiplyAdd(d1, bv, t1);
                    s2 = VectorMath.MultiplyAdd(d2, av, s2);
                    t2 = VectorMath.MultiplyAdd(d2, bv, t2);
                    s3 = VectorMath.MultiplyAdd(d3, av, s3);
                    t3 = VectorMath.MultiplyAdd(d3, bv, t3);
                }

                s0.StoreUnsafe(ref g0, (nuint)i);
                t0.StoreUnsafe(ref g0, next);
                s1.StoreUnsafe(ref g1, (nuint)i);
                t1.StoreUnsafe(ref g1, next);
                s2.StoreUnsafe(ref g2, (nuint)i);
                t2.StoreUnsafe(ref g2, next);
                s3.StoreUnsafe(ref g3, (nuint)i);
                t3.StoreUnsafe(ref g3, next);
            }

            for (; i <= inputs - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> s0 = Vector512.LoadUnsafe(ref g0, (nuint)i);
                Vector512<T> s1 = Vector512.LoadUnsafe(ref g1, (nuint)i);
                Vector512<T> s2 = Vector512.LoadUnsafe(ref g2, (nuint)i);
                Vector512<T> s3 = Vector512.LoadUnsafe(ref g3, (nuint)i);
                for (int s = 0; s < samples; s++)
                {
                    ref T dRow = ref Unsafe.Add(ref d, ((nint)s * outputs) + j);
                    Vector512<T> av = Vector512.LoadUnsafe(ref a, (nuint)(((nint)s * inputs) + i));
                    s0 = VectorMath.MultiplyAdd(Vector512.Create(dRow), av, s0);
                    s1 = VectorMath.MultiplyAdd(Vector512.Create(Unsafe.Add(ref dRow, 1)), av, s1);
                    s2 = VectorMath.MultiplyAdd(Vector512.Create(Unsafe.Add(ref dRow, 2)), av, s2);
                    s3 = VectorMath.MultiplyAdd(Vector512.Create(Unsafe.Add(ref dRow, 3)), av, s3);
                }

                s0.StoreUnsafe(ref g0, (nuint)i);
                s1.StoreUnsafe(ref g1, (nuint)i);
                s2.StoreUnsafe(ref g2, (nuint)i);
                s3.StoreUnsafe(ref g3, (nuint)i);
            }
        }

        for (; i <= inputs - Vector<T>.Count; i += Vector<T>.Count)
        {
            Vector<T> s0 = Vector.LoadUnsafe(ref g0, (nuint)i);
            Vector<T> s1 = Vector.LoadUnsafe(ref g1, (nuint)i);
            Vector<T> s2 = Vector.LoadUnsafe(ref g2, (nuint)i);
            Vector<T> s3 = Vector.LoadUnsafe(ref g3, (nuint)i);
            for (int s = 0; s < samples; s++)
            {
                ref T dRow = ref Unsafe.Add(ref d, ((nint)s * outputs) + j);
                Vector<T> av = Vector.LoadUnsafe(ref a, (nuint)(((nint)s * inputs) + i));
                s0 = VectorMath.MultiplyAdd(new Vector<T>(dRow), av, s0);
                s1 = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref dRow, 1)), av, s1);
                s2 = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref dRow, 2)), av, s2);
                s3 = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref dRow, 3)), av, s3);
            }

            s0.StoreUnsafe(ref g0, (nuint)i);
            s1.StoreUnsafe(ref g1, (nuint)i);
            s2.StoreUnsafe(ref g2, (nuint)i);
            s3.StoreUnsafe(ref g3, (nuint)i);
        }

        for (; i < inputs; i++)
        {
            T t0 = Unsafe.Add(ref g0, i), t1 = Unsafe.Add(ref g1, i), t2 = Unsafe.Add(ref g2, i), t3 = Unsafe.Add(ref g3, i);
            for (int s = 0; s < samples; s++)
            {
                ref T dRow = ref Unsafe.Add(ref d, ((nint)s * outputs) + j);
                T ai = Unsafe.Add(ref a, ((nint)s * inputs) + i);
                t0 = T.FusedMultiplyAdd(dRow, ai, t0);
                t1 = T.FusedMultiplyAdd(Unsafe.Add(ref dRow, 1), ai, t1);
                t2 = T.FusedMultiplyAdd(Unsafe.Add(ref dRow, 2), ai, t2);
                t3 = T.FusedMultiplyAdd(Unsafe.Add(ref dRow, 3), ai, t3);
            }

            Unsafe.Add(ref g0, i) = t0;
            Unsafe.Add(ref g1, i) = t1;
            Unsafe.Add(ref g2, i) = t2;
            Unsafe.Add(ref g3, i) = t3;
        }
    }

    /// <summary>
    /// Carries δ back through the weights: <c>e[s,i] = Σ_j W[j,i]·δ[s,j]</c>, the "Σ w·∂C/∂z′" of
    /// backpropagation. The caller then multiplies e by σ′ of the previous layer to get its δ.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="delta">δ of this layer, at least <c>samples·outputs</c> values.</param>
    /// <param name="weights">W, at least <c>outputs·inputs</c> values.</param>
    /// <param name="error">Receives e, at least <c>samples·inputs</c> values; must not overlap <paramref name="delta"/>.</param>
    /// <param name="inputs">The layer's input width.</param>
    /// <param name="outputs">The layer's output width.</param>
    /// <param name="samples">The number of samples in the chunk.</param>
    /// <exception cref="ArgumentException">A span is shorter than stated above.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PropagateError<T>(
        ReadOnlySpan<T> delta, ReadOnlySpan<T> weights, Span<T> error,
        int inputs, int outputs, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.Sizes(inputs, outputs, samples);
        KernelGuard.AtLeast(delta.Length, (long)samples * outputs, nameof(delta));
        KernelGuard.AtLeast(weights.Length, (long)outputs * inputs, nameof(weights));
        KernelGuard.AtLeast(error.Length, (long)samples * inputs, nameof(error));

        ref T d = ref MemoryMarshal.GetReference(delta);
        ref T w = ref MemoryMarshal.GetReference(weights);

        // Four samples at a time share every load of W; each e value still adds the output rows in
        // order, one fused multiply-add each, as the one-sample loop below does.
        int s = 0;
        for (; s <= samples - 4; s += 4)
        {
            PropagateFourSamples(ref Unsafe.Add(ref d, (nint)s * outputs), ref w, ref Unsafe.Add(ref MemoryMarshal.GetReference(error), (nint)s * inputs), inputs, outputs);
        }

        for (; s < samples; s++)
        {
            ref T eRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(error), (nint)s * inputs);
            ref T dRow = ref Unsafe.Add(ref d, (nint)s * outputs);

            // Each block of the error row stays in a register while every output row adds to it.
            int i = 0;
            for (; i <= inputs - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> e = Vector<T>.Zero;
                for (int j = 0; j < outputs; j++)
                {
                    e = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref dRow, j)), Vector.LoadUnsafe(ref w, (nuint)(((nint)j * inputs) + i)), e);
                }

                e.StoreUnsafe(ref eRow, (nuint)i);
            }

            for (; i < inputs; i++)
            {
                T e = T.Zero;
                for (int j = 0; j < outputs; j++)
                {
                    e = T.FusedMultiplyAdd(Unsafe.Add(ref dRow, j), Unsafe.Add(ref w, ((nint)j * inputs) + i), e);
                }

                Unsafe.Add(ref eRow, i) = e;
            }
        }
    }

    /// <summary>e of four consecutive samples: each W block loaded once for the four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PropagateFourSamples<T>(ref T d, ref T w, ref T e, int inputs, int outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T d0 = ref d;
        ref T d1 = ref Unsafe.Add(ref d0, outputs);
        ref T d2 = ref Unsafe.Add(ref d1, outputs);
        ref T d3 = ref Unsafe.Add(ref d2, outputs);
        int i = 0;

        // 512 bits at a time where they are accelerated; each e value is still one chain over the rows.
        if (Vector512.IsHardwareAccelerated)
        {
            // Two blocks of e at once: eight accumulators, each broadcast δ feeds two of them.
            for (; i <= inputs - (2 * Vector512<T>.Count); i += 2 * Vector512<T>.Count)
            {
                Vector512<T> e0 = default, e1 = default, e2 = default, e3 = default;
                Vector512<T> f0 = default, f1 = default, f2 = default, f3 = default;
                for (int j = 0; j < outputs; j++)
                {
                    nuint at = (nuint)(((nint)j * inputs) + i);
                    Vector512<T> wv = Vector512.LoadUnsafe(ref w, at);
                    Vector512<T> xv = Vector512.LoadUnsafe(ref w, at + (nuint)Vector512<T>.Count);
                    Vector512<T> d0v = Vector512.Create(Unsafe.Add(ref d0, j)), d1v = Vector512.Create(Unsafe.Add(ref d1, j));
                    Vector512<T> d2v = Vector512.Create(Unsafe.Add(ref d2, j)), d3v = Vector512.Create(Unsafe.Add(ref d3, j));
                    e0 = VectorMath.MultiplyAdd(d0v, wv, e0);
                    f0 = VectorMath.MultiplyAdd(d0v, xv, f0);
                    e1 = VectorMath.MultiplyAdd(d1v, wv, e1);
                    f1 = VectorMath.MultiplyAdd(d1v, xv, f1);
                    e2 = VectorMath.MultiplyAdd(d2v, wv, e2);
                    f2 = VectorMath.MultiplyAdd(d2v, xv, f2);
                    e3 = VectorMath.MultiplyAdd(d3v, wv, e3);
                    f3 = VectorMath.MultiplyAdd(d3v, xv, f3);
                }

                nuint second = (nuint)(i + Vector512<T>.Count);
                e0.StoreUnsafe(ref e, (nuint)i);
                f0.StoreUnsafe(ref e, second);
                e1.StoreUnsafe(ref e, (nuint)(inputs + i));
                f1.StoreUnsafe(ref e, (nuint)inputs + second);
                e2.StoreUnsafe(ref e, (nuint)((2 * inputs) + i));
                f2.StoreUnsafe(ref e, (nuint)(2 * inputs) + second);
                e3.StoreUnsafe(ref e, (nuint)((3 * inputs) + i));
                f3.StoreUnsafe(ref e, (nuint)(3 * inputs) + second);
            }

            for (; i <= inputs - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> e0 = Vector512<T>.Zero, e1 = Vector512<T>.Zero, e2 = Vector512<T>.Zero, e3 = Vector512<T>.Zero;
                for (int j = 0; j < outputs; j++)
                {
                    Vector512<T> wv = Vector512.LoadUnsafe(ref w, (nuint)(((nint)j * inputs) + i));
                    e0 = VectorMath.MultiplyAdd(Vector512.Create(Unsafe.Add(ref d0, j)), wv, e0);
                    e1 = VectorMath.MultiplyAdd(Vector512.Create(Unsafe.Add(ref d1, j)), wv, e1);
                    e2 = VectorMath.MultiplyAdd(Vector512.Create(Unsafe.Add(ref d2, j)), wv, e2);
                    e3 = VectorMath.MultiplyAdd(Vector512.Create(Unsafe.Add(ref d3, j)), wv, e3);
                }

                e0.StoreUnsafe(ref e, (nuint)i);
                e1.StoreUnsafe(ref e, (nuint)(inputs + i));
                e2.StoreUnsafe(ref e, (nuint)((2 * inputs) + i));
                e3.StoreUnsafe(ref e, (nuint)((3 * inputs) + i));
            }
        }

        for (; i <= inputs - Vector<T>.Count; i += Vector<T>.Count)
        {
            Vector<T> e0 = Vector<T>.Zero, e1 = Vector<T>.Zero, e2 = Vector<T>.Zero, e3 = Vector<T>.Zero;
            for (int j = 0; j < outputs; j++)
            {
                Vector<T> wv = Vector.LoadUnsafe(ref w, (nuint)(((nint)j * inputs) + i));
                e0 = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref d0, j)), wv, e0);
                e1 = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref d1, j)), wv, e1);
                e2 = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref d2, j)), wv, e2);
                e3 = VectorMath.MultiplyAdd(new Vector<T>(Unsafe.Add(ref d3, j)), wv, e3);
            }

            e0.StoreUnsafe(ref e, (nuint)i);
            e1.StoreUnsafe(ref e, (nuint)(inputs + i));
            e2.StoreUnsafe(ref e, (nuint)((2 * inputs) + i));
            e3.StoreUnsafe(ref e, (nuint)((3 * inputs) + i));
        }

        for (; i < inputs; i++)
        {
            T t0 = T.Zero, t1 = T.Zero, t2 = T.Zero, t3 = T.Zero;
            for (int j = 0; j < outputs; j++)
            {
                T wi = Unsafe.Add(ref w, ((nint)j * inputs) + i);
                t0 = T.FusedMultiplyAdd(Unsafe.Add(ref d0, j), wi, t0);
                t1 = T.FusedMultiplyAdd(Unsafe.Add(ref d1, j), wi, t1);
                t2 = T.FusedMultiplyAdd(Unsafe.Add(ref d2, j), wi, t2);
                t3 = T.FusedMultiplyAdd(Unsafe.Add(ref d3, j), wi, t3);
            }

            Unsafe.Add(ref e, i) = t0;
            Unsafe.Add(ref e, inputs + i) = t1;
            Unsafe.Add(ref e, (2 * inputs) + i) = t2;
            Unsafe.Add(ref e, (3 * inputs) + i) = t3;
        }
    }

    /// <summary>
    /// Fills W and b with PyTorch <c>nn.Linear</c>'s default initialisation: every value uniform in
    /// <c>[−1/√inputs, 1/√inputs)</c> (Kaiming-uniform with a = √5 for W, which gives the same bound).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="weights">W, exactly <c>outputs·inputs</c> values.</param>
    /// <param name="bias">b, exactly <c>outputs</c> values.</param>
    /// <param name="inputs">The layer's input width (fan-in).</param>
    /// <param name="random">The generator to draw from; advanced by one draw per value, weights first.</param>
    public static void Initialize<T>(Span<T> weights, Span<T> bias, int inputs, ref ParameterRandom random)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (inputs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "The fan-in must be positive.");
        }

        double bound = 1.0 / Math.Sqrt(inputs);
        random.FillUniform(weights, bound);
        random.FillUniform(bias, bound);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Dot<T>(ref T w, ref T x, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> sum = Vector<T>.Zero;
        int i = 0;
        for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
        {
            sum = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref w, (nuint)i), Vector.LoadUnsafe(ref x, (nuint)i), sum);
        }

        T result = VectorMath.Sum(sum);
        for (; i < length; i++)
        {
            result = T.FusedMultiplyAdd(Unsafe.Add(ref w, i), Unsafe.Add(ref x, i), result);
        }

        return result;
    }
}
