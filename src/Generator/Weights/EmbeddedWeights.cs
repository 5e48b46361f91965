using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNN.Generator.Diagnostics;
using StaticNN.Generator.Helpers;
using StaticNN.Generator.Model;

namespace StaticNN.Generator.Weights;

/// <summary>
/// Trained parameters to compile into a network: each tensor's bytes as the file stores them
/// (little-endian IEEE 754), base64-encoded, in the order of the network's <c>Parameters</c>:
/// layer 1's weights (row-major [outputs × inputs]), its bias, layer 2's weights, and so on.
/// </summary>
/// <param name="FileName">The file's name, for the generated documentation.</param>
/// <param name="Tensors">Two entries per layer, weights then bias, each the base64 of its bytes.</param>
internal sealed record EmbeddedWeights(string FileName, EquatableArray<string> Tensors)
{
    /// <summary>
    /// The most parameters StaticNN compiles in (16 MiB of floats). The generated source spells each
    /// value out, so larger networks load their weights at run time instead.
    /// </summary>
    public const int MaxParameters = 1 << 22;

    /// <summary>
    /// Finds the file that <paramref name="weights"/> names among <paramref name="files"/>, reads it and
    /// checks it against the network: the same rules as the runtime's <c>Load</c> with exact dtypes.
    /// </summary>
    /// <param name="weights">The value of <c>[Network(Weights = …)]</c>.</param>
    /// <param name="files">The project's weights files.</param>
    /// <param name="typeName">The network's name, for messages.</param>
    /// <param name="layers">The network's layers; the declaration must be valid.</param>
    /// <param name="element">The network's element type.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public static WeightsResult Resolve(
        string weights,
        IReadOnlyList<WeightsFileSource> files,
        string typeName,
        IReadOnlyList<LayerSpec> layers,
        ElementKind element,
        CancellationToken cancellationToken)
    {
        long parameterCount = layers.Sum(l => ((long)l.Inputs * l.Outputs) + l.Outputs);
        if (parameterCount > MaxParameters)
        {
            return WeightsResult.Fail(DiagnosticDescriptors.WeightsTooLarge, typeName, Count(parameterCount), Count(MaxParameters));
        }

        WeightsFileSource[] matches = files.Where(f => Names(f.SourcePath, weights)).ToArray();
        if (matches.Length != 1)
        {
            string reason = matches.Length == 0
                ? "is not an AdditionalFiles item of the project; add <AdditionalFiles Include=\"…\" /> naming it (weights files must end in .safetensors)"
                : $"matches {matches.Length} AdditionalFiles items ({string.Join(", ", matches.Select(m => m.SourcePath))}); write more of its path";
            return WeightsResult.Fail(DiagnosticDescriptors.WeightsFileNotFound, weights, reason);
        }

        WeightsFileSource file = matches[0];
        byte[] bytes;
        SafeTensorsHeader header;
        try
        {
            bytes = Convert.FromBase64String(file.Base64);
            header = SafeTensorsHeader.Parse(bytes);
        }
        catch (FormatException)
        {
            return WeightsResult.Fail(DiagnosticDescriptors.WeightsFileInvalid, weights, "the compiler's copy is not the base64 text StaticNN's build step writes; is build/StaticNN.targets imported?");
        }
        catch (WeightsFormatException exception)
        {
            return WeightsResult.Fail(DiagnosticDescriptors.WeightsFileInvalid, weights, exception.Message);
        }

        cancellationToken.ThrowIfCancellationRequested();
        string dtype = element == ElementKind.Double ? "F64" : "F32";
        int size = element == ElementKind.Double ? 8 : 4;
        var byName = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        foreach (SafeTensorsEntry entry in header.Tensors)
        {
            byName[entry.Name] = entry;
        }

        // Check every expected tensor in layer order, so the first difference is the one reported.
        var expected = new List<SafeTensorsEntry>();
        int module = 0;
        for (int k = 0; k < layers.Count; k++)
        {
            LayerSpec layer = layers[k];
            string index = module.ToString(CultureInfo.InvariantCulture);
            module += layer.Activation == ActivationKind.Linear ? 1 : 2;
            foreach ((string name, long[] shape, string what) in new[]
            {
                (index + ".weight", new long[] { layer.Outputs, layer.Inputs }, $"layer {k + 1}'s weights"),
                (index + ".bias", new long[] { layer.Outputs }, $"layer {k + 1}'s bias"),
            })
            {
                if (!byName.TryGetValue(name, out SafeTensorsEntry? entry))
                {
                    return WeightsResult.Fail(DiagnosticDescriptors.WeightsDoNotFit, weights, $"it has no tensor '{name}' ({what}, shape {Shape(shape)}); it has {Names(header)}");
                }

                if (entry.Dtype != dtype)
                {
                    return WeightsResult.Fail(DiagnosticDescriptors.WeightsWrongDtype, weights, name, entry.Dtype, typeName, dtype);
                }

                if (!entry.Shape.SequenceEqual(shape))
                {
                    return WeightsResult.Fail(DiagnosticDescriptors.WeightsDoNotFit, weights, $"tensor '{name}' ({what}) has shape {Shape(entry.Shape)} but the network expects {Shape(shape)}");
                }

                long bytesExpected = shape.Aggregate(1L, (a, b) => a * b) * size;
                if (entry.End - entry.Begin != bytesExpected)
                {
                    return WeightsResult.Fail(DiagnosticDescriptors.WeightsFileInvalid, weights, $"tensor '{name}' has shape {Shape(shape)} of {Count(bytesExpected)} bytes but its data_offsets span {Count(entry.End - entry.Begin)}");
                }

                expected.Add(entry);
            }
        }

        foreach (SafeTensorsEntry entry in header.Tensors)
        {
            if (!expected.Any(e => e.Name == entry.Name))
            {
                return WeightsResult.Fail(DiagnosticDescriptors.WeightsDoNotFit, weights, $"it has a tensor '{entry.Name}' that the network does not; the network expects {string.Join(", ", expected.Select(e => e.Name))}");
            }
        }

        SafeTensorsEntry[] ordered = expected.OrderBy(e => e.Begin).ToArray();
        for (int i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Begin < ordered[i - 1].End)
            {
                return WeightsResult.Fail(DiagnosticDescriptors.WeightsFileInvalid, weights, $"the data of tensors '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap");
            }
        }

        var tensors = new string[expected.Count];
        int nonFinite = 0;
        for (int t = 0; t < expected.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SafeTensorsEntry entry = expected[t];
            int start = header.DataStart + (int)entry.Begin;
            int length = (int)(entry.End - entry.Begin);
            for (int position = start; position < start + length; position += size)
            {
                // The exponent bits all set: an infinity or a NaN.
                bool finite = size == 8
                    ? (bytes[position + 7] & 0x7F) != 0x7F || (bytes[position + 6] & 0xF0) != 0xF0
                    : (bytes[position + 3] & 0x7F) != 0x7F || (bytes[position + 2] & 0x80) != 0x80;
                nonFinite += finite ? 0 : 1;
            }

            tensors[t] = Convert.ToBase64String(bytes, start, length);
        }

        return WeightsResult.Succeed(new EmbeddedWeights(FileNameOf(file.SourcePath), new EquatableArray<string>(tensors)), nonFinite, weights);
    }

    /// <summary>
    /// Whether <paramref name="weights"/> names the file at <paramref name="sourcePath"/>: the whole
    /// path, or a trailing part of it that starts at a folder boundary. Separators and letter case do
    /// not matter, so a project builds the same on Windows and Unix.
    /// </summary>
    internal static bool Names(string sourcePath, string weights)
    {
        string path = Normalize(sourcePath);
        string wanted = Normalize(weights.Trim());
        while (wanted.StartsWith("./", StringComparison.Ordinal))
        {
            wanted = wanted.Substring(2);
        }

        if (wanted.Length == 0)
        {
            return false;
        }

        return string.Equals(path, wanted, StringComparison.OrdinalIgnoreCase)
            || (path.Length > wanted.Length
                && path.EndsWith(wanted, StringComparison.OrdinalIgnoreCase)
                && path[path.Length - wanted.Length - 1] == '/');
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>The file's name, for comments and documentation: control characters (a newline would end a comment) become '?'.</summary>
    private static string FileNameOf(string path)
    {
        string normalized = Normalize(path);
        return new string(normalized.Substring(normalized.LastIndexOf('/') + 1).Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    private static string Names(SafeTensorsHeader header) =>
        header.Tensors.Count == 0 ? "no tensors" : string.Join(", ", header.Tensors.Select(t => t.Name));

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

}

/// <summary>The outcome of <see cref="EmbeddedWeights.Resolve"/>: the weights, or the diagnostic that says why not.</summary>
internal sealed class WeightsResult
{
    private WeightsResult(EmbeddedWeights? weights, int nonFinite, DiagnosticDescriptor? problem, object[] arguments)
    {
        Weights = weights;
        NonFiniteCount = nonFinite;
        Problem = problem;
        Arguments = arguments;
    }

    /// <summary>The weights; null when <see cref="Problem"/> says why they cannot be compiled in.</summary>
    public EmbeddedWeights? Weights { get; }

    /// <summary>How many values are NaN or infinite (they are compiled in as they are).</summary>
    public int NonFiniteCount { get; }

    public DiagnosticDescriptor? Problem { get; }

    /// <summary>The message arguments of <see cref="Problem"/>, or of the non-finite warning.</summary>
    public object[] Arguments { get; }

    public static WeightsResult Fail(DiagnosticDescriptor problem, params object[] arguments) => new(null, 0, problem, arguments);

    public static WeightsResult Succeed(EmbeddedWeights weights, int nonFinite, string weightsPath) =>
        new(weights, nonFinite, null, [weightsPath, nonFinite.ToString("N0", CultureInfo.InvariantCulture)]);
}
