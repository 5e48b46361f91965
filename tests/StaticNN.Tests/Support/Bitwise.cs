using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNN.Tests.Support;

/// <summary>Exact comparisons: the same bits, so −0 ≠ +0 and NaN payloads count.</summary>
public static class Bitwise
{
    public static void Equal<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        if (MemoryMarshal.AsBytes(expected).SequenceEqual(MemoryMarshal.AsBytes(actual)))
        {
            return;
        }

        int size = Marshal.SizeOf<T>();
        for (int k = 0; k < expected.Length; k++)
        {
            if (!MemoryMarshal.AsBytes(expected.Slice(k, 1)).SequenceEqual(MemoryMarshal.AsBytes(actual.Slice(k, 1))))
            {
                Assert.Fail($"{what}: element {k} of {expected.Length} is {actual[k]:R}, expected {expected[k]:R} (bitwise; {size}-byte values)");
            }
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Equal<T>([expected], [actual], what);
}
