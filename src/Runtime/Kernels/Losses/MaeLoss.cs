using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>
/// The kernels of <see cref="Loss.Mae"/>: per element <c>c = |a − t|</c>, <c>∂c/∂a = sign(a − t)</c>
/// with <c>sign(0) = 0</c> as in PyTorch's <c>L1Loss</c>. The caller divides the sum by the number
/// of elements of the whole batch.
/// </summary>
public static class MaeLoss
{
    /// <summary>Returns <c>Σ_k |a[k] − t[k]|</c>.</summary>
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
            sum += Vector.Abs(Vector.LoadUnsafe(ref a, (nuint)k) - Vector.LoadUnsafe(ref t, (nuint)k));
        }

        T result = Vector.Sum(sum);
        for (; k < output.Length; k++)
        {
            result += T.Abs(Unsafe.Add(ref a, k) - Unsafe.Add(ref t, k));
        }

        return result;
    }

    /// <summary>
    /// Writes <c>g[k] = scale·sign(a[k] − t[k])</c>, the gradient of <c>scale·Σ |a − t|</c>, and
    /// returns <c>Σ_k |a[k] − t[k]|</c>.
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
        Vector<T> up = new(scale), down = new(-scale);
        Vector<T> sum = Vector<T>.Zero;
        int k = 0;
        for (; k <= output.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            Vector<T> d = Vector.LoadUnsafe(ref a, (nuint)k) - Vector.LoadUnsafe(ref t, (nuint)k);
            sum += Vector.Abs(d);
            Vector<T> sign = Vector.ConditionalSelect(Vector.GreaterThan(d, Vector<T>.Zero), up, Vector<T>.Zero)
                | Vector.ConditionalSelect(Vector.LessThan(d, Vector<T>.Zero), down, Vector<T>.Zero);
            sign.StoreUnsafe(ref g, (nuint)k);
        }

        T result = Vector.Sum(sum);
        for (; k < output.Length; k++)
        {
            T d = Unsafe.Add(ref a, k) - Unsafe.Add(ref t, k);
            result += T.Abs(d);
            Unsafe.Add(ref g, k) = d > T.Zero ? scale : d < T.Zero ? -scale : T.Zero;
        }

        return result;
    }
}
