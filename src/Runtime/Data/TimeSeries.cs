using System;
using System.Numerics;

namespace StaticNN.Data;

/// <summary>Turns a daily series into supervised samples: the past days as input, the next day as target.</summary>
public static class TimeSeries
{
    /// <summary>
    /// Builds one sample per day d from <paramref name="firstTarget"/> to <paramref name="endTarget"/> − 1:
    /// the input is days d − <paramref name="pastDays"/> … d − 1, the target is day d.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="series">The values, one per day, oldest first.</param>
    /// <param name="pastDays">How many past days each input holds; positive.</param>
    /// <param name="firstTarget">The first day to predict; at least <paramref name="pastDays"/>.</param>
    /// <param name="endTarget">One past the last day to predict; at most the series' length.</param>
    /// <returns>Inputs, <c>pastDays</c> per sample, and targets, one per sample.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range holds no sample, or reaches before the series starts or past its end.</exception>
    public static (T[] Inputs, T[] Targets) Windows<T>(ReadOnlySpan<T> series, int pastDays, int firstTarget, int endTarget)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pastDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstTarget, pastDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endTarget, series.Length);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(endTarget, firstTarget);

        int count = endTarget - firstTarget;
        var inputs = new T[(long)count * pastDays];
        var targets = new T[count];
        for (int i = 0; i < count; i++)
        {
            int day = firstTarget + i;
            series.Slice(day - pastDays, pastDays).CopyTo(inputs.AsSpan(i * pastDays, pastDays));
            targets[i] = series[day];
        }

        return (inputs, targets);
    }

    /// <summary>Builds a sample for every day that has <paramref name="pastDays"/> days before it.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="series">The values, one per day, oldest first.</param>
    /// <param name="pastDays">How many past days each input holds; positive and less than the series' length.</param>
    /// <returns>Inputs, <c>pastDays</c> per sample, and targets, one per sample.</returns>
    public static (T[] Inputs, T[] Targets) Windows<T>(ReadOnlySpan<T> series, int pastDays)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Windows(series, pastDays, pastDays, series.Length);
}
