using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNN.Kernels;

/// <summary>
/// The float forward pass of a dense layer over a chunk stored <em>feature-major</em>: the chunk's
/// values of one feature are contiguous, <c>xᵀ[feature·stride + sample]</c>, so one 512-bit vector
/// holds one feature of 16 samples. Generated networks use it for inference over batches
/// (<c>ForwardBatch</c>, <c>Evaluate</c>) on machines with 512-bit vectors.
/// </summary>
/// <remarks>
/// <para>
/// In this layout <c>z[j]</c> of 16 samples is one chain of vector multiply-adds, each with one
/// weight broadcast to every lane: no horizontal sums, and each load of xᵀ feeds four rows of W.
/// Layers pass their activations on in the same layout, so a chunk is transposed once on the way
/// in and the last layer's values once on the way out.
/// </para>
/// <para>
/// Every value is computed in one order, whichever block runs it and whatever the other samples:
/// <c>z[s,j] = fma(W[j,n−1], x[s,n−1], … fma(W[j,0], x[s,0], b[j]))</c>, then σ in
/// <see cref="Vector{T}"/> form. That order differs from <see cref="Dense.Forward{T, TActivation}"/>
/// (lane-wise partial sums, then their sum), so a sample's outputs here and from the one-sample
/// path may differ in the last bits; both are within the float error bound of the exact sum.
/// </para>
/// </remarks>
public static class FeatureMajor
{
    /// <summary>The samples one vector holds; strides are multiples of this.</summary>
    public const int SamplesPerVector = 16;

    /// <summary>
    /// Gets whether this kernel applies: 512-bit vectors are accelerated, and <see cref="Vector{T}"/>
    /// of float (in which activations are computed) has 8 or 16 lanes.
    /// </summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated && Avx.IsSupported && (Vector<float>.Count == 8 || Vector<float>.Count == 16);
    }

    /// <summary>
    /// Gets whether generated networks run a batch of <paramref name="samples"/> feature-major: the
    /// kernel is supported and the batch fills at least one vector. Smaller batches take the
    /// one-sample path of <c>Forward</c>, whose outputs they then equal bit for bit.
    /// </summary>
    /// <param name="samples">The samples in the whole batch.</param>
    /// <returns>Whether to use this kernel for every chunk of the batch.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Applies(int samples) => samples >= SamplesPerVector && IsSupported;

    /// <summary>The row length that holds <paramref name="samples"/> samples: rounded up to whole vectors.</summary>
    /// <param name="samples">The samples in a chunk.</param>
    /// <returns>The smallest multiple of <see cref="SamplesPerVector"/> not below <paramref name="samples"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is negative or too large for a stride.</exception>
    public static int Stride(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples, int.MaxValue - (SamplesPerVector - 1));
        return (samples + (SamplesPerVector - 1)) & ~(SamplesPerVector - 1);
    }

    /// <summary>
    /// Copies a chunk from sample-major <c>x[sample·features + feature]</c> to feature-major
    /// <c>xᵀ[feature·stride + sample]</c>, and zeroes each feature's padding up to the next whole
    /// vector, so that the lanes past the last sample hold finite values.
    /// </summary>
    /// <param name="x">The chunk, <c>samples·features</c> values.</param>
    /// <param name="transposed">Receives the chunk feature by feature, at least <c>features·stride</c> values.</param>
    /// <param name="features">The values per sample.</param>
    /// <param name="samples">The samples in the chunk.</param>
    /// <param name="stride">The distance between features in <paramref name="transposed"/>: a multiple of <see cref="SamplesPerVector"/>, at least <see cref="Stride(int)"/> of <paramref name="samples"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than stated, or the stride does not fit the samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    public static void ToFeatureMajor(ReadOnlySpan<float> x, Span<float> transposed, int features, int samples, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        CheckStride(stride, samples);
        KernelGuard.AtLeast(x.Length, (long)samples * features, nameof(x));
        KernelGuard.AtLeast(transposed.Length, (long)features * stride, nameof(transposed));

        ref float destination = ref MemoryMarshal.GetReference(transposed);
        Transpose(ref MemoryMarshal.GetReference(x), features, ref destination, stride, samples, features);
        int padded = Stride(samples);
        if (padded > samples)
        {
            for (int f = 0; f < features; f++)
            {
                transposed.Slice((f * stride) + samples, padded - samples).Clear();
            }
        }
    }

    /// <summary>Copies a chunk from feature-major <c>xᵀ[feature·stride + sample]</c> back to sample-major <c>x[sample·features + feature]</c>.</summary>
    /// <param name="transposed">The chunk feature by feature, at least <c>features·stride</c> values.</param>
    /// <param name="x">Receives the chunk, at least <c>samples·features</c> values.</param>
    /// <param name="features">The values per sample.</param>
    /// <param name="samples">The samples in the chunk.</param>
    /// <param name="stride">The distance between features in <paramref name="transposed"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than stated, or the stride does not fit the samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    public static void ToSampleMajor(ReadOnlySpan<float> transposed, Span<float> x, int features, int samples, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(features);
        CheckStride(stride, samples);
        KernelGuard.AtLeast(transposed.Length, (long)features * stride, nameof(transposed));
        KernelGuard.AtLeast(x.Length, (long)samples * features, nameof(x));
        Transpose(ref MemoryMarshal.GetReference(transposed), stride, ref MemoryMarshal.GetReference(x), features, features, samples);
    }

    /// <summary>
    /// The forward pass of a dense layer, feature-major: <c>aᵀ[j,s] = σ(b[j] + Σ_i W[j,i]·xᵀ[i,s])</c>
    /// for every sample of the chunk, rounded up to whole vectors (the padding lanes compute values
    /// no one reads).
    /// </summary>
    /// <typeparam name="TActivation">σ.</typeparam>
    /// <param name="weights">W, row-major <c>[outputs × inputs]</c>, at least <c>outputs·inputs</c> values.</param>
    /// <param name="bias">b, at least <paramref name="outputs"/> values.</param>
    /// <param name="x">The layer's input feature-major, at least <c>inputs·stride</c> values.</param>
    /// <param name="a">Receives the activations feature-major, at least <c>outputs·stride</c> values; not the same memory as <paramref name="x"/>.</param>
    /// <param name="inputs">The layer's input width.</param>
    /// <param name="outputs">The layer's output width.</param>
    /// <param name="samples">The samples in the chunk.</param>
    /// <param name="stride">The distance between features in <paramref name="x"/> and <paramref name="a"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than stated, <paramref name="a"/> overlaps <paramref name="x"/>, or the stride does not fit the samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    public static void Forward<TActivation>(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> x, Span<float> a,
        int inputs, int outputs, int samples, int stride)
        where TActivation : struct, IActivationOperator<float>
    {
        KernelGuard.Sizes(inputs, outputs, samples);
        CheckStride(stride, samples);
        KernelGuard.AtLeast(weights.Length, (long)outputs * inputs, nameof(weights));
        KernelGuard.AtLeast(bias.Length, outputs, nameof(bias));
        KernelGuard.AtLeast(x.Length, (long)inputs * stride, nameof(x));
        KernelGuard.AtLeast(a.Length, (long)outputs * stride, nameof(a));
        if (x.Overlaps(a))
        {
            throw new ArgumentException("Expected the activations in memory apart from the input, but the two overlap.", nameof(a));
        }

        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("The feature-major kernel needs 512-bit vectors (FeatureMajor.IsSupported).");
        }

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float az = ref MemoryMarshal.GetReference(a);
        int vectors = Stride(samples) / SamplesPerVector;
        int j = 0;
        for (; j <= outputs - 4; j += 4)
        {
            ref float wj = ref Unsafe.Add(ref w, (nint)j * inputs);
            ref float aj = ref Unsafe.Add(ref az, (nint)j * stride);
            int v = 0;
            for (; v <= vectors - 4; v += 4)
            {
                FourRowsFourVectors(ref wj, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref xs, v * SamplesPerVector), ref Unsafe.Add(ref aj, v * SamplesPerVector), inputs, stride);
            }

            for (; v < vectors; v++)
            {
                FourRowsOneVector(ref wj, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref xs, v * SamplesPerVector), ref Unsafe.Add(ref aj, v * SamplesPerVector), inputs, stride);
            }
        }

        for (; j < outputs; j++)
        {
            OneRow(ref Unsafe.Add(ref w, (nint)j * inputs), Unsafe.Add(ref b, j), ref xs, ref Unsafe.Add(ref az, (nint)j * stride), inputs, stride, vectors);
        }

        // σ over the layer's z, which is still in the L1 cache: a pass of its own keeps the registers
        // of the blocks above free for their accumulators. Every row is a whole number of vectors.
        if (!TActivation.IsIdentity)
        {
            int rows = vectors * SamplesPerVector;
            for (j = 0; j < outputs; j++)
            {
                ref float row = ref Unsafe.Add(ref az, (nint)j * stride);
                for (int s = 0; s < rows; s += Vector<float>.Count)
                {
                    TActivation.Invoke(Vector.LoadUnsafe(ref row, (nuint)s)).StoreUnsafe(ref row, (nuint)s);
                }
            }
        }
    }

    private static void CheckStride(int stride, int samples)
    {
        int least = Stride(samples);
        if (stride % SamplesPerVector != 0 || stride < least)
        {
            throw new ArgumentException($"Expected a stride that is a multiple of {SamplesPerVector} and at least {least} for {samples} samples, but got {stride}.", nameof(stride));
        }
    }

    /// <summary>Four rows of W over 64 samples: sixteen accumulators, and each load of xᵀ or W feeds four of them.</summary>
    private static void FourRowsFourVectors(ref float w, ref float b, ref float x, ref float a, int inputs, int stride)
    {
        nuint r1 = (nuint)inputs, r2 = 2 * r1, r3 = 3 * r1;

        // s{r}{v}: row r, samples 16v to 16v + 15; each starts at its row's bias.
        Vector512<float> s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33;
        s00 = s01 = s02 = s03 = Vector512.Create(b);
        s10 = s11 = s12 = s13 = Vector512.Create(Unsafe.Add(ref b, 1));
        s20 = s21 = s22 = s23 = Vector512.Create(Unsafe.Add(ref b, 2));
        s30 = s31 = s32 = s33 = Vector512.Create(Unsafe.Add(ref b, 3));
        ref float xi = ref x;
        for (int i = 0; i < inputs; i++)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref xi);
            Vector512<float> x1 = Vector512.LoadUnsafe(ref xi, 16);
            Vector512<float> x2 = Vector512.LoadUnsafe(ref xi, 32);
            Vector512<float> x3 = Vector512.LoadUnsafe(ref xi, 48);
            nuint at = (nuint)i;
            Vector512<float> w0 = Vector512.Create(Unsafe.Add(ref w, at));
            Vector512<float> w1 = Vector512.Create(Unsafe.Add(ref w, at + r1));
            Vector512<float> w2 = Vector512.Create(Unsafe.Add(ref w, at + r2));
            Vector512<float> w3 = Vector512.Create(Unsafe.Add(ref w, at + r3));
            s00 = Vector512.FusedMultiplyAdd(w0, x0, s00);
            s01 = Vector512.FusedMultiplyAdd(w0, x1, s01);
            s02 = Vector512.FusedMultiplyAdd(w0, x2, s02);
            s03 = Vector512.FusedMultiplyAdd(w0, x3, s03);
            s10 = Vector512.FusedMultiplyAdd(w1, x0, s10);
            s11 = Vector512.FusedMultiplyAdd(w1, x1, s11);
            s12 = Vector512.FusedMultiplyAdd(w1, x2, s12);
            s13 = Vector512.FusedMultiplyAdd(w1, x3, s13);
            s20 = Vector512.FusedMultiplyAdd(w2, x0, s20);
            s21 = Vector512.FusedMultiplyAdd(w2, x1, s21);
            s22 = Vector512.FusedMultiplyAdd(w2, x2, s22);
            s23 = Vector512.FusedMultiplyAdd(w2, x3, s23);
            s30 = Vector512.FusedMultiplyAdd(w3, x0, s30);
            s31 = Vector512.FusedMultiplyAdd(w3, x1, s31);
            s32 = Vector512.FusedMultiplyAdd(w3, x2, s32);
            s33 = Vector512.FusedMultiplyAdd(w3, x3, s33);
            xi = ref Unsafe.Add(ref xi, stride);
        }

        nuint row = (nuint)stride;
        s00.StoreUnsafe(ref a, 0);
        s01.StoreUnsafe(ref a, 16);
        s02.StoreUnsafe(ref a, 32);
        s03.StoreUnsafe(ref a, 48);
        s10.StoreUnsafe(ref a, row);
        s11.StoreUnsafe(ref a, row + 16);
        s12.StoreUnsafe(ref a, row + 32);
        s13.StoreUnsafe(ref a, row + 48);
        s20.StoreUnsafe(ref a, 2 * row);
        s21.StoreUnsafe(ref a, (2 * row) + 16);
        s22.StoreUnsafe(ref a, (2 * row) + 32);
        s23.StoreUnsafe(ref a, (2 * row) + 48);
        s30.StoreUnsafe(ref a, 3 * row);
        s31.StoreUnsafe(ref a, (3 * row) + 16);
        s32.StoreUnsafe(ref a, (3 * row) + 32);
        s33.StoreUnsafe(ref a, (3 * row) + 48);
    }

    /// <summary>Four rows of W over 16 samples: the blocks a chunk of fewer than 64 samples ends with.</summary>
    private static void FourRowsOneVector(ref float w, ref float b, ref float x, ref float a, int inputs, int stride)
    {
        nuint r1 = (nuint)inputs, r2 = 2 * r1, r3 = 3 * r1;
        Vector512<float> s0 = Vector512.Create(b);
        Vector512<float> s1 = Vector512.Create(Unsafe.Add(ref b, 1));
        Vector512<float> s2 = Vector512.Create(Unsafe.Add(ref b, 2));
        Vector512<float> s3 = Vector512.Create(Unsafe.Add(ref b, 3));
        ref float xi = ref x;
        for (int i = 0; i < inputs; i++)
        {
            Vector512<float> xv = Vector512.LoadUnsafe(ref xi);
            nuint at = (nuint)i;
            s0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, at)), xv, s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, at + r1)), xv, s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, at + r2)), xv, s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, at + r3)), xv, s3);
            xi = ref Unsafe.Add(ref xi, stride);
        }

        nuint row = (nuint)stride;
        s0.StoreUnsafe(ref a, 0);
        s1.StoreUnsafe(ref a, row);
        s2.StoreUnsafe(ref a, 2 * row);
        s3.StoreUnsafe(ref a, 3 * row);
    }

    /// <summary>One row of W (the last <c>outputs mod 4</c>) over every vector of samples, four vectors at a time.</summary>
    private static void OneRow(ref float w, float b, ref float x, ref float a, int inputs, int stride, int vectors)
    {
        int v = 0;
        for (; v <= vectors - 4; v += 4)
        {
            Vector512<float> s0 = Vector512.Create(b), s1 = s0, s2 = s0, s3 = s0;
            ref float xi = ref Unsafe.Add(ref x, v * SamplesPerVector);
            for (int i = 0; i < inputs; i++)
            {
                Vector512<float> wi = Vector512.Create(Unsafe.Add(ref w, i));
                s0 = Vector512.FusedMultiplyAdd(wi, Vector512.LoadUnsafe(ref xi), s0);
                s1 = Vector512.FusedMultiplyAdd(wi, Vector512.LoadUnsafe(ref xi, 16), s1);
                s2 = Vector512.FusedMultiplyAdd(wi, Vector512.LoadUnsafe(ref xi, 32), s2);
                s3 = Vector512.FusedMultiplyAdd(wi, Vector512.LoadUnsafe(ref xi, 48), s3);
                xi = ref Unsafe.Add(ref xi, stride);
            }

            ref float av = ref Unsafe.Add(ref a, v * SamplesPerVector);
            s0.StoreUnsafe(ref av, 0);
            s1.StoreUnsafe(ref av, 16);
            s2.StoreUnsafe(ref av, 32);
            s3.StoreUnsafe(ref av, 48);
        }

        for (; v < vectors; v++)
        {
            Vector512<float> s = Vector512.Create(b);
            ref float xi = ref Unsafe.Add(ref x, v * SamplesPerVector);
            for (int i = 0; i < inputs; i++)
            {
                s = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref w, i)), Vector512.LoadUnsafe(ref xi), s);
                xi = ref Unsafe.Add(ref xi, stride);
            }

            s.StoreUnsafe(ref a, (nuint)(v * SamplesPerVector));
        }
    }

    /// <summary><c>destination[c·destinationStride + r] = source[r·sourceStride + c]</c> for r below <paramref name="rows"/>, c below <paramref name="columns"/>.</summary>
    private static void Transpose(ref float source, int sourceStride, ref float destination, int destinationStride, int rows, int columns)
    {
        int c = 0;
        if (Avx.IsSupported)
        {
            // Eight columns at a time, all rows: the eight destination rows are written whole before
            // the next eight, so none of their cache lines is evicted half written.
            for (; c <= columns - 8; c += 8)
            {
                ref float to = ref Unsafe.Add(ref destination, (nint)c * destinationStride);
                int r = 0;
                for (; r <= rows - 8; r += 8)
                {
                    Transpose8x8(ref Unsafe.Add(ref source, ((nint)r * sourceStride) + c), (nuint)sourceStride, ref Unsafe.Add(ref to, r), (nuint)destinationStride);
                }

                for (; r < rows; r++)
                {
                    for (int k = c; k < c + 8; k++)
                    {
                        Unsafe.Add(ref destination, ((nint)k * destinationStride) + r) = Unsafe.Add(ref source, ((nint)r * sourceStride) + k);
                    }
                }
            }
        }

        for (; c < columns; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                Unsafe.Add(ref destination, ((nint)c * destinationStride) + r) = Unsafe.Add(ref source, ((nint)r * sourceStride) + c);
            }
        }
    }

    /// <summary>Transposes one 8 × 8 block in registers: pairs interleaved, then pairs of pairs, then 128-bit halves exchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float source, nuint sourceStride, ref float destination, nuint destinationStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref source, sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, 2 * sourceStride);
        Vector256<float> r3 = Vector256.LoadUnsafe(ref source, 3 * sourceStride);
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, 4 * sourceStride);
        Vector256<float> r5 = Vector256.LoadUnsafe(ref source, 5 * sourceStride);
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, 6 * sourceStride);
        Vector256<float> r7 = Vector256.LoadUnsafe(ref source, 7 * sourceStride);

        // t: rows 2k and 2k+1 interleaved, per 128-bit lane.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // u: four rows' values of one column per 128-bit lane.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref destination, destinationStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref destination, 2 * destinationStride);
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref destination, 3 * destinationStride);
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref destination, 4 * destinationStride);
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref destination, 5 * destinationStride);
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref destination, 6 * destinationStride);
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref destination, 7 * destinationStride);
    }
}
