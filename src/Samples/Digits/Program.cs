using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using StaticNN.Samples;
using StaticNN.Samples.Digits;

// Handwritten digits: 784 pixels → 100 ReLU → 10 classes, trained on 8,000 MNIST images and
// tested on 2,000 others. Prints the test accuracy after every epoch, a confusion matrix, and
// draws the test digits the network gets wrong. With no arguments it runs with the defaults.
var epochs = new Option<int>("--epochs")
{
    Description = "Passes over the training images.",
    DefaultValueFactory = _ => DigitsRun.Options.Default.Epochs,
    CustomParser = OptionValues.PositiveInteger,
};

var learningRate = new Option<float>("--learning-rate", "--lr")
{
    Description = "Adam's step size η.",
    DefaultValueFactory = _ => DigitsRun.Options.Default.LearningRate,
    CustomParser = OptionValues.PositiveNumber,
};

var batchSize = new Option<int>("--batch-size")
{
    Description = "Images per update.",
    DefaultValueFactory = _ => DigitsRun.Options.Default.BatchSize,
    CustomParser = OptionValues.PositiveInteger,
};

var data = new Option<DirectoryInfo>("--data")
{
    Description = "A folder with images-idx3-ubyte.gz and labels-idx1-ubyte.gz (MNIST's IDX format, plain or gzip); the last 2,000 images are the test set. Default: the MNIST 10k shipped with the sample.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "Data", "mnist-10k")),
};
data.AcceptExistingOnly();

var output = new Option<DirectoryInfo>("--output", "-o")
{
    Description = "The folder for results.md and misclassified.png; created if needed.",
    DefaultValueFactory = _ => new DirectoryInfo("digits-output"),
};

var root = new RootCommand("Trains a 784 → 100 ReLU → 10 network, declared at compile time, on handwritten digits and reports its accuracy on digits it never saw.")
{
    epochs,
    learningRate,
    batchSize,
    data,
    output,
};

root.SetAction(parsed => DigitsRun.Execute(new DigitsRun.Options(
    parsed.GetValue(epochs),
    parsed.GetValue(learningRate),
    parsed.GetValue(batchSize),
    parsed.GetValue(data)!.FullName,
    parsed.GetValue(output)!.FullName)));

return root.Parse(args).Invoke();
