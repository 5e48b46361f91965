using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>
/// The kernels of <see cref="Loss.Mse"/>: per element <c>c = (a − t)²</c>, <c>∂c/∂a = 2·(a − t)</c>.
/// The caller divides the sum by the number of elements of the whole batch.
/// </summary>
public static class MseLoss
{
    /// <summary>Returns <c>Σ_k (a[k] − t[k])²</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="output">The network's outputs a.</param>
    /// <param name="target">The targets t, as long as <paramref name="output"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static T Sum<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.AtLeast(target.Length, output.Length, nameof(target));
        ref T a = ref MemoryMarshal.GetReference(output);
        ref T t = ref MemoryMarshal.GetReference(target);
        Vector<T> sum = Vector<T>.Zero;
        int k = 0;
        for (; k <= output.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            Vector<T> d = Vector.LoadUnsafe(ref a, (nuint)k) - Vector.LoadUnsafe(ref t, (nuint)k);
            sum += d * d;
        }

        T result = Vector.Sum(sum);
        for (; k < output.Length; k++)
        {
            T d = Unsafe.Add(ref a, k) - Unsafe.Add(ref t, k);
            result += d * d;
        }

        return result;
    }

    /// <summary>
    /// Writes <c>g[k] = scale·2·(a[k] − t[k])</c>, the gradient of <c>scale·Σ (a − t)²</c>, and
    /// returns <c>Σ_k (a[k] − t[k])²</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="output">The network's outputs a.</param>
    /// <param name="target">The targets t, as long as <paramref name="output"/>.</param>
    /// <param name="gradient">Receives g, as long as <paramref name="output"/>.</param>
    /// <param name="scale">The factor of the mean, 1/(batch samples · outputs).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static T Gradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, Span<T> gradient, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.AtLeast(target.Length, output.Length, nameof(target));
        KernelGuard.AtLeast(gradient.Length, output.Length, nameof(gradient));
        ref T a = ref MemoryMarshal.GetReference(output);
        ref T t = ref MemoryMarshal.GetReference(target);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        T twiceScale = scale + scale;
        Vector<T> sum = Vector<T>.Zero;
        int k = 0;
        for (; k <= output.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            Vector<T> d = Vector.LoadUnsafe(ref a, (nuint)k) - Vector.LoadUnsafe(ref t, (nuint)k);
            sum += d * d;
            (d * twiceScale).StoreUnsafe(ref g, (nuint)k);
        }

        T result = Vector.Sum(sum);
        for (; k < output.Length; k++)
        {
            T d = Unsafe.Add(ref a, k) - Unsafe.Add(ref t, k);
            result += d * d;
            Unsafe.Add(ref g, k) = d * twiceScale;
        }

        return result;
    }
}
