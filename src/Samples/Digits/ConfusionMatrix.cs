using System.Globalization;
using System.Text;

namespace StaticNN.Samples.Digits;

/// <summary>
/// How often each true digit (row) was predicted as each digit (column). The diagonal holds the
/// correct answers; everything off it is a mistake, and the largest off-diagonal counts show
/// which digits the network confuses (4 and 9, 3 and 5, 7 and 2 are the usual suspects).
/// </summary>
/// <param name="classes">The number of classes.</param>
public sealed class ConfusionMatrix(int classes)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly int[,] _counts = new int[classes, classes];

    /// <summary>Gets the number of samples of <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="truth">The true class.</param>
    /// <param name="predicted">The predicted class.</param>
    public int this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>Counts one sample.</summary>
    /// <param name="truth">Its true class.</param>
    /// <param name="predicted">The class the network chose.</param>
    public void Add(int truth, int predicted) => _counts[truth, predicted]++;

    /// <summary>The matrix as aligned text, with each row's recall (the share of that digit recognised).</summary>
    /// <returns>Lines of text.</returns>
    public string Text()
    {
        var text = new StringBuilder();
        text.Append("true ↓  predicted →");
        text.AppendLine();
        text.Append("      ");
        for (int p = 0; p < classes; p++)
        {
            text.Append(Invariant, $"{p,5}");
        }

        text.AppendLine("   recall");
        for (int t = 0; t < classes; t++)
        {
            text.Append(Invariant, $"{t,5} ");
            for (int p = 0; p < classes; p++)
            {
                text.Append(Invariant, $"{_counts[t, p],5}");
            }

            text.AppendLine(Invariant, $"  {Recall(t),6:P1}");
        }

        return text.ToString();
    }

    /// <summary>The matrix as a Markdown table, the correct counts in bold.</summary>
    /// <returns>The table.</returns>
    public string Markdown()
    {
        var md = new StringBuilder("| true ↓ / predicted → |");
        for (int p = 0; p < classes; p++)
        {
            md.Append(Invariant, $" {p} |");
        }

        md.AppendLine(" recall |");
        md.Append("|---:|");
        for (int p = 0; p <= classes; p++)
        {
            md.Append("---:|");
        }

        md.AppendLine();
        for (int t = 0; t < classes; t++)
        {
            md.Append(Invariant, $"| **{t}** |");
            for (int p = 0; p < classes; p++)
            {
                string count = _counts[t, p].ToString(Invariant);
                md.Append(t == p ? $" **{count}** |" : $" {count} |");
            }

            md.AppendLine(Invariant, $" {Recall(t):P1} |");
        }

        return md.ToString();
    }

    private double Recall(int truth)
    {
        int total = 0;
        for (int p = 0; p < classes; p++)
        {
            total += _counts[truth, p];
        }

        return total == 0 ? 0 : (double)_counts[truth, truth] / total;
    }
}
