using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.TestSupport;

namespace StaticNN.Generator.Tests;

/// <summary>One source file of an in-memory compilation.</summary>
/// <param name="Path">The file path the syntax tree reports (also what the generator orders layers by).</param>
/// <param name="Text">The C# source.</param>
internal sealed record SourceFile(string Path, string Text);

/// <summary>What one run of the generator produced.</summary>
/// <param name="Driver">The driver after the run; run it again to test incremental caching.</param>
/// <param name="Result">The run result of the one generator.</param>
/// <param name="OutputCompilation">The input compilation with the generated trees added.</param>
/// <param name="DriverDiagnostics">The diagnostics the driver reported (CS8785 when the generator threw).</param>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorRunResult Result,
    Compilation OutputCompilation,
    ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>The hint name of the one file that holds the fixed-size vector types of all networks.</summary>
    public const string ShapesHintName = "StaticNN.Shapes.g.cs";

    /// <summary>The generated network classes, keyed by hint name (the shared shapes file excluded).</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.Where(s => s.HintName != ShapesHintName).ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>The shared <c>StaticNN.Shapes</c> file, or null when no network has a typed API.</summary>
    public string? Shapes =>
        Result.GeneratedSources.Where(s => s.HintName == ShapesHintName).Select(s => s.SourceText.ToString()).SingleOrDefault();
}

/// <summary>
/// Builds in-memory compilations that reference the runtime (StaticNN.dll), runs
/// <see cref="NetworkGenerator"/> on them with step tracking on, and runs every StaticNN analyzer.
/// </summary>
internal static class TestHelper
{
    /// <summary>The parse options of every tree, user-written or generated.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(RuntimeReferences.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> LazyAnalyzers = new(CreateAnalyzers, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every trusted platform assembly of the test process, plus StaticNN.dll.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A new instance of every public, non-abstract <see cref="DiagnosticAnalyzer"/> in the generator assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => LazyAnalyzers.Value;

    /// <summary>The generator assembly's public analyzer types.</summary>
    public static IEnumerable<Type> AnalyzerTypes =>
        typeof(NetworkGenerator).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>Creates a library compilation of the given sources (named <c>Source0.cs</c>, <c>Source1.cs</c>, …).</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(sources.Select((text, index) => new SourceFile($"Source{index}.cs", text)).ToArray());

    /// <summary>Creates a library compilation of the given files: latest C#, nullable enabled, all references.</summary>
    public static CSharpCompilation CreateCompilation(params SourceFile[] files) =>
        CSharpCompilation.Create(
            "StaticNNGeneratorTestInput",
            files.Select(f => Parse(f)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Parses one file with <see cref="ParseOptions"/>.</summary>
    public static SyntaxTree Parse(SourceFile file) =>
        CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path);

    /// <summary>A new driver for <see cref="NetworkGenerator"/> that tracks the steps of its pipeline.</summary>
    public static GeneratorDriver CreateDriver() => CreateDriver(new AnalyzerOptions([]));

    /// <summary>A new tracking driver that sees the additional files and their options in <paramref name="options"/>.</summary>
    public static GeneratorDriver CreateDriver(AnalyzerOptions options) =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            options.AdditionalFiles,
            ParseOptions,
            options.AnalyzerConfigOptionsProvider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on <paramref name="compilation"/>, with a new driver or after a previous run.</summary>
    public static GeneratorRun RunGenerator(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult runResult = driver.GetRunResult();
        GeneratorRunResult result = Assert.Single(runResult.Results);
        return new GeneratorRun(driver, result, output, diagnostics);
    }

    /// <summary>Runs the generator on the given sources and returns its run.</summary>
    public static GeneratorRun RunGenerator(params string[] sources) => RunGenerator(CreateCompilation(sources));

    /// <summary>
    /// Asserts the generator ran to the end: it threw nothing, and the driver reported nothing
    /// (in particular not CS8785, "generator failed").
    /// </summary>
    public static void AssertDidNotThrow(GeneratorRun run)
    {
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Result.Diagnostics);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.Empty(run.DriverDiagnostics);
    }

    /// <summary>Runs every StaticNN analyzer on <paramref name="compilation"/> and returns what they report, in source order.</summary>
    public static ImmutableArray<Diagnostic> RunAnalyzers(Compilation compilation) => RunAnalyzers(compilation, new AnalyzerOptions([]));

    /// <summary>Runs every StaticNN analyzer with <paramref name="analyzerOptions"/> (additional files and their options).</summary>
    public static ImmutableArray<Diagnostic> RunAnalyzers(Compilation compilation, AnalyzerOptions analyzerOptions)
    {
        var options = new CompilationWithAnalyzersOptions(
            analyzerOptions,
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
        ImmutableArray<Diagnostic> all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();

        // AD0001 is how the driver reports an analyzer that threw: a test must see it, not lose it.
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        return withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    /// <summary>The source text a diagnostic points at.</summary>
    public static string LocatedText(Diagnostic diagnostic)
    {
        SyntaxTree tree = diagnostic.Location.SourceTree
            ?? throw new InvalidOperationException($"{diagnostic.Id} has no source location: {diagnostic}");
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    /// <summary>Replaces the text of the tree at <paramref name="path"/> with <paramref name="text"/>, keeping its options.</summary>
    public static Compilation ReplaceFile(Compilation compilation, string path, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));
    }

    private static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers()
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = AnalyzerTypes
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.NotEmpty(analyzers);
        return analyzers;
    }
}

/// <summary>Finds the test project's and the repository's directories on disk.</summary>
internal static class TestPaths
{
    private const string ProjectFileName = "StaticNN.Generator.Tests.csproj";

    /// <summary>The directory of this project's sources (where <c>Snapshots/</c> lives).</summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    /// <summary>The repository root: the directory holding <c>staticnn.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindUp(ProjectDirectory, "staticnn.sln")
        ?? throw new InvalidOperationException($"No staticnn.sln above {ProjectDirectory}.");

    private static string FindProjectDirectory([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        // The path of this file as compiled; fall back to searching up from the test binaries
        // when the build mapped source paths (a deterministic CI build may).
        string? fromSource = Path.GetDirectoryName(thisFile);
        if (fromSource is not null && File.Exists(Path.Combine(fromSource, ProjectFileName)))
        {
            return fromSource;
        }

        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar)))
        {
            string candidate = Path.Combine(directory, "tests", "StaticNN.Generator.Tests");
            if (File.Exists(Path.Combine(candidate, ProjectFileName)))
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(directory, ProjectFileName)))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"Cannot find {ProjectFileName} from '{thisFile}' or '{AppContext.BaseDirectory}'.");
    }

    private static string? FindUp(string start, string fileName)
    {
        for (string? directory = start; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, fileName)))
            {
                return directory;
            }
        }

        return null;
    }
}
