using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<T, TActivation>(
        ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, ReadOnlySpan<T> x, Span<T> z, Span<T> a,
        int inputs, int outputs, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivationOperator<T>
    {
        KernelGuard.AtLeast(weights.Length, (long)outputs * inputs, nameof(weights));
        KernelGuard.AtLeast(bias.Length, outputs, nameof(bias));
        KernelGuard.AtLeast(x.Length, (long)samples * inputs, nameof(x));
        KernelGuard.AtLeast(z.Length, (long)samples * outputs, nameof(z));
        KernelGuard.AtLeast(a.Length, (long)samples * outputs, nameof(a));

        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T b = ref MemoryMarshal.GetReference(bias);
        for (int s = 0; s < samples; s++)
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

                T z0 = Vector.Sum(sum0), z1 = Vector.Sum(sum1), z2 = Vector.Sum(sum2), z3 = Vector.Sum(sum3);
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

            if (!TActivation.IsIdentity)
            {
                ActivationKernel.Apply<T, TActivation>(
                    MemoryMarshal.CreateReadOnlySpan(ref zRow, outputs),
                    a.Slice(s * outputs, outputs));
            }
            else if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(z), ref MemoryMarshal.GetReference(a)))
            {
                MemoryMarshal.CreateReadOnlySpan(ref zRow, outputs).CopyTo(a.Slice(s * outputs, outputs));
            }
        }
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccumulateGradients<T>(
        ReadOnlySpan<T> delta, ReadOnlySpan<T> input, Span<T> weightGradients, Span<T> biasGradients,
        int inputs, int outputs, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.AtLeast(delta.Length, (long)samples * outputs, nameof(delta));
        KernelGuard.AtLeast(input.Length, (long)samples * inputs, nameof(input));
        KernelGuard.AtLeast(weightGradients.Length, (long)outputs * inputs, nameof(weightGradients));
        KernelGuard.AtLeast(biasGradients.Length, outputs, nameof(biasGradients));

        ref T d = ref MemoryMarshal.GetReference(delta);
        ref T a = ref MemoryMarshal.GetReference(input);
        ref T gb = ref MemoryMarshal.GetReference(biasGradients);
        for (int j = 0; j < outputs; j++)
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

            T gBias = Unsafe.Add(ref gb, j);
            for (int s = 0; s < samples; s++)
            {
                gBias += Unsafe.Add(ref d, ((nint)s * outputs) + j);
            }

            Unsafe.Add(ref gb, j) = gBias;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PropagateError<T>(
        ReadOnlySpan<T> delta, ReadOnlySpan<T> weights, Span<T> error,
        int inputs, int outputs, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.AtLeast(delta.Length, (long)samples * outputs, nameof(delta));
        KernelGuard.AtLeast(weights.Length, (long)outputs * inputs, nameof(weights));
        KernelGuard.AtLeast(error.Length, (long)samples * inputs, nameof(error));

        ref T d = ref MemoryMarshal.GetReference(delta);
        ref T w = ref MemoryMarshal.GetReference(weights);
        for (int s = 0; s < samples; s++)
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

        T result = Vector.Sum(sum);
        for (; i < length; i++)
        {
            result = T.FusedMultiplyAdd(Unsafe.Add(ref w, i), Unsafe.Add(ref x, i), result);
        }

        return result;
    }
}
