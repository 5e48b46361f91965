using System;
using System.Runtime.CompilerServices;

namespace StaticNN.Kernels;

/// <summary>Length checks shared by the kernels: one comparison on entry, a clear message on failure.</summary>
internal static class KernelGuard
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AtLeast(int actual, long required, string name)
    {
        if (actual < required)
        {
            Throw(actual, required, name);
        }
    }

    /// <summary>Checks the sizes a kernel is given: none negative, so no length check can pass by a negative product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sizes(int inputs, int outputs, int samples)
    {
        if ((inputs | outputs | samples) < 0)
        {
            ThrowSizes(inputs, outputs, samples);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSizes(int inputs, int outputs, int samples)
    {
        (string name, int value) = inputs < 0 ? (nameof(inputs), inputs) : outputs < 0 ? (nameof(outputs), outputs) : (nameof(samples), samples);
        throw new ArgumentOutOfRangeException(name, value, $"Expected a size of 0 or more but got {value}.");
    }

    /// <summary>Checks that a buffer holds exactly one value per parameter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OnePerParameter(int parameters, int actual, string name)
    {
        if (actual != parameters)
        {
            ThrowOnePerParameter(parameters, actual, name);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOnePerParameter(int parameters, int actual, string name) =>
        throw new ArgumentException($"Expected {parameters} values, one per parameter, but got {actual}.", name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(int actual, long required, string name) =>
        throw new ArgumentException($"Expected at least {required} values but got {actual}.", name);
}
