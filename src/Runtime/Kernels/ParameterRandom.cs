using System;
using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// The random numbers behind parameter initialisation: xoshiro256** seeded through SplitMix64.
/// Its sequence is fixed by this code alone, so a seed gives the same parameters on every machine
/// and every .NET version (unlike <see cref="Random"/>, whose seeded sequence is not promised).
/// </summary>
public struct ParameterRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose sequence is determined by <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public ParameterRandom(int seed)
    {
        ulong state = unchecked((ulong)(long)seed);
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>Returns a value uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fills <paramref name="destination"/> with values uniform in <c>[−bound, bound)</c>, in order.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="destination">The values to fill.</param>
    /// <param name="bound">The half-width of the interval; positive.</param>
    public void FillUniform<T>(Span<T> destination, double bound)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int k = 0; k < destination.Length; k++)
        {
            // Computed in double, then rounded once; T.Clamp keeps a float rounding from reaching ±bound's neighbour outside.
            T value = T.CreateTruncating(((2.0 * NextDouble()) - 1.0) * bound);
            T limit = T.CreateTruncating(bound);
            destination[k] = T.Clamp(value, -limit, limit);
        }
    }

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
