using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using StaticNN.Samples;
using StaticNN.Samples.Births;

// Predict tomorrow's US births from the past days, the lecture's "views" example on real data:
// train on 2000–2013, measure the error L′ on 2014, a year the models never saw, and compare
// linear models, wider and deeper networks in one table. With no arguments it runs everything.
//
// What to look for: L, the error on the training years, says how well a model fits what it was
// shown; L′, the error on 2014, says whether it learned the pattern of births or the years by
// heart, and only L′ matters for forecasting. A gap that widens between them is overfitting.
var experiment = new Option<string>("--experiment", "-e")
{
    Description = "Which rows of the table to train: linear (past 1/7/28/56 days), hidden (one hidden layer of 10/100/1000, sigmoid vs ReLU), deep (1–4 hidden layers of 100 ReLU) or all.",
    DefaultValueFactory = _ => "all",
};
experiment.AcceptOnlyFromAmong("linear", "hidden", "deep", "all");

var epochs = new Option<int?>("--epochs")
{
    Description = $"Passes over the training years, for every model (default: {Experiment.Default.Epochs}).",
    CustomParser = result => OptionValues.PositiveInteger(result),
};

var learningRate = new Option<float?>("--learning-rate", "--lr")
{
    Description = string.Create(CultureInfo.InvariantCulture, $"Adam's step size η, for every model (default: {Experiment.Default.LearningRate})."),
    CustomParser = result => OptionValues.PositiveNumber(result),
};

var batchSize = new Option<int?>("--batch-size")
{
    Description = $"Days per update, for every model (default: {Experiment.Default.BatchSize}).",
    CustomParser = result => OptionValues.PositiveInteger(result),
};

var data = new Option<FileInfo>("--data")
{
    Description = "A CSV with columns year, month, date_of_month and births, one line per consecutive day; its last year is held out. Default: the US births 2000–2014 shipped with the sample.",
    DefaultValueFactory = _ => new FileInfo(Path.Combine(AppContext.BaseDirectory, "Data", "us-births-2000-2014.csv")),
};
data.AcceptExistingOnly();

var output = new Option<DirectoryInfo>("--output", "-o")
{
    Description = "The folder for results.md and the PNG figures; created if needed.",
    DefaultValueFactory = _ => new DirectoryInfo("births-output"),
};

var root = new RootCommand("Predicts tomorrow's US births from the past days with networks declared at compile time, and prints L and L′ (mean absolute errors in births) for each.")
{
    experiment,
    epochs,
    learningRate,
    batchSize,
    data,
    output,
};

root.SetAction(parsed => BirthsRun.Execute(new BirthsRun.Options(
    parsed.GetValue(experiment)!,
    parsed.GetValue(epochs),
    parsed.GetValue(learningRate),
    parsed.GetValue(batchSize),
    parsed.GetValue(data)!.FullName,
    parsed.GetValue(output)!.FullName)));

return root.Parse(args).Invoke();
