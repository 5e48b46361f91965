using System;
using System.Collections.Generic;
using StaticNN.Training;

namespace StaticNN.Samples.Births;

/// <summary>
/// The lecture's picture of learning: the training loss L(w, b) of the 1-day linear model
/// (tomorrow = w · today + b) over a grid of its two parameters, and the path plain gradient
/// descent takes down that surface from a poor starting point.
/// </summary>
/// <param name="Weights">The grid's w values (columns).</param>
/// <param name="Biases">The grid's b values (rows).</param>
/// <param name="Loss">L(w, b) as an RMSE in births: <c>Loss[row, column]</c> for <c>Biases[row]</c>, <c>Weights[column]</c>.</param>
/// <param name="Path">(w, b) before the first step and after each step.</param>
/// <param name="PathLoss">L in births at each point of <paramref name="Path"/>.</param>
/// <param name="LearningRate">The step size of the path.</param>
public sealed record ErrorSurface(double[] Weights, double[] Biases, double[,] Loss, IReadOnlyList<(double W, double B)> Path, double[] PathLoss, float LearningRate)
{
    /// <summary>The poor starting point: a negative weight and a large bias, far from the minimum.</summary>
    public static readonly (float W, float B) Start = (-0.8f, 1.6f);

    /// <summary>The step size of plain gradient descent: large enough for visible steps, small enough not to overshoot.</summary>
    public const float DefaultLearningRate = 0.1f;

    /// <summary>The number of gradient-descent steps drawn.</summary>
    public const int Steps = 25;

    /// <summary>Computes the surface with <c>Evaluate</c> and records the path with <c>TrainBatch</c>.</summary>
    /// <param name="data">The births.</param>
    /// <returns>The surface and the path.</returns>
    public static ErrorSurface Compute(BirthsData data)
    {
        Dataset<float> training = data.Training(1);
        ReadOnlySpan<float> inputs = training.Inputs.Span, targets = training.Targets.Span;
        var model = new Linear1Sgd(Experiment.Seed);
        double scale = data.Scale.StandardDeviation;

        // Parameters is one buffer: the weight matrix [1 × 1], then the bias.
        double[] weights = Grid(-1.2, 1.8, 241), biases = Grid(-1.0, 2.0, 241);
        var loss = new double[biases.Length, weights.Length];
        for (int row = 0; row < biases.Length; row++)
        {
            for (int column = 0; column < weights.Length; column++)
            {
                model.Parameters[0] = (float)weights[column];
                model.Parameters[1] = (float)biases[row];
                loss[row, column] = Math.Sqrt(model.Evaluate(inputs, targets)) * scale;
            }
        }

        // Batch = every training day, so each step follows the true gradient of L: θ ← θ − η·∇L(θ).
        model.Parameters[0] = Start.W;
        model.Parameters[1] = Start.B;
        var path = new List<(double W, double B)> { (Start.W, Start.B) };
        var pathLoss = new List<double>();
        for (int step = 0; step < Steps; step++)
        {
            float before = model.TrainBatch(inputs, targets, DefaultLearningRate);
            pathLoss.Add(Math.Sqrt(before) * scale);
            path.Add((model.Parameters[0], model.Parameters[1]));
        }

        pathLoss.Add(Math.Sqrt(model.Evaluate(inputs, targets)) * scale);
        return new ErrorSurface(weights, biases, loss, path, pathLoss.ToArray(), DefaultLearningRate);
    }

    private static double[] Grid(double from, double to, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = from + ((to - from) * i / (count - 1));
        }

        return values;
    }
}
