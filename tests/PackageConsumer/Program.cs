using StaticNN;
using StaticNN.Training;

float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
var probabilities = new float[2];

// `embedded`: print what a network with compiled-in weights (EmbeddedXorModel, which the test adds
// once xor.safetensors exists) predicts, to compare with what the trained network printed.
if (args is ["embedded"])
{
    var embedded = (INetwork<float>)Activator.CreateInstance(Type.GetType("EmbeddedXorModel", throwOnError: true)!)!;
    PrintProbabilities(embedded);
    return;
}

// Learns XOR with a network generated from the package's analyzer, then prints what it predicts.
var model = new XorModel(seed: 1);
float[] targets = [1, 0, 0, 1, 0, 1, 1, 0];
var data = new Dataset<float>(inputs, targets, XorModel.InputSize, XorModel.OutputSize);
TrainingResult result = model.Fit(data, data, new TrainingOptions<float> { Epochs = 300, BatchSize = 4, LearningRate = 0.05f });

Console.WriteLine($"parameters {XorModel.ParameterCount}, epochs {result.Epochs.Count}, accuracy {result.Epochs[^1].ValidationAccuracy:F2}");
for (int s = 0; s < 4; s++)
{
    model.Forward(inputs.AsSpan(2 * s, 2), probabilities);
    Console.WriteLine($"{inputs[2 * s]} xor {inputs[(2 * s) + 1]} -> {(probabilities[1] > 0.5f ? 1 : 0)}");
}

PrintProbabilities(model);
model.Save("xor.safetensors");

void PrintProbabilities(INetwork<float> network)
{
    for (int s = 0; s < 4; s++)
    {
        network.Forward(inputs.AsSpan(2 * s, 2), probabilities);
        Console.WriteLine($"p({inputs[2 * s]}, {inputs[(2 * s) + 1]}) = {BitConverter.SingleToUInt32Bits(probabilities[1]):X8}");
    }
}

/// <summary>XOR as a two-class problem.</summary>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
[Dense(2, 8, Activation.Tanh)]
[Dense(8, 2)]
public partial class XorModel
{
}
