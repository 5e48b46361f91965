using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.TestSupport;

/// <summary>
/// The metadata references of an in-memory compilation that uses StaticNN: every trusted platform
/// assembly of the test process, plus StaticNN.dll exactly once. Linked into the test projects that
/// compile code with Roslyn.
/// </summary>
internal static class RuntimeReferences
{
    public static ImmutableArray<MetadataReference> Load()
    {
        string runtimePath = typeof(DenseAttribute).Assembly.Location;
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set.");

        // StaticNN.dll is usually trusted too; leave that copy out so it is referenced exactly once.
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !string.Equals(Path.GetFileName(path), Path.GetFileName(runtimePath), StringComparison.OrdinalIgnoreCase))
            .Append(runtimePath)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
