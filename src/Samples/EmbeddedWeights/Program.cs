using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using StaticNN;
using StaticNN.Samples.Births;
using StaticNN.Samples.EmbeddedWeights;
using StaticNN.Training;

// The round trip of weights compiled into the assembly:
//
//   dotnet run --project src/Samples/EmbeddedWeights -- train   trains ViewsModel, saves views.safetensors next to this file
//   dotnet run --project src/Samples/EmbeddedWeights            rebuilds, so EmbeddedViewsModel starts with that file's
//                                                               parameters, and checks it predicts what the file predicts
//
// The second command is also what the shipped views.safetensors gives without training first.
const int PastDays = 7;
BirthsData data = BirthsData.Load(Path.Combine(AppContext.BaseDirectory, "Data", "us-births-2000-2014.csv"));

if (args is ["train", ..])
{
    int epochs = args is [_, "--epochs", string value] ? int.Parse(value, CultureInfo.InvariantCulture) : 40;
    var model = new ViewsModel(seed: 1);
    TrainingResult result = model.Fit(data.Training(PastDays), data.Test(PastDays), new TrainingOptions<float> { Epochs = epochs, BatchSize = 32, LearningRate = 1e-3f, Seed = 1 });
    string path = Path.Combine(SourceFolder(), "views.safetensors");
    model.Save(path);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained {result.Epochs.Count} epochs: L′ = {Births(data, Math.Sqrt(result.Epochs[^1].ValidationLoss ?? double.NaN)):F0} births (RMSE) on {data.TestYear}"));
    Console.WriteLine($"saved {path}");
    Console.WriteLine("now run without 'train': the build compiles the new file into EmbeddedViewsModel");
    return 0;
}

// 1. The compiled-in network: no file is read, the parameters are part of this program.
var embedded = new EmbeddedViewsModel();

// 2. The same file loaded at run time into the plain network, the way it would be without Weights.
var loaded = new ViewsModel();
loaded.Load(Path.Combine(AppContext.BaseDirectory, "views.safetensors"));

Dataset<float> test = data.Test(PastDays);
float[] fromEmbedded = new float[test.Count];
float[] fromLoaded = new float[test.Count];
embedded.ForwardBatch(test.Inputs.Span, fromEmbedded);
loaded.ForwardBatch(test.Inputs.Span, fromLoaded);

int identical = 0;
double squared = 0;
for (int day = 0; day < test.Count; day++)
{
    identical += BitConverter.SingleToUInt32Bits(fromEmbedded[day]) == BitConverter.SingleToUInt32Bits(fromLoaded[day]) ? 1 : 0;
    double error = data.Scale.Invert(fromEmbedded[day]) - data.Scale.Invert(test.Target(day)[0]);
    squared += error * error;
}

Console.WriteLine($"EmbeddedViewsModel: {EmbeddedViewsModel.ParameterCount} parameters compiled in from views.safetensors");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"L′ on {data.TestYear}: {Math.Sqrt(squared / test.Count):F0} births (RMSE over {test.Count} days)"));
Console.WriteLine($"same predictions as the file loaded at run time: {identical} of {test.Count} days bit for bit");
for (int day = 0; day < 3; day++)
{
    DateOnly date = data.Dates[data.FirstTest + day];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {date:yyyy-MM-dd}: predicted {data.Scale.Invert(fromEmbedded[day]),6:F0}, actual {data.Births[data.FirstTest + day],6:F0}"));
}

return identical == test.Count ? 0 : 1;

// Standardized RMSE to births: the scale's standard deviation.
static double Births(BirthsData data, double standardized) => standardized * data.Scale.StandardDeviation;

// The folder of this sample's sources, where the build finds views.safetensors.
static string SourceFolder([CallerFilePath] string path = "") =>
    Path.GetDirectoryName(path) is { } folder && File.Exists(Path.Combine(folder, "EmbeddedWeights.csproj"))
        ? folder
        : throw new InvalidOperationException("Run the sample from its sources (dotnet run --project src/Samples/EmbeddedWeights) to save next to them.");
