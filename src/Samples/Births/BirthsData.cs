using System;
using System.IO;
using StaticNN.Data;
using StaticNN.Training;

namespace StaticNN.Samples.Births;

/// <summary>
/// The daily births series, split the lecture's way: the last year of the file (2014 in the shipped
/// data) is the unseen year the error L′ is measured on; every earlier year is for training.
/// </summary>
/// <remarks>
/// Every model predicts the same days, whatever N past days it reads: training targets start on
/// the day after the first <see cref="MaxPastDays"/> days of the file (so the 56-day models have a
/// full window) and end on the last day before the unseen year; L′ covers every day of the unseen
/// year. A sample belongs to the year of the day it predicts, so the first days of 2014 are
/// predicted from days of 2013, which is what a forecaster on 1 January would do.
/// </remarks>
public sealed class BirthsData
{
    /// <summary>The longest window of past days any model reads.</summary>
    public const int MaxPastDays = 56;

    private readonly float[] _standardized;

    private BirthsData(string path, DateOnly[] dates, double[] births, int firstTest)
    {
        Path = path;
        Dates = dates;
        Births = births;
        FirstTest = firstTest;

        // Statistics of the training years only: nothing about the unseen year leaks into training.
        Scale = Standardizer.Fit<double>(births.AsSpan(0, firstTest));
        _standardized = Array.ConvertAll(births, b => (float)b);
        Scale.Apply<float>(_standardized);
    }

    /// <summary>Gets the file the data came from.</summary>
    public string Path { get; }

    /// <summary>Gets the date of every day, oldest first.</summary>
    public DateOnly[] Dates { get; }

    /// <summary>Gets the births of every day.</summary>
    public double[] Births { get; }

    /// <summary>Gets the index of the first day of the unseen year.</summary>
    public int FirstTest { get; }

    /// <summary>Gets the first day every model is trained to predict.</summary>
    public int FirstTrainingTarget => MaxPastDays;

    /// <summary>Gets the mean and standard deviation of the training years' births.</summary>
    public Standardizer Scale { get; }

    /// <summary>Gets the unseen year.</summary>
    public int TestYear => Dates[FirstTest].Year;

    /// <summary>Gets the first training year.</summary>
    public int FirstYear => Dates[0].Year;

    /// <summary>Gets the number of training samples, the same for every model.</summary>
    public int TrainingCount => FirstTest - FirstTrainingTarget;

    /// <summary>Gets the number of unseen days.</summary>
    public int TestCount => Dates.Length - FirstTest;

    /// <summary>
    /// Reads a CSV with the columns <c>year</c>, <c>month</c>, <c>date_of_month</c> and <c>births</c>,
    /// one line per consecutive day.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The series.</returns>
    /// <exception cref="InvalidDataException">The file lacks a column, its days are not consecutive, or it is too short to split.</exception>
    public static BirthsData Load(string path)
    {
        double[][] columns = Csv.ReadColumns(path, "year", "month", "date_of_month", "births");
        double[] births = columns[3];
        var dates = new DateOnly[births.Length];
        for (int d = 0; d < dates.Length; d++)
        {
            try
            {
                dates[d] = new DateOnly((int)columns[0][d], (int)columns[1][d], (int)columns[2][d]);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new InvalidDataException($"{path}, line {d + 2}: '{columns[0][d]}-{columns[1][d]}-{columns[2][d]}' is not a date.");
            }

            if (d > 0 && dates[d] != dates[d - 1].AddDays(1))
            {
                throw new InvalidDataException($"{path}, line {d + 2}: expected one line per consecutive day, but {dates[d]:yyyy-MM-dd} follows {dates[d - 1]:yyyy-MM-dd}.");
            }
        }

        if (dates.Length == 0)
        {
            throw new InvalidDataException($"{path}: the file has no days.");
        }

        int testYear = dates[^1].Year;
        int firstTest = Array.FindIndex(dates, date => date.Year == testYear);
        if (firstTest <= MaxPastDays)
        {
            throw new InvalidDataException(
                $"{path}: expected more than {MaxPastDays} days before {testYear}, the last year, which is held out for L′, but there are {firstTest}.");
        }

        return new BirthsData(path, dates, births, firstTest);
    }

    /// <summary>The training samples of a model that reads <paramref name="pastDays"/> days, standardized.</summary>
    /// <param name="pastDays">N, from 1 to <see cref="MaxPastDays"/>.</param>
    /// <returns>Inputs N values each, targets 1 value each.</returns>
    public Dataset<float> Training(int pastDays) => Windows(pastDays, FirstTrainingTarget, FirstTest);

    /// <summary>The samples of the unseen year for a model that reads <paramref name="pastDays"/> days, standardized.</summary>
    /// <param name="pastDays">N, from 1 to <see cref="MaxPastDays"/>.</param>
    /// <returns>Inputs N values each, targets 1 value each.</returns>
    public Dataset<float> Test(int pastDays) => Windows(pastDays, FirstTest, Dates.Length);

    private Dataset<float> Windows(int pastDays, int firstTarget, int endTarget)
    {
        var (inputs, targets) = TimeSeries.Windows<float>(_standardized, pastDays, firstTarget, endTarget);
        return new Dataset<float>(inputs, targets, pastDays, 1);
    }
}
