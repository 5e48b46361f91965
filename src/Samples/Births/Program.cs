using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using StaticNN.Samples.Births;

// Predict tomorrow's US births from the past 7 days, the lecture's "views" example on real data:
// train on 2000–2013, report the error on 2014, a year the model never saw.
const int Days = BirthsModel.InputSize;
const int Epochs = 30;
const int BatchSize = 32;
const float LearningRate = 0.02f;

string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "Data", "us-births-2000-2014.csv");
var (years, births) = ReadBirths(path);

// Windows of 7 days → the next day; a window belongs to the year of the day it predicts.
int firstTest = years.IndexOf(2014);
var train = Windows(births, Days, Days, firstTest);
var test = Windows(births, Days, firstTest, births.Count);

// Normalise with statistics of the training years only, so 2014 stays unseen.
double mean = 0, variance = 0;
for (int d = 0; d < firstTest; d++)
{
    mean += births[d];
}

mean /= firstTest;
for (int d = 0; d < firstTest; d++)
{
    variance += (births[d] - mean) * (births[d] - mean);
}

double std = Math.Sqrt(variance / firstTest);
Normalise(train, mean, std);
Normalise(test, mean, std);

var model = new BirthsModel(seed: 1);
int samples = train.Targets.Length;
var order = new int[samples];
for (int i = 0; i < samples; i++)
{
    order[i] = i;
}

var batchInputs = new float[BatchSize * Days];
var batchTargets = new float[BatchSize];
var random = new Random(1);
int updates = 0;
var clock = Stopwatch.StartNew();

Console.WriteLine($"US births: {train.Targets.Length} training days (2000–2013), {test.Targets.Length} unseen days (2014).");
Console.WriteLine($"Model: {Days} days → 32 ReLU → 1, {BirthsModel.ParameterCount} parameters; SGD, learning rate {LearningRate}, batch {BatchSize}.");
Console.WriteLine();
Console.WriteLine("epoch  updates  train MSE (normalised)  L  = train MAE  L′ = 2014 MAE (births)");
Report(0);
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    random.Shuffle(order);
    for (int start = 0; start < samples; start += BatchSize)
    {
        int count = Math.Min(BatchSize, samples - start);
        for (int b = 0; b < count; b++)
        {
            int i = order[start + b];
            train.Inputs.AsSpan(i * Days, Days).CopyTo(batchInputs.AsSpan(b * Days, Days));
            batchTargets[b] = train.Targets[i];
        }

        model.TrainBatch(batchInputs.AsSpan(0, count * Days), batchTargets.AsSpan(0, count), LearningRate);
        updates++;
    }

    Report(epoch);
}

Console.WriteLine();
Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F1} s. An epoch over N = {samples} samples with batch B = {BatchSize} is ⌈N/B⌉ = {(samples + BatchSize - 1) / BatchSize} updates.");

void Report(int epoch)
{
    float trainMse = model.Evaluate(train.Inputs, train.Targets);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{epoch,5}  {updates,7}  {trainMse,22:F4}  {MaeInBirths(model, train, std),12:F0}  {MaeInBirths(model, test, std),21:F0}"));
}

static double MaeInBirths(BirthsModel model, Dataset data, double std)
{
    var predictions = new float[data.Targets.Length];
    model.ForwardBatch(data.Inputs, predictions);
    double sum = 0;
    for (int i = 0; i < predictions.Length; i++)
    {
        sum += Math.Abs(predictions[i] - data.Targets[i]);
    }

    return sum / predictions.Length * std;
}

static (List<int> Years, List<double> Births) ReadBirths(string path)
{
    var years = new List<int>();
    var births = new List<double>();
    string[] lines = File.ReadAllLines(path);
    for (int n = 1; n < lines.Length; n++)
    {
        string[] fields = lines[n].Split(',');
        if (fields.Length != 5
            || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int year)
            || !double.TryParse(fields[4], CultureInfo.InvariantCulture, out double count))
        {
            throw new InvalidDataException($"{path}, line {n + 1}: expected 'year,month,date_of_month,day_of_week,births' but got '{lines[n]}'.");
        }

        years.Add(year);
        births.Add(count);
    }

    return (years, births);
}

static Dataset Windows(List<double> series, int days, int firstTarget, int endTarget)
{
    int count = endTarget - firstTarget;
    var inputs = new float[count * days];
    var targets = new float[count];
    for (int i = 0; i < count; i++)
    {
        int target = firstTarget + i;
        for (int d = 0; d < days; d++)
        {
            inputs[(i * days) + d] = (float)series[target - days + d];
        }

        targets[i] = (float)series[target];
    }

    return new Dataset(inputs, targets);
}

static void Normalise(Dataset data, double mean, double std)
{
    for (int i = 0; i < data.Inputs.Length; i++)
    {
        data.Inputs[i] = (float)((data.Inputs[i] - mean) / std);
    }

    for (int i = 0; i < data.Targets.Length; i++)
    {
        data.Targets[i] = (float)((data.Targets[i] - mean) / std);
    }
}

internal sealed record Dataset(float[] Inputs, float[] Targets);
