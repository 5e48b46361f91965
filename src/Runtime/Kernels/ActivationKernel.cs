using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>Applies an activation, or its derivative, element-wise over a span.</summary>
public static class ActivationKernel
{
    /// <summary>Computes <c>a[k] = σ(z[k])</c> for every k in <paramref name="z"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TActivation">σ.</typeparam>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Receives the activations; at least as long as <paramref name="z"/>; may be the same memory.</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> is shorter than <paramref name="z"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply<T, TActivation>(ReadOnlySpan<T> z, Span<T> a)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivationOperator<T>
    {
        KernelGuard.AtLeast(a.Length, z.Length, nameof(a));
        ref T zRef = ref MemoryMarshal.GetReference(z);
        ref T aRef = ref MemoryMarshal.GetReference(a);
        int length = z.Length;
        int k = 0;
        for (; k <= length - Vector<T>.Count; k += Vector<T>.Count)
        {
            TActivation.Invoke(Vector.LoadUnsafe(ref zRef, (nuint)k)).StoreUnsafe(ref aRef, (nuint)k);
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref aRef, k) = TActivation.Invoke(Unsafe.Add(ref zRef, k));
        }
    }

    /// <summary>
    /// Computes <c>δ[k] ← δ[k]·σ′(z[k])</c>, turning ∂C/∂a into ∂C/∂z.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TActivation">σ.</typeparam>
    /// <param name="z">The pre-activations the forward pass kept.</param>
    /// <param name="a">The activations the forward pass kept, as long as <paramref name="z"/>.</param>
    /// <param name="delta">∂C/∂a on entry, ∂C/∂z on return; as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByDerivative<T, TActivation>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> delta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivationOperator<T>
    {
        if (TActivation.IsIdentity)
        {
            return;
        }

        KernelGuard.AtLeast(a.Length, z.Length, nameof(a));
        KernelGuard.AtLeast(delta.Length, z.Length, nameof(delta));
        ref T zRef = ref MemoryMarshal.GetReference(z);
        ref T aRef = ref MemoryMarshal.GetReference(a);
        ref T dRef = ref MemoryMarshal.GetReference(delta);
        int length = z.Length;
        int k = 0;
        for (; k <= length - Vector<T>.Count; k += Vector<T>.Count)
        {
            Vector<T> derivative = TActivation.Derivative(Vector.LoadUnsafe(ref zRef, (nuint)k), Vector.LoadUnsafe(ref aRef, (nuint)k));
            (Vector.LoadUnsafe(ref dRef, (nuint)k) * derivative).StoreUnsafe(ref dRef, (nuint)k);
        }

        for (; k < length; k++)
        {
            Unsafe.Add(ref dRef, k) *= TActivation.Derivative(Unsafe.Add(ref zRef, k), Unsafe.Add(ref aRef, k));
        }
    }
}
