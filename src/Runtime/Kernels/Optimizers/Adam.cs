using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNN.Kernels;

/// <summary>Adam, as PyTorch's <c>torch.optim.Adam</c> (no weight decay, not AMSGrad).</summary>
public static class Adam
{
    /// <summary>
    /// Takes Adam step number <paramref name="step"/> (1 for the first):
    /// <c>m ← lerp(m, g, 1 − β₁)</c>, <c>v ← β₂·v + (1 − β₂)·g·g</c>, and
    /// <c>θ ← θ − s·m / (√v / c₂ + ε)</c> with <c>s = η / (1 − β₁ᵗ)</c> and <c>c₂ = √(1 − β₂ᵗ)</c>,
    /// the order of operations of PyTorch's implementation. The bias corrections are computed in
    /// double, as PyTorch computes them in Python floats.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="parameters">θ.</param>
    /// <param name="gradients">g, as long as <paramref name="parameters"/>.</param>
    /// <param name="firstMoment">m, as long as <paramref name="parameters"/>; zero before the first step.</param>
    /// <param name="secondMoment">v, as long as <paramref name="parameters"/>; zero before the first step.</param>
    /// <param name="step">t, the number of this step, from 1.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="beta1">β₁.</param>
    /// <param name="beta2">β₂.</param>
    /// <param name="epsilon">ε.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is less than 1.</exception>
    public static void Step<T>(
        Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> firstMoment, Span<T> secondMoment,
        long step, T learningRate, double beta1, double beta2, double epsilon)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.OnePerParameter(parameters.Length, gradients.Length, nameof(gradients));
        KernelGuard.OnePerParameter(parameters.Length, firstMoment.Length, nameof(firstMoment));
        KernelGuard.OnePerParameter(parameters.Length, secondMoment.Length, nameof(secondMoment));
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);

        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        T stepSize = T.CreateTruncating(double.CreateTruncating(learningRate) / biasCorrection1);
        T correction2Sqrt = T.CreateTruncating(Math.Sqrt(biasCorrection2));
        // m moves toward g by the weight 1 − β₁ as PyTorch's lerp_ does: from m for a weight below
        // one half, from g otherwise (with 1 − weight rounded in T).
        T oneMinusBeta1 = T.CreateTruncating(1 - beta1);
        bool lerpFromStart = oneMinusBeta1 < T.CreateTruncating(0.5);
        T b1 = T.One - oneMinusBeta1;
        T b2 = T.CreateTruncating(beta2);
        T oneMinusBeta2 = T.CreateTruncating(1 - beta2);
        T eps = T.CreateTruncating(epsilon);

        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        ref T m = ref MemoryMarshal.GetReference(firstMoment);
        ref T v = ref MemoryMarshal.GetReference(secondMoment);
        int k = 0;
        for (; k <= parameters.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            Vector<T> gk = Vector.LoadUnsafe(ref g, (nuint)k);
            Vector<T> mk = Vector.LoadUnsafe(ref m, (nuint)k);
            mk = lerpFromStart
                ? mk + (new Vector<T>(oneMinusBeta1) * (gk - mk))
                : gk - ((gk - mk) * new Vector<T>(b1));
            Vector<T> vk = (new Vector<T>(b2) * Vector.LoadUnsafe(ref v, (nuint)k)) + (new Vector<T>(oneMinusBeta2) * gk * gk);
            Vector<T> denominator = (Vector.SquareRoot(vk) / new Vector<T>(correction2Sqrt)) + new Vector<T>(eps);
            (Vector.LoadUnsafe(ref p, (nuint)k) - (new Vector<T>(stepSize) * (mk / denominator))).StoreUnsafe(ref p, (nuint)k);
            mk.StoreUnsafe(ref m, (nuint)k);
            vk.StoreUnsafe(ref v, (nuint)k);
        }

        for (; k < parameters.Length; k++)
        {
            T gk = Unsafe.Add(ref g, k);
            T mk = Unsafe.Add(ref m, k);
            mk = lerpFromStart ? mk + (oneMinusBeta1 * (gk - mk)) : gk - ((gk - mk) * b1);
            T vk = (b2 * Unsafe.Add(ref v, k)) + (oneMinusBeta2 * gk * gk);
            T denominator = (T.Sqrt(vk) / correction2Sqrt) + eps;
            Unsafe.Add(ref p, k) -= stepSize * (mk / denominator);
            Unsafe.Add(ref m, k) = mk;
            Unsafe.Add(ref v, k) = vk;
        }
    }
}
