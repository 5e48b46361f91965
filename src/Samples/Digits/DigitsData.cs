using System.IO;
using StaticNN.Data;
using StaticNN.Training;

namespace StaticNN.Samples.Digits;

/// <summary>
/// Handwritten digits from MNIST's IDX files, split once: the last <see cref="TestCount"/> images are
/// the test set the network never trains on; all the others are for training.
/// </summary>
public sealed class DigitsData
{
    /// <summary>The number of images held out for testing.</summary>
    public const int TestCount = 2000;

    /// <summary>The number of classes, the digits 0 to 9.</summary>
    public const int Classes = 10;

    private DigitsData(Dataset<float> training, Dataset<float> test, int rows, int columns)
    {
        Training = training;
        Test = test;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Gets the training images (pixels in [0, 1], row-major) and their one-hot labels.</summary>
    public Dataset<float> Training { get; }

    /// <summary>Gets the test images and their one-hot labels.</summary>
    public Dataset<float> Test { get; }

    /// <summary>Gets the height of an image in pixels.</summary>
    public int Rows { get; }

    /// <summary>Gets the width of an image in pixels.</summary>
    public int Columns { get; }

    /// <summary>Reads <c>images-idx3-ubyte.gz</c> and <c>labels-idx1-ubyte.gz</c> (or the same names without <c>.gz</c>).</summary>
    /// <param name="folder">The folder that holds them.</param>
    /// <returns>The training and test sets.</returns>
    /// <exception cref="InvalidDataException">A file is damaged, the counts differ, or there are too few images.</exception>
    public static DigitsData Load(string folder)
    {
        IdxData images = Idx.Read(Find(folder, "images-idx3-ubyte"));
        IdxData labels = Idx.Read(Find(folder, "labels-idx1-ubyte"));
        if (images.Dimensions.Length != 3)
        {
            throw new InvalidDataException($"{folder}: expected images of rows × columns pixels, but the images file has {images.Dimensions.Length} dimensions.");
        }

        if (labels.Count != images.Count)
        {
            throw new InvalidDataException($"{folder}: expected one label per image, but there are {images.Count} images and {labels.Count} labels.");
        }

        if (images.Count <= TestCount)
        {
            throw new InvalidDataException($"{folder}: expected more than {TestCount} images, {TestCount} of them for testing, but there are {images.Count}.");
        }

        // Pixels divided by 255 into [0, 1]; each label becomes ten targets, 1 for its digit and 0 elsewhere.
        var all = new Dataset<float>(images.ToValues<float>(), labels.ToOneHot<float>(Classes), images.ItemSize, Classes);
        int trainingCount = images.Count - TestCount;
        return new DigitsData(all.Slice(0, trainingCount), all.Slice(trainingCount, TestCount), images.Dimensions[1], images.Dimensions[2]);
    }

    private static string Find(string folder, string name)
    {
        string gzip = Path.Combine(folder, name + ".gz");
        return File.Exists(gzip) ? gzip : Path.Combine(folder, name);
    }
}
