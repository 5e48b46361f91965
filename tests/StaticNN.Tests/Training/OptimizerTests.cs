using System;

namespace StaticNN.Tests.Training;

/// <summary>
/// Proves each optimizer takes PyTorch's step: the update is computed by hand, in the same order of
/// operations as PyTorch, from parameters and gradients set directly, and compared bitwise.
/// </summary>
public sealed class OptimizerTests
{
    private static readonly double[] Start = [0.25, -0.5, 0.125];
    private static readonly double[][] Steps = [[0.5, -1.0, 2.0], [-0.25, 0.75, 1.5], [1e-3, -2.0, 0.0]];

    [Fact]
    public void Sgd_steps_are_theta_minus_eta_g()
    {
        var network = new SgdPair();
        Start.CopyTo(network.Parameters);
        double[] expected = (double[])Start.Clone();
        const double eta = 0.1;
        foreach (double[] g in Steps)
        {
            g.CopyTo(network.Gradients);
            network.Update(eta);
            for (int k = 0; k < 3; k++)
            {
                expected[k] -= eta * g[k];
            }
        }

        Assert.Equal(expected, network.Parameters.ToArray());
    }

    [Fact]
    public void Momentum_keeps_a_velocity_b_equal_to_mu_b_plus_g()
    {
        var network = new MomentumPair();
        Start.CopyTo(network.Parameters);
        double[] expected = (double[])Start.Clone();
        double[] velocity = new double[3];
        const double eta = 0.1, mu = 0.5;
        foreach (double[] g in Steps)
        {
            g.CopyTo(network.Gradients);
            network.Update(eta);
            for (int k = 0; k < 3; k++)
            {
                velocity[k] = (mu * velocity[k]) + g[k];
                expected[k] -= eta * velocity[k];
            }
        }

        Assert.Equal(expected, network.Parameters.ToArray());

        // The first step is plain SGD (b = g), as in PyTorch.
        var fresh = new MomentumPair();
        Start.CopyTo(fresh.Parameters);
        Steps[0].CopyTo(fresh.Gradients);
        fresh.Update(eta);
        Assert.Equal(Start[0] - (eta * Steps[0][0]), fresh.Parameters[0]);
    }

    [Fact]
    public void Adam_matches_the_hand_computed_steps_of_torch_optim_adam()
    {
        var network = new AdamPair();
        Start.CopyTo(network.Parameters);
        double[] expected = (double[])Start.Clone();
        double[] m = new double[3], v = new double[3];
        const double eta = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        int t = 0;
        foreach (double[] g in Steps)
        {
            g.CopyTo(network.Gradients);
            network.Update(eta);
            t++;
            double stepSize = eta / (1 - Math.Pow(beta1, t));
            double correction2 = Math.Sqrt(1 - Math.Pow(beta2, t));
            for (int k = 0; k < 3; k++)
            {
                m[k] += (1 - beta1) * (g[k] - m[k]);
                v[k] = (beta2 * v[k]) + ((1 - beta2) * g[k] * g[k]);
                expected[k] -= stepSize * (m[k] / ((Math.Sqrt(v[k]) / correction2) + eps));
            }
        }

        Assert.Equal(expected, network.Parameters.ToArray());

        // Adam's first step moves every parameter with a non-zero gradient by about η, whatever the gradient's size.
        var fresh = new AdamPair();
        Start.CopyTo(fresh.Parameters);
        Steps[0].CopyTo(fresh.Gradients);
        fresh.Update(eta);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(eta, Math.Abs(fresh.Parameters[k] - Start[k]), 1e-9);
        }
    }

    [Fact]
    public void Adam_in_float_uses_the_other_lerp_branch_and_float_arithmetic()
    {
        // 13 parameters + 1 bias = 14: one full Vector<float> block of 8 and a scalar tail of 6.
        var network = new AdamFloat(seed: 3);
        float[] expected = network.Parameters.ToArray();
        float[] m = new float[expected.Length], v = new float[expected.Length];
        const float eta = 0.05f;
        const double beta1 = 0.3, beta2 = 0.99, eps = 1e-6;
        var random = new Random(5);
        for (int t = 1; t <= 4; t++)
        {
            float[] g = new float[expected.Length];
            for (int k = 0; k < g.Length; k++)
            {
                g[k] = (float)((random.NextDouble() * 4) - 2);
            }

            g.CopyTo(network.Gradients);
            network.Update(eta);

            float weight = (float)(1 - beta1);
            float oneMinusWeight = 1 - weight;
            float stepSize = (float)(eta / (1 - Math.Pow(beta1, t)));
            float correction2 = (float)Math.Sqrt(1 - Math.Pow(beta2, t));
            for (int k = 0; k < g.Length; k++)
            {
                // torch.lerp with weight ≥ 0.5: end − (end − start)·(1 − weight).
                m[k] = g[k] - ((g[k] - m[k]) * oneMinusWeight);
                v[k] = ((float)beta2 * v[k]) + ((float)(1 - beta2) * g[k] * g[k]);
                expected[k] -= stepSize * (m[k] / ((MathF.Sqrt(v[k]) / correction2) + (float)eps));
            }
        }

        Assert.Equal(expected, network.Parameters.ToArray());
    }

    [Fact]
    public void ResetParameters_clears_the_optimizer_state()
    {
        var used = new AdamPair(seed: 4);
        Steps[0].CopyTo(used.Gradients);
        used.Update(0.01);
        used.Update(0.01);
        used.ResetParameters(seed: 9);

        var fresh = new AdamPair(seed: 9);
        Assert.Equal(fresh.Parameters.ToArray(), used.Parameters.ToArray());
        Assert.All(used.Gradients.ToArray(), g => Assert.Equal(0.0, g));

        Steps[1].CopyTo(used.Gradients);
        Steps[1].CopyTo(fresh.Gradients);
        used.Update(0.01);
        fresh.Update(0.01);
        Assert.Equal(fresh.Parameters.ToArray(), used.Parameters.ToArray());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.1)]
    public void Every_optimizer_refuses_a_bad_learning_rate_and_changes_nothing(double learningRate)
    {
        INetwork<double>[] networks = [new SgdPair(), new MomentumPair(), new AdamPair()];
        foreach (INetwork<double> network in networks)
        {
            Steps[0].CopyTo(network.Gradients);
            double[] before = network.Parameters.ToArray();
            Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => network.Update(learningRate));
            Assert.Equal(before, network.Parameters.ToArray());
            network.Update(0.1);
            Assert.NotEqual(before, network.Parameters.ToArray());
        }
    }
}
