using System;
using System.Linq;
using StaticNN.Kernels;

namespace StaticNN.Tests;

/// <summary>
/// The dense kernels process several samples (or gradient rows) per pass for speed. These tests
/// prove the blocking changes no value, bit for bit: a sample's forward outputs equal those of the
/// same sample run alone, and the gradient and error kernels equal a plain scalar loop that adds
/// the terms in the same order with one fused multiply-add each.
/// </summary>
public sealed class BlockedKernelTests
{
    public static TheoryData<int, int, int> Shapes
    {
        get
        {
            var data = new TheoryData<int, int, int>();
            foreach ((int inputs, int outputs) in new[] { (1, 1), (3, 2), (7, 5), (8, 4), (9, 3), (17, 6), (56, 100), (100, 1), (33, 10) })
            {
                foreach (int samples in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 13, 64 })
                {
                    data.Add(inputs, outputs, samples);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_samples_outputs_do_not_depend_on_the_batch_it_is_in(int inputs, int outputs, int samples)
    {
        var random = new Random(inputs * 1000 + outputs * 10 + samples);
        float[] w = Values(random, outputs * inputs), b = Values(random, outputs), x = Values(random, samples * inputs);
        float[] z = new float[samples * outputs], a = new float[samples * outputs];
        Dense.Forward<float, SigmoidOperator<float>>(w, b, x, z, a, inputs, outputs, samples);

        float[] zAlone = new float[outputs], aAlone = new float[outputs];
        for (int s = 0; s < samples; s++)
        {
            Dense.Forward<float, SigmoidOperator<float>>(w, b, x.AsSpan(s * inputs, inputs), zAlone, aAlone, inputs, outputs, 1);
            Assert.Equal(Bits(zAlone), Bits(z.AsSpan(s * outputs, outputs).ToArray()));
            Assert.Equal(Bits(aAlone), Bits(a.AsSpan(s * outputs, outputs).ToArray()));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_forward_is_blocked_without_changing_a_value(int inputs, int outputs, int samples)
    {
        var random = new Random(inputs + outputs + samples);
        double[] w = Doubles(random, outputs * inputs), b = Doubles(random, outputs), x = Doubles(random, samples * inputs);
        double[] z = new double[samples * outputs];
        Dense.Forward<double, LinearOperator<double>>(w, b, x, z, z, inputs, outputs, samples);
        double[] alone = new double[outputs];
        for (int s = 0; s < samples; s++)
        {
            Dense.Forward<double, LinearOperator<double>>(w, b, x.AsSpan(s * inputs, inputs), alone, alone, inputs, outputs, 1);
            Assert.Equal(alone.Select(BitConverter.DoubleToInt64Bits), z.AsSpan(s * outputs, outputs).ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_equal_a_scalar_loop_in_the_same_order(int inputs, int outputs, int samples)
    {
        var random = new Random(inputs * 7 + outputs * 3 + samples);
        float[] delta = Values(random, samples * outputs), input = Values(random, samples * inputs);
        float[] gw = Values(random, outputs * inputs), gb = Values(random, outputs);
        float[] expectedW = (float[])gw.Clone(), expectedB = (float[])gb.Clone();
        for (int j = 0; j < outputs; j++)
        {
            for (int i = 0; i < inputs; i++)
            {
                for (int s = 0; s < samples; s++)
                {
                    expectedW[(j * inputs) + i] = MathF.FusedMultiplyAdd(delta[(s * outputs) + j], input[(s * inputs) + i], expectedW[(j * inputs) + i]);
                }
            }

            for (int s = 0; s < samples; s++)
            {
                expectedB[j] += delta[(s * outputs) + j];
            }
        }

        Dense.AccumulateGradients<float>(delta, input, gw, gb, inputs, outputs, samples);
        Assert.Equal(Bits(expectedW), Bits(gw));
        Assert.Equal(Bits(expectedB), Bits(gb));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Propagated_error_equals_a_scalar_loop_in_the_same_order(int inputs, int outputs, int samples)
    {
        var random = new Random(inputs * 11 + outputs * 5 + samples);
        float[] delta = Values(random, samples * outputs), w = Values(random, outputs * inputs);
        float[] expected = new float[samples * inputs];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                float e = 0f;
                for (int j = 0; j < outputs; j++)
                {
                    e = MathF.FusedMultiplyAdd(delta[(s * outputs) + j], w[(j * inputs) + i], e);
                }

                expected[(s * inputs) + i] = e;
            }
        }

        float[] error = new float[samples * inputs];
        Dense.PropagateError<float>(delta, w, error, inputs, outputs, samples);
        Assert.Equal(Bits(expected), Bits(error));
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static double[] Doubles(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2) - 1).ToArray();

    private static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();
}
