using System;
using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// The kernels of <see cref="Loss.CrossEntropy"/> over rows of logits z (one row of
/// <c>classes</c> values per sample): <c>p = softmax(z)</c>, per sample
/// <c>c = −Σ_k t[k]·log p[k]</c>, and <c>∂c/∂z[k] = p[k]·Σ_m t[m] − t[k]</c> (which is
/// <c>p − t</c> when the targets sum to 1). The caller divides the sum by the number of samples
/// of the whole batch.
/// </summary>
/// <remarks>
/// <c>log p</c> is computed as <c>z − logsumexp(z)</c> with the row maximum subtracted first, so
/// large logits neither overflow nor turn a zero target times <c>log 0</c> into NaN.
/// </remarks>
public static class SoftmaxCrossEntropyLoss
{
    /// <summary>Writes <c>p[s,·] = softmax(z[s,·])</c> for every sample s.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">z, at least <c>samples·classes</c> values.</param>
    /// <param name="probabilities">Receives p, at least <c>samples·classes</c> values; may be the same memory as <paramref name="logits"/>.</param>
    /// <param name="classes">The number of classes (outputs).</param>
    /// <param name="samples">The number of samples.</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> logits, Span<T> probabilities, int classes, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.AtLeast(logits.Length, (long)samples * classes, nameof(logits));
        KernelGuard.AtLeast(probabilities.Length, (long)samples * classes, nameof(probabilities));
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> z = logits.Slice(s * classes, classes);
            Span<T> p = probabilities.Slice(s * classes, classes);
            T max = Max(z);
            T sum = T.Zero;
            for (int k = 0; k < classes; k++)
            {
                T e = T.Exp(z[k] - max);
                p[k] = e;
                sum += e;
            }

            for (int k = 0; k < classes; k++)
            {
                p[k] /= sum;
            }
        }
    }

    /// <summary>Returns <c>Σ_s −Σ_k t[s,k]·log softmax(z[s,·])[k]</c>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">z, at least <c>samples·classes</c> values.</param>
    /// <param name="targets">t, at least <c>samples·classes</c> values.</param>
    /// <param name="classes">The number of classes (outputs).</param>
    /// <param name="samples">The number of samples.</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public static T Sum<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, int classes, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.AtLeast(logits.Length, (long)samples * classes, nameof(logits));
        KernelGuard.AtLeast(targets.Length, (long)samples * classes, nameof(targets));
        T loss = T.Zero;
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> z = logits.Slice(s * classes, classes);
            ReadOnlySpan<T> t = targets.Slice(s * classes, classes);
            T logSumExp = LogSumExp(z);
            for (int k = 0; k < classes; k++)
            {
                loss += t[k] * (logSumExp - z[k]);
            }
        }

        return loss;
    }

    /// <summary>
    /// Writes <c>g[s,k] = scale·(p[s,k]·Σ_m t[s,m] − t[s,k])</c>, the gradient of
    /// <c>scale·Σ_s c_s</c> with respect to the logits, and returns <c>Σ_s c_s</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="logits">z, at least <c>samples·classes</c> values.</param>
    /// <param name="targets">t, at least <c>samples·classes</c> values.</param>
    /// <param name="gradient">Receives g, at least <c>samples·classes</c> values; must not overlap <paramref name="logits"/>.</param>
    /// <param name="scale">The factor of the mean, 1/(batch samples).</param>
    /// <param name="classes">The number of classes (outputs).</param>
    /// <param name="samples">The number of samples.</param>
    /// <exception cref="ArgumentException">A span is too short.</exception>
    public static T Gradient<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> gradient, T scale, int classes, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.AtLeast(logits.Length, (long)samples * classes, nameof(logits));
        KernelGuard.AtLeast(targets.Length, (long)samples * classes, nameof(targets));
        KernelGuard.AtLeast(gradient.Length, (long)samples * classes, nameof(gradient));
        T loss = T.Zero;
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> z = logits.Slice(s * classes, classes);
            ReadOnlySpan<T> t = targets.Slice(s * classes, classes);
            Span<T> g = gradient.Slice(s * classes, classes);
            T logSumExp = LogSumExp(z);
            T targetSum = T.Zero;
            for (int k = 0; k < classes; k++)
            {
                loss += t[k] * (logSumExp - z[k]);
                targetSum += t[k];
            }

            for (int k = 0; k < classes; k++)
            {
                T p = T.Exp(z[k] - logSumExp);
                g[k] = scale * ((p * targetSum) - t[k]);
            }
        }

        return loss;
    }

    private static T LogSumExp<T>(ReadOnlySpan<T> z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = Max(z);
        T sum = T.Zero;
        for (int k = 0; k < z.Length; k++)
        {
            sum += T.Exp(z[k] - max);
        }

        return max + T.Log(sum);
    }

    private static T Max<T>(ReadOnlySpan<T> z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = z[0];
        for (int k = 1; k < z.Length; k++)
        {
            max = T.Max(max, z[k]);
        }

        return max;
    }
}
