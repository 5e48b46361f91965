using System;
using System.Linq;
using StaticNN.Kernels;
using StaticNN.Tests.Networks;
using StaticNN.Tests.Support;

namespace StaticNN.Tests;

/// <summary>
/// Proves the bookkeeping of training, bit for bit: Update is θ − η·g computed as p − lr·g in T
/// (no fused multiply-add), ZeroGradients writes +0 everywhere, Evaluate/Forward/ForwardBatch touch
/// neither gradients nor parameters, and TrainBatch is exactly ZeroGradients + Backward + Update.
/// </summary>
public sealed class TrainingStepTests
{
    /// <summary>
    /// Rates: 0.0371 is not a power of two, so lr·g really rounds; 1.7 and 37.1 make lr·g as large as
    /// p or larger, where the rounding of the product decides the last bit of p − lr·g in many
    /// elements, so a fused multiply-add (one rounding) would give different bits. The test checks
    /// that this is so for its data, so it cannot pass vacuously.
    /// </summary>
    private static readonly double[] Rates = [0.0371, 1.7, 37.1];

    [Theory]
    [InlineData("FloatTanhSigmoid")]    // 604 parameters: 75 vectors of 8 and a tail of 4
    [InlineData("FloatWideClassifier")] // 6710: a tail of 6
    [InlineData("FloatPiecewise")]      // 156: a tail of 4
    public void Update_is_exactly_parameter_minus_rate_times_gradient_in_float(string network)
    {
        NetworkCase<float> shape = Catalog.Float(network);
        INetwork<float> net = shape.Create(seed: 3);
        (float[] inputs, float[] targets) = FloatBatch(shape, 20, salt: 1);
        net.Backward(inputs, targets);
        float[] gradients = net.Gradients.ToArray();
        Assert.Contains(gradients, g => g != 0);

        int fusedWouldDiffer = 0;
        foreach (double rate in Rates)
        {
            float learningRate = (float)rate;
            float[] before = net.Parameters.ToArray();
            float[] expected = new float[before.Length];
            for (int k = 0; k < before.Length; k++)
            {
                float product = learningRate * gradients[k];
                expected[k] = before[k] - product;
                fusedWouldDiffer += MathF.FusedMultiplyAdd(-learningRate, gradients[k], before[k]) != expected[k] ? 1 : 0;
            }

            net.Update(learningRate);

            Bitwise.Equal<float>(expected, net.Parameters, $"parameters after Update({learningRate})");
            Bitwise.Equal<float>(gradients, net.Gradients, $"gradients after Update({learningRate})");
        }

        Assert.True(fusedWouldDiffer > 0, "the data should tell p − lr·g from a fused multiply-add");
    }

    [Theory]
    [InlineData("DoubleMae")]          // 39 parameters: 9 vectors of 4 and a tail of 3
    [InlineData("Mae_Tanh_56x100x10")] // 6710: a tail of 2
    public void Update_is_exactly_parameter_minus_rate_times_gradient_in_double(string network)
    {
        NetworkCase<double> shape = Catalog.Double(network);
        INetwork<double> net = shape.Create(seed: 3);
        (double[] inputs, double[] targets) = GradientCheckTests.Batch(shape, 20, salt: 1);
        net.Backward(inputs, targets);
        double[] gradients = net.Gradients.ToArray();

        int fusedWouldDiffer = 0;
        foreach (double learningRate in Rates)
        {
            double[] before = net.Parameters.ToArray();
            double[] expected = new double[before.Length];
            for (int k = 0; k < before.Length; k++)
            {
                double product = learningRate * gradients[k];
                expected[k] = before[k] - product;
                fusedWouldDiffer += Math.FusedMultiplyAdd(-learningRate, gradients[k], before[k]) != expected[k] ? 1 : 0;
            }

            net.Update(learningRate);

            Bitwise.Equal<double>(expected, net.Parameters, $"parameters after Update({learningRate})");
            Bitwise.Equal<double>(gradients, net.Gradients, $"gradients after Update({learningRate})");
        }

        Assert.True(fusedWouldDiffer > 0, "the data should tell p − lr·g from a fused multiply-add");
    }

    [Fact]
    public void Update_with_rate_zero_changes_nothing()
    {
        INetwork<float> net = new FloatTanhSigmoid(3);
        (float[] inputs, float[] targets) = FloatBatch(Catalog.Float("FloatTanhSigmoid"), 5, salt: 2);
        net.Backward(inputs, targets);
        float[] before = net.Parameters.ToArray();

        net.Update(0f);

        Bitwise.Equal<float>(before, net.Parameters, "parameters after Update(0)");
    }

    [Theory]
    [InlineData("FloatWideClassifier")]
    [InlineData("FloatSingleLayer")]
    public void ZeroGradients_sets_every_gradient_to_positive_zero_and_keeps_parameters(string network)
    {
        NetworkCase<float> shape = Catalog.Float(network);
        INetwork<float> net = shape.Create(seed: 4);
        (float[] inputs, float[] targets) = FloatBatch(shape, 9, salt: 3);
        net.Backward(inputs, targets);
        Assert.True(net.Gradients.ToArray().Count(g => g != 0) > shape.ParameterCount / 4, "Backward should leave many non-zero gradients");
        float[] parameters = net.Parameters.ToArray();

        net.ZeroGradients();

        Bitwise.Equal<float>(new float[shape.ParameterCount], net.Gradients, "gradients after ZeroGradients");
        Bitwise.Equal<float>(parameters, net.Parameters, "parameters after ZeroGradients");
    }

    [Theory]
    [InlineData("FloatTanhSigmoid", 1)]
    [InlineData("FloatWideClassifier", 130)]
    [InlineData("FloatPiecewise", 7)]
    public void Evaluate_and_Forward_leave_gradients_and_parameters_alone(string network, int batchSize)
    {
        NetworkCase<float> shape = Catalog.Float(network);
        INetwork<float> net = shape.Create(seed: 5);
        (float[] inputs, float[] targets) = FloatBatch(shape, batchSize, salt: 4);
        (float[] otherInputs, float[] otherTargets) = FloatBatch(shape, batchSize + 3, salt: 5);
        net.Backward(otherInputs, otherTargets); // a known, non-zero gradient state
        float[] gradients = net.Gradients.ToArray();
        float[] parameters = net.Parameters.ToArray();

        float loss = net.Evaluate(inputs, targets);
        net.ForwardBatch(inputs, new float[batchSize * shape.OutputSize]);
        net.Forward(inputs.AsSpan(0, shape.InputSize), new float[shape.OutputSize]);

        Assert.True(float.IsFinite(loss) && loss > 0);
        Bitwise.Equal<float>(gradients, net.Gradients, "gradients after Evaluate/Forward");
        Bitwise.Equal<float>(parameters, net.Parameters, "parameters after Evaluate/Forward");
    }

    [Theory]
    [InlineData("FloatTanhSigmoid")]
    [InlineData("FloatWideClassifier")]
    [InlineData("FloatPiecewise")]
    [InlineData("FloatVeryWide")]
    public void TrainBatch_is_exactly_ZeroGradients_then_Backward_then_Update(string network)
    {
        NetworkCase<float> shape = Catalog.Float(network);
        INetwork<float> trained = shape.Create(seed: 6);
        INetwork<float> stepped = shape.Create(seed: 6);

        // Both start with the same stale gradients, which TrainBatch must discard.
        (float[] staleInputs, float[] staleTargets) = FloatBatch(shape, 4, salt: 6);
        trained.Backward(staleInputs, staleTargets);
        stepped.Backward(staleInputs, staleTargets);

        int step = 0;
        foreach (int batchSize in new[] { 1, 7, 130, 64, 3 })
        {
            (float[] inputs, float[] targets) = FloatBatch(shape, batchSize, salt: 10 + step);
            float learningRate = 0.05f / (step + 1);

            float lossBefore = trained.Evaluate(inputs, targets);
            float lossTrained = trained.TrainBatch(inputs, targets, learningRate);

            stepped.ZeroGradients();
            float lossStepped = stepped.Backward(inputs, targets);
            stepped.Update(learningRate);

            Bitwise.Equal(lossStepped, lossTrained, $"loss of step {step}");
            Bitwise.Equal<float>(stepped.Parameters, trained.Parameters, $"parameters after step {step}");
            Bitwise.Equal<float>(stepped.Gradients, trained.Gradients, $"gradients after step {step}");

            // TrainBatch returns the loss before the update. Below 16 samples Evaluate and Backward share
            // their arithmetic; from 16 on Evaluate may run feature-major (FeatureMajor.Applies), which
            // adds the same terms in another order.
            if (!FeatureMajor.Applies(batchSize))
            {
                Bitwise.Equal(lossBefore, lossTrained, $"loss of step {step} against Evaluate before it");
            }
            else
            {
                Assert.True(Math.Abs(lossBefore - lossTrained) <= 1e-5f * Math.Abs(lossTrained), $"loss of step {step}: Evaluate {lossBefore}, TrainBatch {lossTrained}");
            }

            Assert.NotEqual(lossTrained, trained.Evaluate(inputs, targets));
            step++;
        }
    }

    internal static (float[] Inputs, float[] Targets) FloatBatch(NetworkCase<float> shape, int samples, int salt)
    {
        var random = new TestRandom(Catalog.Seed(shape.Name, (samples * 31) + salt));
        var inputs = new float[samples * shape.InputSize];
        var targets = new float[samples * shape.OutputSize];
        random.Fill(inputs, -2, 2);
        if (shape.Loss == Loss.CrossEntropy)
        {
            random.FillProbabilityRows(targets, shape.OutputSize);
        }
        else
        {
            random.Fill(targets, -1, 1);
        }

        return (inputs, targets);
    }
}
