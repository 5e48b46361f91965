using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StaticNN.Generator.Weights;

/// <summary>
/// A weights file as the compiler sees it. The compiler reads additional files as text, so StaticNN's
/// build step (build/StaticNN.targets in the package) replaces each <c>.safetensors</c>
/// <c>AdditionalFiles</c> item with a base64 copy of its bytes, tagged with the original's path.
/// </summary>
/// <param name="SourcePath">The full path of the original <c>.safetensors</c> file.</param>
/// <param name="Base64">The file's bytes in base64, possibly broken into lines.</param>
internal sealed record WeightsFileSource(string SourcePath, string Base64)
{
    /// <summary>The item metadata the build step sets, as the compiler exposes it in analyzer config options.</summary>
    public const string SourceMetadataKey = "build_metadata.AdditionalFiles.StaticNNWeightsSource";

    /// <summary>Returns the weights file behind <paramref name="file"/>, or null when it is not one.</summary>
    public static WeightsFileSource? TryRead(AdditionalText file, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue(SourceMetadataKey, out string? source) || string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        // An unreadable file (the compiler reports why) is kept as empty, which fails as "not base64"
        // at the attribute rather than as "not found".
        string text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new WeightsFileSource(source.Trim(), text);
    }
}
