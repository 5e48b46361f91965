using System;
using System.Linq;
using StaticNN.Kernels;
using StaticNN.Tests.Networks;
using StaticNN.Tests.Support;

namespace StaticNN.Tests;

/// <summary>
/// The feature-major inference path (<see cref="FeatureMajor"/>): the layout conversions move every
/// value to its place, the kernel computes each z as the documented chain of fused multiply-adds
/// from the bias (bit for bit against a scalar loop), and generated networks use it so that, in
/// batches of 16 samples or more, a sample's outputs depend neither on the other samples nor on its place.
/// </summary>
public sealed class FeatureMajorTests
{
    public static TheoryData<int, int, int> Shapes
    {
        get
        {
            var data = new TheoryData<int, int, int>();
            foreach ((int inputs, int outputs) in new[] { (1, 1), (3, 2), (7, 5), (8, 4), (9, 3), (17, 6), (56, 100), (100, 1), (33, 10), (784, 9) })
            {
                foreach (int samples in new[] { 1, 7, 15, 16, 17, 31, 48, 64, 65, 130 })
                {
                    data.Add(inputs, outputs, samples);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Layout_conversions_move_every_value_and_zero_the_padding(int features, int unused, int samples)
    {
        _ = unused;
        var random = new Random(features * 7919 + samples);
        float[] x = Values(random, samples * features);
        int stride = FeatureMajor.Stride(samples) + (samples % 2 == 0 ? 16 : 0);
        float[] transposed = Enumerable.Repeat(float.NaN, features * stride).ToArray();
        FeatureMajor.ToFeatureMajor(x, transposed, features, samples, stride);

        for (int f = 0; f < features; f++)
        {
            for (int s = 0; s < samples; s++)
            {
                Assert.Equal(x[(s * features) + f], transposed[(f * stride) + s]);
            }

            for (int s = samples; s < FeatureMajor.Stride(samples); s++)
            {
                Assert.Equal(0f, transposed[(f * stride) + s]);
            }
        }

        float[] back = new float[(samples * features) + 3];
        back[^1] = 42;
        FeatureMajor.ToSampleMajor(transposed, back, features, samples, stride);
        Bitwise.Equal<float>(x, back.AsSpan(0, x.Length), "back to sample-major");
        Assert.Equal(42, back[^1]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_is_a_chain_of_multiply_adds_from_the_bias(int inputs, int outputs, int samples)
    {
        if (!FeatureMajor.IsSupported)
        {
            Assert.Throws<PlatformNotSupportedException>(() => Run<LinearOperator<float>>(new Random(1), inputs, outputs, samples));
            return;
        }

        var random = new Random((inputs * 1000) + (outputs * 10) + samples);
        (float[] w, float[] b, float[] x, float[] a, int stride) = Run<LinearOperator<float>>(random, inputs, outputs, samples);
        for (int j = 0; j < outputs; j++)
        {
            for (int s = 0; s < samples; s++)
            {
                float z = b[j];
                for (int i = 0; i < inputs; i++)
                {
                    z = MathF.FusedMultiplyAdd(w[(j * inputs) + i], x[(s * inputs) + i], z);
                }

                Bitwise.Equal(z, a[(j * stride) + s], $"z of row {j}, sample {s}");
            }
        }
    }

    [Theory]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.LeakyReLU)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.HardSigmoid)]
    public void Forward_applies_the_activation_in_vector_form(Activation activation)
    {
        if (!FeatureMajor.IsSupported)
        {
            return;
        }

        const int Inputs = 17, Outputs = 6, Samples = 37;
        var (_, _, _, linear, stride) = Run<LinearOperator<float>>(new Random(5), Inputs, Outputs, Samples);
        float[] activated = activation switch
        {
            Activation.ReLU => Run<ReLUOperator<float>>(new Random(5), Inputs, Outputs, Samples).A,
            Activation.LeakyReLU => Run<LeakyReLUOperator<float>>(new Random(5), Inputs, Outputs, Samples).A,
            Activation.Sigmoid => Run<SigmoidOperator<float>>(new Random(5), Inputs, Outputs, Samples).A,
            Activation.Tanh => Run<TanhOperator<float>>(new Random(5), Inputs, Outputs, Samples).A,
            _ => Run<HardSigmoidOperator<float>>(new Random(5), Inputs, Outputs, Samples).A,
        };

        // The same z, then σ through ActivationKernel over whole vectors.
        float[] expected = new float[linear.Length];
        Span<float> rows = linear.AsSpan(0, Outputs * stride);
        switch (activation)
        {
            case Activation.ReLU: ActivationKernel.Apply<float, ReLUOperator<float>>(rows, expected); break;
            case Activation.LeakyReLU: ActivationKernel.Apply<float, LeakyReLUOperator<float>>(rows, expected); break;
            case Activation.Sigmoid: ActivationKernel.Apply<float, SigmoidOperator<float>>(rows, expected); break;
            case Activation.Tanh: ActivationKernel.Apply<float, TanhOperator<float>>(rows, expected); break;
            default: ActivationKernel.Apply<float, HardSigmoidOperator<float>>(rows, expected); break;
        }

        for (int j = 0; j < Outputs; j++)
        {
            Bitwise.Equal<float>(expected.AsSpan(j * stride, Samples), activated.AsSpan(j * stride, Samples), $"{activation} of row {j}");
        }
    }

    [Fact]
    public void Bad_arguments_name_what_was_expected_and_what_came()
    {
        float[] w = new float[12], b = new float[4], x = new float[3 * 16], a = new float[4 * 16];
        var stride = Assert.Throws<ArgumentException>(() => FeatureMajor.Forward<LinearOperator<float>>(w, b, x, a, 3, 4, 5, 8));
        Assert.Equal("stride", stride.ParamName);
        Assert.Contains("multiple of 16 and at least 16 for 5 samples, but got 8", stride.Message);

        var narrow = Assert.Throws<ArgumentException>(() => FeatureMajor.ToFeatureMajor(x, a, 2, 17, 16));
        Assert.Equal("stride", narrow.ParamName);
        Assert.Contains("at least 32 for 17 samples", narrow.Message);

        var input = Assert.Throws<ArgumentException>(() => FeatureMajor.ToFeatureMajor(x, a, 4, 17, 32));
        Assert.Equal("x", input.ParamName);
        Assert.Contains("Expected at least 68 values but got 48", input.Message);

        var weights = Assert.Throws<ArgumentException>(() => FeatureMajor.Forward<LinearOperator<float>>(w.AsSpan(0, 11), b, x, a, 3, 4, 16, 16));
        Assert.Equal("weights", weights.ParamName);
        Assert.Contains("Expected at least 12 values but got 11", weights.Message);

        var output = Assert.Throws<ArgumentException>(() => FeatureMajor.Forward<LinearOperator<float>>(w, b, x, a.AsSpan(0, 63), 3, 4, 16, 16));
        Assert.Equal("a", output.ParamName);

        var back = Assert.Throws<ArgumentException>(() => FeatureMajor.ToSampleMajor(a, new float[63], 4, 16, 16));
        Assert.Equal("x", back.ParamName);
    }

    [Fact]
    public void Negative_or_overflowing_sizes_are_refused_before_any_memory_is_touched()
    {
        float[] none = [];
        Assert.Equal("outputs", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMajor.Forward<LinearOperator<float>>(none, none, none, none, 0, int.MinValue, 1, 16)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMajor.Forward<LinearOperator<float>>(none, none, none, none, -1, 4, 1, 16)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMajor.Forward<LinearOperator<float>>(none, none, none, none, 1, 1, -16, 0)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMajor.ToFeatureMajor(none, none, int.MinValue, 8, 16)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMajor.ToSampleMajor(none, none, -8, 8, 16)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMajor.Stride(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMajor.Stride(-1));

        // The sample-major kernels too.
        Assert.Equal("outputs", Assert.Throws<ArgumentOutOfRangeException>(() => Dense.Forward<float, LinearOperator<float>>(none, none, none, none, none, 0, int.MinValue, 1)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentOutOfRangeException>(() => Dense.AccumulateGradients<float>(none, none, none, none, 1, 1, -3)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentOutOfRangeException>(() => Dense.PropagateError<float>(none, none, none, -2, 1, 1)).ParamName);
    }

    [Fact]
    public void Input_and_output_may_not_overlap()
    {
        float[] w = new float[4], b = new float[2], memory = new float[64];
        var error = Assert.Throws<ArgumentException>(() => FeatureMajor.Forward<LinearOperator<float>>(w, b, memory.AsSpan(0, 32), memory.AsSpan(16, 32), 2, 2, 16, 16));
        Assert.Equal("a", error.ParamName);
    }

    [Fact]
    public void Applies_from_one_full_vector_of_samples()
    {
        Assert.False(FeatureMajor.Applies(0));
        Assert.False(FeatureMajor.Applies(15));
        Assert.Equal(FeatureMajor.IsSupported, FeatureMajor.Applies(16));
        Assert.Equal(FeatureMajor.IsSupported, FeatureMajor.Applies(1000));
    }

    [Theory]
    [InlineData("FloatWideClassifier")]
    [InlineData("FloatTanhSigmoid")]
    [InlineData("FloatPiecewise")]
    [InlineData("FloatVeryWide")]
    [InlineData("SpiralClassifier")]
    public void A_samples_outputs_do_not_depend_on_its_batch_or_place(string name)
    {
        NetworkCase<float> shape = Catalog.Float(name);
        INetwork<float> network = shape.Create(seed: 3);
        var random = new Random(11);
        float[] inputs = Values(random, 130 * shape.InputSize);
        float[] all = Forward(network, inputs, 130);

        // The same samples in batches of other sizes, starting at other places.
        foreach ((int start, int count) in new[] { (0, 16), (5, 16), (40, 17), (64, 66), (1, 63), (100, 30) })
        {
            float[] part = Forward(network, inputs.AsSpan(start * shape.InputSize, count * shape.InputSize).ToArray(), count);
            Bitwise.Equal<float>(all.AsSpan(start * shape.OutputSize, count * shape.OutputSize), part, $"{name}: samples {start} to {start + count - 1} alone");
        }

        // Below one vector of samples ForwardBatch is Forward, sample by sample.
        float[] small = Forward(network, inputs.AsSpan(0, 15 * shape.InputSize).ToArray(), 15);
        float[] one = new float[shape.OutputSize];
        for (int s = 0; s < 15; s++)
        {
            network.Forward(inputs.AsSpan(s * shape.InputSize, shape.InputSize), one);
            Bitwise.Equal<float>(one, small.AsSpan(s * shape.OutputSize, shape.OutputSize), $"{name}: sample {s} in a batch of 15");

            // …and the feature-major result is within float rounding of it.
            for (int o = 0; o < shape.OutputSize; o++)
            {
                float batched = all[(s * shape.OutputSize) + o];
                Assert.True(Math.Abs(batched - one[o]) <= 1e-5f * Math.Max(1, Math.Abs(one[o])), $"{name} sample {s} output {o}: {batched} vs {one[o]}");
            }
        }
    }

    [Theory]
    [InlineData("FloatWideClassifier")]
    [InlineData("FloatPiecewise")]
    [InlineData("FloatVeryWide")]
    public void Evaluate_of_a_large_batch_is_the_loss_of_ForwardBatchs_outputs(string name)
    {
        NetworkCase<float> shape = Catalog.Float(name);
        INetwork<float> network = shape.Create(seed: 4);
        var random = new Random(12);
        const int Samples = 100;
        float[] inputs = Values(random, Samples * shape.InputSize);
        float[] targets = Values(random, Samples * shape.OutputSize);
        if (shape.Loss == Loss.CrossEntropy)
        {
            // Probability targets: one class per sample.
            Array.Clear(targets);
            for (int s = 0; s < Samples; s++)
            {
                targets[(s * shape.OutputSize) + (s % shape.OutputSize)] = 1;
            }
        }

        float[] outputs = Forward(network, inputs, Samples);
        double expected = 0;
        for (int k = 0; k < outputs.Length; k++)
        {
            double d = outputs[k] - targets[k];
            expected += shape.Loss switch
            {
                Loss.Mse => d * d,
                Loss.Mae => Math.Abs(d),
                _ => targets[k] == 0 ? 0 : -targets[k] * Math.Log(outputs[k]),
            };
        }

        expected /= shape.Loss == Loss.CrossEntropy ? Samples : outputs.Length;
        float loss = network.Evaluate(inputs, targets);
        Assert.True(Math.Abs(loss - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{name}: Evaluate {loss}, from ForwardBatch {expected}");
    }

    private static (float[] W, float[] B, float[] X, float[] A, int Stride) Run<TActivation>(Random random, int inputs, int outputs, int samples)
        where TActivation : struct, IActivationOperator<float>
    {
        float[] w = Values(random, outputs * inputs), b = Values(random, outputs), x = Values(random, samples * inputs);

        // Odd sample counts get a stride one vector wider than they need, as a chunk shorter than
        // the workspace has; the lanes past Stride(samples) must stay untouched.
        int stride = FeatureMajor.Stride(samples) + (samples % 2 == 1 ? FeatureMajor.SamplesPerVector : 0);
        float[] transposed = new float[inputs * stride];
        FeatureMajor.ToFeatureMajor(x, transposed, inputs, samples, stride);

        // A guard after the output: nothing may be written past outputs·stride.
        const float Guard = 12345.5f;
        float[] a = Enumerable.Repeat(Guard, (outputs * stride) + 17).ToArray();
        FeatureMajor.Forward<TActivation>(w, b, transposed, a.AsSpan(0, outputs * stride), inputs, outputs, samples, stride);
        Assert.All(a[(outputs * stride)..], value => Assert.Equal(Guard, value));
        for (int j = 0; j < outputs; j++)
        {
            Assert.All(a[((j * stride) + FeatureMajor.Stride(samples))..((j + 1) * stride)], value => Assert.Equal(Guard, value));
        }

        return (w, b, x, a, stride);
    }

    private static float[] Forward(INetwork<float> network, float[] inputs, int samples)
    {
        float[] outputs = new float[samples * network.OutputSize];
        network.ForwardBatch(inputs, outputs);
        return outputs;
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
}
