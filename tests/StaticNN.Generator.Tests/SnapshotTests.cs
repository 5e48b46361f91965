using System;
using System.IO;
using Xunit.Abstractions;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the generator's output for two reference networks is exactly the committed snapshot
/// under <c>Snapshots/</c>, so any change to the emitted code is a reviewed diff (TypedApiTests
/// uses the same check for the shared shapes file). Set <c>STATICNN_BLESS=1</c> to rewrite the
/// snapshots from the current output instead of comparing.
/// </summary>
public sealed class SnapshotTests(ITestOutputHelper output)
{
    private const string BlessVariable = "STATICNN_BLESS";

    public static TheoryData<SampleNetwork> Networks => new(SampleNetworks.Views, SampleNetworks.Digits);

    private static bool Blessing => Environment.GetEnvironmentVariable(BlessVariable) == "1";

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_source_matches_snapshot(SampleNetwork network)
    {
        GeneratorRun run = TestHelper.RunGenerator(network.Source);
        TestHelper.AssertDidNotThrow(run);
        string actual = Assert.Single(run.Sources, s => s.Key == network.HintName).Value;
        AssertMatchesSnapshot(network.Name, actual, output);
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with <c>Snapshots/{name}.g.cs</c>, or with
    /// <c>STATICNN_BLESS=1</c> writes it there instead.
    /// </summary>
    internal static void AssertMatchesSnapshot(string name, string actual, ITestOutputHelper output)
    {
        string snapshotPath = Path.Combine(TestPaths.ProjectDirectory, "Snapshots", name + ".g.cs");
        string receivedPath = Path.Combine(TestPaths.ProjectDirectory, "Snapshots", name + ".received.g.cs");
        if (Blessing)
        {
            File.WriteAllText(snapshotPath, actual);
            File.Delete(receivedPath);
            output.WriteLine($"{BlessVariable}=1: wrote the generated source of {name} to {snapshotPath} instead of comparing.");
            return;
        }

        Assert.True(File.Exists(snapshotPath), $"No snapshot at {snapshotPath}; run the tests once with {BlessVariable}=1 to create it, then review it.");
        string expected = NormalizeLineEndings(File.ReadAllText(snapshotPath));
        actual = NormalizeLineEndings(actual);
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        // Leave the actual output beside the snapshot (git ignores *.received.*) for a diff tool.
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(
            $"The generated source of {name} differs from {snapshotPath}.\n"
            + FirstDifference(expected, actual) + "\n"
            + $"The actual output is in {receivedPath}. If the change is intended, rerun with {BlessVariable}=1 and review the diff.");
    }

    private static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string FirstDifference(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  expected: {e ?? "<end of file>"}\n  actual:   {a ?? "<end of file>"}";
            }
        }

        return "The texts differ only in line endings.";
    }
}
