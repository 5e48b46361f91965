using System;

namespace StaticNN.Kernels;

/// <summary>The length check every optimizer kernel makes on entry.</summary>
internal static class OptimizerGuard
{
    public static void SameLength(int parameters, int actual, string name)
    {
        if (actual != parameters)
        {
            throw new ArgumentException($"Expected {parameters} values, one per parameter, but got {actual}.", name);
        }
    }
}
