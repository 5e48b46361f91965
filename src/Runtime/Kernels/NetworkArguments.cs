using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNN.Kernels;

/// <summary>
/// The argument checks of the generated networks' public methods. Each failure throws an
/// <see cref="ArgumentException"/> that names the parameter, the expected length and the actual
/// one; the checks run before a method changes anything.
/// </summary>
public static class NetworkArguments
{
    /// <summary>Checks that a part of a batch is not larger than the batch.</summary>
    /// <param name="batchSamples">The samples in the whole batch.</param>
    /// <param name="samples">The samples in the part.</param>
    /// <param name="parameterName">The parameter that holds the batch size.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSamples"/> is smaller than <paramref name="samples"/>.</exception>
    public static void PartOfBatch(int batchSamples, int samples, string parameterName)
    {
        if (batchSamples < samples)
        {
            throw new ArgumentOutOfRangeException(parameterName, batchSamples, $"Expected a batch of at least the {samples} samples of this part, but got {batchSamples}.");
        }
    }

    /// <summary>Checks that a single sample has exactly <paramref name="expected"/> values.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The network's input size.</param>
    /// <param name="parameterName">The parameter that holds the sample.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExactLength(int actual, int expected, string parameterName)
    {
        if (actual != expected)
        {
            ThrowExact(actual, expected, parameterName);
        }
    }

    /// <summary>Checks that an output buffer holds at least <paramref name="required"/> values.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="required">The number of values the call writes.</param>
    /// <param name="parameterName">The parameter that holds the buffer.</param>
    /// <exception cref="ArgumentException">The buffer is too short.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AtLeast(int actual, long required, string parameterName)
    {
        if (actual < required)
        {
            ThrowAtLeast(actual, required, parameterName);
        }
    }

    /// <summary>
    /// Checks that a batch holds one or more whole samples of <paramref name="sampleSize"/> values
    /// and returns how many.
    /// </summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="sampleSize">The values per sample.</param>
    /// <param name="parameterName">The parameter that holds the batch.</param>
    /// <returns>The number of samples.</returns>
    /// <exception cref="ArgumentException">The batch is empty or not a whole number of samples.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SampleCount(int actual, int sampleSize, string parameterName)
    {
        if (actual == 0 || actual % sampleSize != 0)
        {
            ThrowSampleCount(actual, sampleSize, parameterName);
        }

        return actual / sampleSize;
    }

    /// <summary>Checks that the targets hold exactly one row of <paramref name="outputSize"/> values per input sample.</summary>
    /// <param name="actual">The targets' length.</param>
    /// <param name="samples">The number of input samples.</param>
    /// <param name="outputSize">The network's output size.</param>
    /// <param name="parameterName">The parameter that holds the targets.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TargetLength(int actual, int samples, int outputSize, string parameterName)
    {
        if (actual != (long)samples * outputSize)
        {
            ThrowTargets(actual, samples, outputSize, parameterName);
        }
    }

    /// <summary>Checks that a learning rate is finite and not negative (−0 counts as 0).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="learningRate">The learning rate.</param>
    /// <param name="parameterName">The parameter that holds it.</param>
    /// <exception cref="ArgumentOutOfRangeException">It is negative, NaN or infinite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LearningRate<T>(T learningRate, string parameterName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!T.IsFinite(learningRate) || learningRate < T.Zero)
        {
            ThrowLearningRate(learningRate, parameterName);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowExact(int actual, int expected, string parameterName) =>
        throw new ArgumentException($"Expected length {expected} (one sample) but got length {actual}.", parameterName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAtLeast(int actual, long required, string parameterName) =>
        throw new ArgumentException($"Expected length at least {required} but got length {actual}.", parameterName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSampleCount(int actual, int sampleSize, string parameterName) =>
        throw new ArgumentException(
            actual == 0
                ? $"Expected at least one sample of {sampleSize} values but got length 0."
                : $"Expected a length that is a whole number of samples of {sampleSize} values (a multiple of {sampleSize}) but got length {actual}.",
            parameterName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTargets(int actual, int samples, int outputSize, string parameterName) =>
        throw new ArgumentException(
            $"Expected length {(long)samples * outputSize} ({samples} samples × {outputSize} outputs) but got length {actual}.",
            parameterName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLearningRate<T>(T learningRate, string parameterName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        throw new ArgumentOutOfRangeException(parameterName, learningRate, "Expected a finite learning rate that is not negative.");
}
