using System;
using System.Numerics;

namespace StaticNN.Data;

/// <summary>
/// Shifts and scales values to mean 0 and standard deviation 1: <c>(x − Mean) / StandardDeviation</c>.
/// Fit it on the training part only, then apply it to every part, so that nothing about the
/// unseen data leaks into training.
/// </summary>
/// <param name="Mean">The mean subtracted.</param>
/// <param name="StandardDeviation">The divisor; positive.</param>
public readonly record struct Standardizer(double Mean, double StandardDeviation)
{
    /// <summary>Computes the mean and the (population) standard deviation of <paramref name="values"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The training values; at least one, not all equal.</param>
    /// <returns>The standardizer.</returns>
    /// <exception cref="ArgumentException">There are no values, or they are all equal (or not finite).</exception>
    public static Standardizer Fit<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumberBase<T>
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("Expected at least one value to fit on but got none.", nameof(values));
        }

        double mean = 0;
        foreach (T value in values)
        {
            mean += double.CreateTruncating(value);
        }

        mean /= values.Length;
        double variance = 0;
        foreach (T value in values)
        {
            double d = double.CreateTruncating(value) - mean;
            variance += d * d;
        }

        double deviation = Math.Sqrt(variance / values.Length);
        if (!(deviation > 0) || !double.IsFinite(deviation))
        {
            throw new ArgumentException($"Expected values that vary, but their standard deviation is {deviation}.", nameof(values));
        }

        return new Standardizer(mean, deviation);
    }

    /// <summary>Standardizes every value in place.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The values.</param>
    public void Apply<T>(Span<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating((double.CreateTruncating(values[i]) - Mean) / StandardDeviation);
        }
    }

    /// <summary>Maps a standardized value back to the original scale.</summary>
    /// <param name="value">A standardized value.</param>
    /// <returns><c>value · StandardDeviation + Mean</c>.</returns>
    public double Invert(double value) => (value * StandardDeviation) + Mean;
}
