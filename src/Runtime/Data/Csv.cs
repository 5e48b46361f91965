using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNN.Data;

/// <summary>
/// Reads numeric columns from a CSV file with a header line: comma-separated, fields optionally
/// in double quotes (a quote inside a quoted field written twice), numbers in the invariant
/// culture. Blank lines are skipped.
/// </summary>
public static class Csv
{
    /// <summary>Reads one column.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="column">The column's name in the header.</param>
    /// <returns>One value per data line, in file order.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header lacks the column, or a line has the wrong number of fields or a value that is not a number; the message names the file and the line.</exception>
    public static double[] ReadColumn(string path, string column) => ReadColumns(path, column)[0];

    /// <summary>Reads several columns in one pass.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns' names in the header.</param>
    /// <returns>One array per requested column, in the order requested, each with one value per data line.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The header lacks a column, or a line has the wrong number of fields or a value that is not a number; the message names the file and the line.</exception>
    public static double[][] ReadColumns(string path, params string[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            throw new ArgumentException("Expected at least one column name but got none.", nameof(columns));
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CSV file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new InvalidDataException($"{path}: the file is empty; expected a header line naming the columns.");
        }

        List<string> names = SplitLine(header, path, 1);
        int[] positions = new int[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            positions[c] = names.IndexOf(columns[c]);
            if (positions[c] < 0)
            {
                throw new InvalidDataException($"{path}, line 1: expected a column named '{columns[c]}' but the header has {string.Join(", ", names.ConvertAll(n => $"'{n}'"))}.");
            }
        }

        var values = new List<double>[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            values[c] = [];
        }

        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            List<string> fields = SplitLine(line, path, lineNumber);
            if (fields.Count != names.Count)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: expected {names.Count} fields, as in the header, but got {fields.Count}.");
            }

            for (int c = 0; c < columns.Length; c++)
            {
                string field = fields[positions[c]].Trim();
                if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    throw new InvalidDataException($"{path}, line {lineNumber}: expected a number in column '{columns[c]}' but got '{field}'.");
                }

                values[c].Add(value);
            }
        }

        return Array.ConvertAll(values, v => v.ToArray());
    }

    private static List<string> SplitLine(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{path}, line {lineNumber}: a quoted field is not closed.");
        }

        fields.Add(field.ToString());
        return fields;
    }
}
