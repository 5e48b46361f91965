using System;

namespace StaticNN.Tests.Support;

/// <summary>
/// A small deterministic generator (SplitMix64) for test data, so every run sees the same inputs
/// on every machine and .NET version, independently of the library's own generator.
/// </summary>
public struct TestRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [low, high).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, count).</summary>
    public int NextInt(int count) => (int)(NextDouble() * count);

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Gaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="values"/> uniformly in [low, high).</summary>
    public void Fill(Span<double> values, double low, double high)
    {
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = Uniform(low, high);
        }
    }

    /// <summary>Fills <paramref name="values"/> uniformly in [low, high), rounded to float.</summary>
    public void Fill(Span<float> values, double low, double high)
    {
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = (float)Uniform(low, high);
        }
    }

    /// <summary>Fills each row of <paramref name="width"/> values with a random probability vector (positive, summing to 1).</summary>
    public void FillProbabilityRows(Span<double> values, int width)
    {
        for (int row = 0; row < values.Length / width; row++)
        {
            Span<double> p = values.Slice(row * width, width);
            double sum = 0;
            for (int k = 0; k < width; k++)
            {
                p[k] = -Math.Log(1.0 - NextDouble()); // exponential draws, normalised: a uniform Dirichlet sample
                sum += p[k];
            }

            for (int k = 0; k < width; k++)
            {
                p[k] /= sum;
            }
        }
    }

    /// <summary>Float version of <see cref="FillProbabilityRows(Span{double}, int)"/>.</summary>
    public void FillProbabilityRows(Span<float> values, int width)
    {
        double[] row = new double[width];
        for (int r = 0; r < values.Length / width; r++)
        {
            FillProbabilityRows(row, width);
            for (int k = 0; k < width; k++)
            {
                values[(r * width) + k] = (float)row[k];
            }
        }
    }
}
