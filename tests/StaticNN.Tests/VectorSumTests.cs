using System;
using System.Linq;
using System.Numerics;
using StaticNN.Kernels;

namespace StaticNN.Tests;

/// <summary>
/// The dense kernels reduce vectors with one fixed order, the pairwise tree over neighbours, on every
/// code path (one vector, or four at once with shuffles); a sample's outputs then do not depend on
/// the path. Values of mixed magnitude make every other order round differently.
/// </summary>
public sealed class VectorSumTests
{
    [Fact]
    public void Float_sums_follow_the_pairwise_tree_and_four_at_once_equal_one_at_a_time()
    {
        var random = new Random(1);
        for (int trial = 0; trial < 1000; trial++)
        {
            Vector<float>[] v = Enumerable.Range(0, 4).Select(_ => new Vector<float>(Enumerable.Range(0, Vector<float>.Count).Select(_ => Mixed(random)).ToArray())).ToArray();
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(Pairwise(v[k], 0, Vector<float>.Count), VectorMath.Sum(v[k]));
            }

            (float a, float b, float c, float d) = VectorMath.Sum4(v[0], v[1], v[2], v[3]);
            Assert.Equal([VectorMath.Sum(v[0]), VectorMath.Sum(v[1]), VectorMath.Sum(v[2]), VectorMath.Sum(v[3])], new[] { a, b, c, d });
        }
    }

    [Fact]
    public void Double_sums_follow_the_pairwise_tree_and_four_at_once_equal_one_at_a_time()
    {
        var random = new Random(2);
        for (int trial = 0; trial < 1000; trial++)
        {
            Vector<double>[] v = Enumerable.Range(0, 4).Select(_ => new Vector<double>(Enumerable.Range(0, Vector<double>.Count).Select(_ => (double)Mixed(random) * (1 + 1e-9 * random.NextDouble())).ToArray())).ToArray();
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(Pairwise(v[k], 0, Vector<double>.Count), VectorMath.Sum(v[k]));
            }

            (double a, double b, double c, double d) = VectorMath.Sum4(v[0], v[1], v[2], v[3]);
            Assert.Equal([VectorMath.Sum(v[0]), VectorMath.Sum(v[1]), VectorMath.Sum(v[2]), VectorMath.Sum(v[3])], new[] { a, b, c, d });
        }
    }

    [Fact]
    public void The_order_matters_for_these_values_so_the_test_can_tell_orders_apart()
    {
        var random = new Random(3);
        int differs = 0;
        for (int trial = 0; trial < 1000; trial++)
        {
            float[] values = Enumerable.Range(0, Vector<float>.Count).Select(_ => Mixed(random)).ToArray();
            float sequential = values.Aggregate(0f, (sum, x) => sum + x);
            differs += sequential == VectorMath.Sum(new Vector<float>(values)) ? 0 : 1;
        }

        Assert.True(differs > 100, $"only {differs} of 1000 sums depend on the order");
    }

    private static float Mixed(Random random) => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 5)));

    private static T Pairwise<T>(Vector<T> v, int start, int length)
        where T : unmanaged, INumber<T> =>
        length == 1 ? v[start] : Pairwise(v, start, length / 2) + Pairwise(v, start + (length / 2), length / 2);
}
