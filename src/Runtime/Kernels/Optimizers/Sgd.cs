using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>Plain gradient descent, the lecture's update rule.</summary>
public static class Sgd
{
    /// <summary>
    /// Computes <c>θ[k] ← θ[k] − η·g[k]</c> for every parameter, rounding <c>η·g[k]</c> and the
    /// subtraction separately (no fused multiply-add), so the result is exactly that expression in T.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="parameters">θ.</param>
    /// <param name="gradients">g, as long as <paramref name="parameters"/>.</param>
    /// <param name="learningRate">η.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradients, T learningRate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.OnePerParameter(parameters.Length, gradients.Length, nameof(gradients));

        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        Vector<T> rate = new(learningRate);
        int k = 0;
        for (; k <= parameters.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            (Vector.LoadUnsafe(ref p, (nuint)k) - (rate * Vector.LoadUnsafe(ref g, (nuint)k))).StoreUnsafe(ref p, (nuint)k);
        }

        for (; k < parameters.Length; k++)
        {
            Unsafe.Add(ref p, k) -= learningRate * Unsafe.Add(ref g, k);
        }
    }
}
