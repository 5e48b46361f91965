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
