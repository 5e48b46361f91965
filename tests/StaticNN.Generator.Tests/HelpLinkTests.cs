using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves every diagnostic the analyzers declare links to its own help page,
/// <c>docs/diagnostics/{ID}.md</c>, and that the page exists in the repository.
/// </summary>
public sealed class HelpLinkTests
{
    public static TheoryData<string> DiagnosticIds => new(Descriptors.Select(d => d.Id));

    private static DiagnosticDescriptor[] Descriptors { get; } = TestHelper.Analyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .DistinctBy(d => d.Id)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void The_analyzers_declare_at_least_SNN0001_to_SNN0016_each_once()
    {
        Assert.Subset(Descriptors.Select(d => d.Id).ToHashSet(), Enumerable.Range(1, 16).Select(i => $"SNN{i:D4}").ToHashSet());
        Assert.All(Descriptors, d => Assert.Matches("^SNN[0-9]{4}$", d.Id));

        // One descriptor per ID: no two analyzers declare the same ID with different texts.
        var all = TestHelper.Analyzers.SelectMany(a => a.SupportedDiagnostics).ToArray();
        Assert.All(all.GroupBy(d => d.Id), g => Assert.Single(g.Distinct()));
        Assert.Subset(
            TestHelper.AnalyzerTypes.Select(t => t.Name).ToHashSet(),
            new HashSet<string> { "CrossEntropyAnalyzer", "ElementTypeAnalyzer", "EnumValueAnalyzer", "LayerPlacementAnalyzer", "LayerShapeAnalyzer", "NetworkTypeAnalyzer" });
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Help_link_ends_with_the_diagnostics_page(string id)
    {
        DiagnosticDescriptor descriptor = Descriptors.Single(d => d.Id == id);
        Assert.EndsWith($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(descriptor.HelpLinkUri, UriKind.Absolute), $"'{descriptor.HelpLinkUri}' is not an absolute URI.");
        Assert.Equal("StaticNN", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Help_page_exists_in_docs(string id)
    {
        string page = Path.Combine(TestPaths.RepositoryRoot, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no help page at {page}.");
        Assert.Contains(id, File.ReadAllText(page), StringComparison.Ordinal);
    }
}
