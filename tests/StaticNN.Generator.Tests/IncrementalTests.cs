using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the pipeline is incremental: an edit that does not touch a network leaves every tracked
/// step Cached or Unchanged (so nothing is re-emitted), and an edit to a network's sizes makes
/// the Networks step Modified and changes the generated text.
/// </summary>
public sealed class IncrementalTests
{
    private const string NetworkPath = "Network.cs";
    private const string OtherPath = "Other.cs";

    private const string NetworkSource = """
        using StaticNN;

        namespace Views;

        /// <summary>Predicts page views.</summary>
        [Network(Loss.Mse)]
        [Dense(56, 100, Activation.ReLU)]
        [Dense(100, 1)]
        public partial class ViewsModel
        {
        }

        /// <summary>Not a network.</summary>
        public static class Helper
        {
            /// <summary>Something unrelated.</summary>
            public static int Value() => 1;
        }
        """;

    private const string OtherSource = """
        namespace Unrelated;

        /// <summary>Not a network.</summary>
        public sealed class Other
        {
            /// <summary>Something unrelated.</summary>
            public int Compute(int x) => x + 1;
        }
        """;

    public enum UnrelatedEdit
    {
        AddFile,
        EditMethodBodyInOtherFile,
        EditMethodBodyInNetworkFile,
        AddMemberToNetworkClassFile,
    }

    /// <summary>The names NetworkGeneratorStepNames declares, found by reflection so a new step is covered too.</summary>
    private static string[] TrackedStepNames { get; } = typeof(NetworkGeneratorStepNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Step_names_include_the_parse_networks_and_shapes_steps()
    {
        Assert.Subset(TrackedStepNames.ToHashSet(), new HashSet<string> { "StaticNN.Parse", "StaticNN.Networks", "StaticNN.Shapes" });
    }

    [Theory]
    [InlineData(UnrelatedEdit.AddFile)]
    [InlineData(UnrelatedEdit.EditMethodBodyInOtherFile)]
    [InlineData(UnrelatedEdit.EditMethodBodyInNetworkFile)]
    [InlineData(UnrelatedEdit.AddMemberToNetworkClassFile)]
    public void Unrelated_edit_leaves_every_step_cached_or_unchanged(UnrelatedEdit edit)
    {
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile(NetworkPath, NetworkSource), new SourceFile(OtherPath, OtherSource));
        GeneratorRun first = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(first);
        Assert.Equal(["Views.ViewsModel.g.cs"], first.Sources.Keys);

        Compilation edited = edit switch
        {
            UnrelatedEdit.AddFile => compilation.AddSyntaxTrees(TestHelper.Parse(new SourceFile("Added.cs", "namespace Unrelated; internal static class Added { }"))),
            UnrelatedEdit.EditMethodBodyInOtherFile => TestHelper.ReplaceFile(compilation, OtherPath, Changed(OtherSource, "x + 1", "x * 2")),
            UnrelatedEdit.EditMethodBodyInNetworkFile => TestHelper.ReplaceFile(compilation, NetworkPath, Changed(NetworkSource, "Value() => 1", "Value() => 42")),
            UnrelatedEdit.AddMemberToNetworkClassFile => TestHelper.ReplaceFile(compilation, NetworkPath, Changed(NetworkSource, "public static int Value() => 1;", "public static int Value() => 1;\n\n    /// <summary>New.</summary>\n    public static int Other() => 2;")),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };
        GeneratorRun second = TestHelper.RunGenerator(edited, first.Driver);
        TestHelper.AssertDidNotThrow(second);

        foreach (string name in TrackedStepNames)
        {
            ImmutableArray<IncrementalGeneratorRunStep> steps = StepsNamed(second.Result, name);
            var outputs = steps.SelectMany(s => s.Outputs).ToArray();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {name} has an output with reason {o.Reason} after an unrelated edit ({edit})."));
        }

        // And the source-output step did not rewrite the file.
        Assert.All(second.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"The output step has reason {o.Reason} after an unrelated edit ({edit})."));
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Changing_a_layer_size_modifies_the_networks_step_and_the_source()
    {
        Compilation compilation = TestHelper.CreateCompilation(new SourceFile(NetworkPath, NetworkSource), new SourceFile(OtherPath, OtherSource));
        GeneratorRun first = TestHelper.RunGenerator(compilation);

        string resized = Changed(Changed(NetworkSource, "[Dense(56, 100, Activation.ReLU)]", "[Dense(56, 80, Activation.ReLU)]"), "[Dense(100, 1)]", "[Dense(80, 1)]");
        GeneratorRun second = TestHelper.RunGenerator(TestHelper.ReplaceFile(compilation, NetworkPath, resized), first.Driver);
        TestHelper.AssertDidNotThrow(second);

        var outputs = StepsNamed(second.Result, NetworkGeneratorStepNames.Networks).SelectMany(s => s.Outputs).ToArray();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);

        string before = first.Sources["Views.ViewsModel.g.cs"];
        string after = second.Sources["Views.ViewsModel.g.cs"];
        Assert.NotEqual(before, after);
        Assert.Contains("Dense 56→100", before, StringComparison.Ordinal);
        Assert.Contains("Dense 56→80", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Dense 56→100", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_one_network_leaves_the_other_network_cached()
    {
        Compilation compilation = TestHelper.CreateCompilation(
            new SourceFile(NetworkPath, NetworkSource),
            new SourceFile("Digits.cs", SampleNetworks.Digits.Source));
        GeneratorRun first = TestHelper.RunGenerator(compilation);
        Assert.Equal(2, first.Sources.Count);

        string resized = Changed(NetworkSource, "[Dense(100, 1)]", "[Dense(100, 2)]");
        GeneratorRun second = TestHelper.RunGenerator(TestHelper.ReplaceFile(compilation, NetworkPath, resized), first.Driver);
        TestHelper.AssertDidNotThrow(second);

        IncrementalStepRunReason[] reasons = StepsNamed(second.Result, NetworkGeneratorStepNames.Networks)
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToArray();
        Assert.Equal(2, reasons.Length);
        Assert.Single(reasons, r => r == IncrementalStepRunReason.Modified);
        Assert.Single(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Equal(first.Sources[SampleNetworks.Digits.HintName], second.Sources[SampleNetworks.Digits.HintName]);
        Assert.NotEqual(first.Sources["Views.ViewsModel.g.cs"], second.Sources["Views.ViewsModel.g.cs"]);
    }

    private static ImmutableArray<IncrementalGeneratorRunStep> StepsNamed(GeneratorRunResult result, string name)
    {
        Assert.True(result.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps), $"No tracked step named {name}; tracked: {string.Join(", ", result.TrackedSteps.Keys)}.");
        Assert.NotEmpty(steps);
        return steps;
    }

    /// <summary>Replaces <paramref name="oldText"/>, which must occur exactly once, with <paramref name="newText"/>.</summary>
    private static string Changed(string source, string oldText, string newText)
    {
        int index = source.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(index >= 0 && source.IndexOf(oldText, index + 1, StringComparison.Ordinal) < 0, $"'{oldText}' must occur exactly once.");
        return source.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
