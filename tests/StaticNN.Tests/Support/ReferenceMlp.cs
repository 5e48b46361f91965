using System;
using System.Collections.Generic;

namespace StaticNN.Tests.Support;

/// <summary>
/// A plain scalar multilayer perceptron in double, written from the definitions (PyTorch's) and
/// nothing else: no vectors, no fused multiply-add, no code shared with the library. It reads the
/// parameters in the documented layout (per layer W [outputs × inputs] row-major, then b).
/// </summary>
public static class ReferenceMlp
{
    /// <summary>The unit roundoff of float32, 2^-24.</summary>
    public const double FloatUnitRoundoff = 1.0 / (1 << 24);

    public static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Linear => z,
        Activation.ReLU => z > 0 ? z : 0,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.HardSigmoid => Math.Min(Math.Max(z + 3, 0), 6) / 6,
        Activation.Tanh => Math.Tanh(z),
        Activation.LeakyReLU => z > 0 ? z : 0.01 * z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>A Lipschitz constant of the activation: how much an error in z can grow in a.</summary>
    public static double Lipschitz(Activation activation) => activation switch
    {
        Activation.Sigmoid => 0.25,
        Activation.HardSigmoid => 1.0 / 6,
        _ => 1,
    };

    /// <summary>The mean loss of a batch, from the definitions in <see cref="Loss"/>.</summary>
    public static double MeanLoss(
        IReadOnlyList<LayerShape> layers, Loss loss, ReadOnlySpan<double> parameters,
        ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets)
    {
        int n = layers[0].Inputs, m = layers[^1].Outputs, samples = inputs.Length / n;
        double sum = 0;
        for (int s = 0; s < samples; s++)
        {
            double[] logits = Logits(layers, parameters, inputs.Slice(s * n, n), out _);
            ReadOnlySpan<double> t = targets.Slice(s * m, m);
            if (loss == Loss.CrossEntropy)
            {
                double max = double.NegativeInfinity;
                foreach (double z in logits)
                {
                    max = Math.Max(max, z);
                }

                double e = 0;
                foreach (double z in logits)
                {
                    e += Math.Exp(z - max);
                }

                double logSumExp = max + Math.Log(e);
                for (int k = 0; k < m; k++)
                {
                    sum -= t[k] * (logits[k] - logSumExp);
                }
            }
            else
            {
                for (int k = 0; k < m; k++)
                {
                    double a = Activate(layers[^1].Activation, logits[k]);
                    sum += loss == Loss.Mae ? Math.Abs(a - t[k]) : (a - t[k]) * (a - t[k]);
                }
            }
        }

        return loss == Loss.CrossEntropy ? sum / samples : sum / ((double)samples * m);
    }

    /// <summary>
    /// Runs one sample through the network in double and returns what Forward should return (the
    /// last activation, or the softmax probabilities for CrossEntropy), together with a bound on how
    /// far a float32 network holding the same (float) parameters may be from it.
    /// </summary>
    /// <remarks>
    /// The bound follows the error through the layers (standard forward error analysis, Higham,
    /// "Accuracy and Stability of Numerical Algorithms", §3.1):
    /// <list type="bullet">
    /// <item>z_j = b_j + Σ_i W_ji·x_i in float, with the products fused or not and summed in any order,
    /// is within γ·(|b_j| + Σ_i |W_ji·x_i|) of the exact value, u = 2^-24. The worst-case bound is
    /// γ = (n + 2)·u; for long sums we use the probabilistic bound of Higham and Mary (SIAM J. Sci.
    /// Comput. 41, 2019), γ = (λ√n + 2)·u, which fails with probability below 2·exp(−λ²/2) ≈ 3e-14
    /// for λ = 8 — so γ = min(n, 8√n)·u + 2u, 12× tighter than the worst case for n = 10000. An
    /// error e_i already in x_i adds Σ_i |W_ji|·e_i.</item>
    /// <item>a = σ(z) adds L·(error of z) (L the Lipschitz constant of σ) plus σ's own rounding, at most
    /// 16u·(1 + |a|): a few ulps for exp, the divisions and the vector tanh (whose error is absolute,
    /// a few ulps of 1).</item>
    /// <item>softmax: ∂p_k/∂z_m = p_k(δ_km − p_m), so an error ≤ E in every logit moves p_k by at most
    /// 2·p_k·E; exp, the sum of m terms and the division add (m + 8)·u·p_k.</item>
    /// </list>
    /// </remarks>
    public static (double[] Output, double[] FloatErrorBound) Forward(
        IReadOnlyList<LayerShape> layers, Loss loss, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        double[] logits = Logits(layers, parameters, input, out double[] bound);
        double u = FloatUnitRoundoff;
        int m = logits.Length;
        var output = new double[m];
        var outputBound = new double[m];
        if (loss == Loss.CrossEntropy)
        {
            double max = double.NegativeInfinity, worst = 0;
            for (int k = 0; k < m; k++)
            {
                max = Math.Max(max, logits[k]);
                worst = Math.Max(worst, bound[k]);
            }

            double sum = 0;
            for (int k = 0; k < m; k++)
            {
                output[k] = Math.Exp(logits[k] - max);
                sum += output[k];
            }

            for (int k = 0; k < m; k++)
            {
                output[k] /= sum;
                outputBound[k] = output[k] * ((2 * worst) + ((m + 8) * u));
            }
        }
        else
        {
            Activation last = layers[^1].Activation;
            for (int k = 0; k < m; k++)
            {
                output[k] = Activate(last, logits[k]);
                outputBound[k] = (Lipschitz(last) * bound[k]) + OwnRounding(last, output[k]);
            }
        }

        return (output, outputBound);
    }

    /// <summary>The last layer's z for one sample, with the float error bound of each z.</summary>
    private static double[] Logits(
        IReadOnlyList<LayerShape> layers, ReadOnlySpan<double> parameters, ReadOnlySpan<double> input, out double[] zBound)
    {
        double u = FloatUnitRoundoff;
        double[] x = input.ToArray();
        double[] xBound = new double[x.Length]; // the input is given exactly
        int offset = 0;
        double[] z = x;
        zBound = xBound;
        for (int k = 0; k < layers.Count; k++)
        {
            LayerShape layer = layers[k];
            ReadOnlySpan<double> w = parameters.Slice(offset, layer.Inputs * layer.Outputs);
            ReadOnlySpan<double> b = parameters.Slice(offset + (layer.Inputs * layer.Outputs), layer.Outputs);
            offset += (layer.Inputs * layer.Outputs) + layer.Outputs;

            double gamma = (Math.Min(layer.Inputs, 8 * Math.Sqrt(layer.Inputs)) + 2) * u;
            z = new double[layer.Outputs];
            zBound = new double[layer.Outputs];
            for (int j = 0; j < layer.Outputs; j++)
            {
                double sum = b[j], magnitude = Math.Abs(b[j]), carried = 0;
                for (int i = 0; i < layer.Inputs; i++)
                {
                    double wji = w[(j * layer.Inputs) + i];
                    sum += wji * x[i];
                    magnitude += Math.Abs(wji * x[i]);
                    carried += Math.Abs(wji) * xBound[i];
                }

                z[j] = sum;
                zBound[j] = (gamma * magnitude) + carried;
            }

            if (k < layers.Count - 1)
            {
                x = new double[layer.Outputs];
                xBound = new double[layer.Outputs];
                for (int j = 0; j < layer.Outputs; j++)
                {
                    x[j] = Activate(layer.Activation, z[j]);
                    xBound[j] = (Lipschitz(layer.Activation) * zBound[j]) + OwnRounding(layer.Activation, x[j]);
                }
            }
        }

        return z;
    }

    private static double OwnRounding(Activation activation, double a) =>
        activation == Activation.Linear ? 0 : 16 * FloatUnitRoundoff * (1 + Math.Abs(a));
}
