using System;
using System.Numerics;
using StaticNN.Tests.Support;

namespace StaticNN.Tests;

/// <summary>
/// Proves the values and derivatives chosen at the kinks, where finite differences cannot check
/// them, are PyTorch's: ReLU′(0) = 0, LeakyReLU′(0) = 0.01, HardSigmoid′(±3) = 0 (and 1/6 inside),
/// and MAE's d|a − t|/da = 0 at a = t; in the vector lanes and in the scalar tail, float and double.
/// </summary>
/// <remarks>
/// A 1 → 9 layer with all weights 0 makes z equal the biases exactly, so the biases place z on the
/// kinks. For one sample, dC/db_j = (2/9)·(a_j − t_j)·σ′(z_j) for MSE and (1/9)·sign(a_j − t_j) for
/// MAE, and dC/dW_j = x·dC/db_j. A zero derivative must give exactly 0; other entries are compared
/// within a few roundings (float: 1e-6 relative ≈ 16 ulps; double: 1e-14 relative ≈ 45 ulps).
/// </remarks>
public sealed class KinkConventionTests
{
    private const double Input = 0.75;

    [Theory]
    [InlineData("KinkReLU")]
    [InlineData("KinkLeakyReLU")]
    [InlineData("KinkHardSigmoid")]
    [InlineData("KinkMae")]
    public void Derivatives_at_kinks_follow_PyTorch_double(string network) =>
        Check(Catalog.Double(network), 1e-14);

    [Theory]
    [InlineData("KinkReLUFloat")]
    [InlineData("KinkLeakyReLUFloat")]
    [InlineData("KinkHardSigmoidFloat")]
    [InlineData("KinkMaeFloat")]
    public void Derivatives_at_kinks_follow_PyTorch_float(string network) =>
        Check(Catalog.Float(network), 1e-6);

    private static void Check<T>(NetworkCase<T> shape, double relativeTolerance)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Activation activation = shape.Layers[0].Activation;
        bool mae = shape.Loss == Loss.Mae;

        // z for each of the 9 units; kinks in lanes of the first vector, the second (double) and the tail.
        double[] z = activation switch
        {
            Activation.ReLU or Activation.LeakyReLU => [-1, 0, 1, 0, 0.5, -0.0, 2, -2, 0],
            Activation.HardSigmoid => [-3, 3, 0, 2.5, -4, 4, 3, 1, -3],
            _ => [0.25, -1, 0.5, 2, 0, -0.75, 1.5, 3, -2],
        };

        // MAE: targets equal to the output at units 0, 3, 5 and 8, off by ±0.5 elsewhere.
        // MSE: a target no output equals.
        double[] t = new double[9];
        for (int j = 0; j < 9; j++)
        {
            t[j] = !mae ? 0.3 : j is 0 or 3 or 5 or 8 ? z[j] : z[j] + (j % 2 == 0 ? 0.5 : -0.5);
        }

        INetwork<T> net = shape.Create(seed: 0);
        for (int j = 0; j < 9; j++)
        {
            net.Parameters[j] = T.Zero;                       // W[j, 0]
            net.Parameters[9 + j] = T.CreateTruncating(z[j]); // b[j]
        }

        T[] x = [T.CreateTruncating(Input)];
        var a = new T[9];
        net.Forward(x, a);
        for (int j = 0; j < 9; j++)
        {
            double expected = ReferenceMlp.Activate(activation, z[j]);
            double actual = double.CreateTruncating(a[j]);
            Assert.True(Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected), $"unit {j}: σ({z[j]}) = {actual:R}, expected {expected:R}");
        }

        net.ZeroGradients();
        net.Backward(x, Array.ConvertAll(t, T.CreateTruncating));
        for (int j = 0; j < 9; j++)
        {
            double output = double.CreateTruncating(a[j]);
            double expectedBias = mae
                ? Math.Sign(output - t[j]) / 9.0
                : 2.0 / 9 * (output - t[j]) * Derivative(activation, z[j]);
            double bias = double.CreateTruncating(net.Gradients[9 + j]);
            double weight = double.CreateTruncating(net.Gradients[j]);
            if (expectedBias == 0)
            {
                Assert.True(bias == 0 && weight == 0, $"unit {j} (z = {z[j]}, a − t = {output - t[j]}): gradients {bias:R} (b) and {weight:R} (W) should be exactly 0");
            }
            else
            {
                Assert.True(Math.Abs(bias - expectedBias) <= relativeTolerance * Math.Abs(expectedBias), $"unit {j} (z = {z[j]}): dC/db = {bias:R}, expected {expectedBias:R}");
                Assert.True(Math.Abs(weight - (Input * expectedBias)) <= relativeTolerance * Math.Abs(Input * expectedBias), $"unit {j} (z = {z[j]}): dC/dW = {weight:R}, expected {Input * expectedBias:R}");
            }
        }
    }

    /// <summary>PyTorch's derivative, including its choice at each kink.</summary>
    private static double Derivative(Activation activation, double z) => activation switch
    {
        Activation.ReLU => z > 0 ? 1 : 0,
        Activation.LeakyReLU => z > 0 ? 1 : 0.01,
        Activation.HardSigmoid => z > -3 && z < 3 ? 1.0 / 6 : 0,
        _ => 1,
    };
}
