using System.Collections.Immutable;
using System.Globalization;

namespace StaticNN.Generator.Diagnostics;

/// <summary>
/// Values a diagnostic carries for its code fix, so the fix applies exactly what the analyzer
/// computed instead of recomputing it.
/// </summary>
public static class DiagnosticProperties
{
    /// <summary>The key of the length (or size) the wrong argument should have, as an invariant-culture integer.</summary>
    public const string ExpectedLength = "ExpectedLength";

    internal static ImmutableDictionary<string, string?> WithExpectedLength(long length) =>
        ImmutableDictionary<string, string?>.Empty.Add(ExpectedLength, length.ToString(CultureInfo.InvariantCulture));
}
