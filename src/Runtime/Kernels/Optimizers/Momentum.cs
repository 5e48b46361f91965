using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>Gradient descent with momentum, as PyTorch's <c>SGD(momentum=μ)</c> without dampening or Nesterov.</summary>
public static class Momentum
{
    /// <summary>
    /// Computes <c>b[k] ← μ·b[k] + g[k]</c>, then <c>θ[k] ← θ[k] − η·b[k]</c>, each operation rounded
    /// separately as PyTorch's <c>mul_</c>, <c>add_</c> and <c>add_(alpha=−η)</c> do.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="parameters">θ.</param>
    /// <param name="gradients">g, as long as <paramref name="parameters"/>.</param>
    /// <param name="velocity">b, the momentum buffer, as long as <paramref name="parameters"/>; zero before the first step.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> velocity, T learningRate, T momentum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.OnePerParameter(parameters.Length, gradients.Length, nameof(gradients));
        KernelGuard.OnePerParameter(parameters.Length, velocity.Length, nameof(velocity));
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        ref T b = ref MemoryMarshal.GetReference(velocity);
        Vector<T> rate = new(learningRate), mu = new(momentum);
        int k = 0;
        for (; k <= parameters.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            Vector<T> buffer = (mu * Vector.LoadUnsafe(ref b, (nuint)k)) + Vector.LoadUnsafe(ref g, (nuint)k);
            buffer.StoreUnsafe(ref b, (nuint)k);
            (Vector.LoadUnsafe(ref p, (nuint)k) - (rate * buffer)).StoreUnsafe(ref p, (nuint)k);
        }

        for (; k < parameters.Length; k++)
        {
            T buffer = (momentum * Unsafe.Add(ref b, k)) + Unsafe.Add(ref g, k);
            Unsafe.Add(ref b, k) = buffer;
            Unsafe.Add(ref p, k) -= learningRate * buffer;
        }
    }
}
