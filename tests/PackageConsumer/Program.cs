using StaticNN;
using StaticNN.Training;

// Learns XOR with a network generated from the package's analyzer, then prints what it predicts.
var model = new XorModel(seed: 1);
float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [1, 0, 0, 1, 0, 1, 1, 0];
var data = new Dataset<float>(inputs, targets, XorModel.InputSize, XorModel.OutputSize);
TrainingResult result = model.Fit(data, data, new TrainingOptions<float> { Epochs = 300, BatchSize = 4, LearningRate = 0.05f });

Console.WriteLine($"parameters {XorModel.ParameterCount}, epochs {result.Epochs.Count}, accuracy {result.Epochs[^1].ValidationAccuracy:F2}");
var probabilities = new float[2];
for (int s = 0; s < 4; s++)
{
    model.Forward(inputs.AsSpan(2 * s, 2), probabilities);
    Console.WriteLine($"{inputs[2 * s]} xor {inputs[(2 * s) + 1]} -> {(probabilities[1] > 0.5f ? 1 : 0)}");
}

/// <summary>XOR as a two-class problem.</summary>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(2, 8, Activation.Tanh)]
[Dense(8, 2)]
public partial class XorModel
{
}
