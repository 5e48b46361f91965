using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StaticNN.Generator;
using StaticNN.TestSupport;

namespace StaticNN.CodeFixes.Tests;

/// <summary>
/// Runs a code fix the way an IDE does, without Microsoft.CodeAnalysis.Testing: one document in an
/// <see cref="AdhocWorkspace"/> project that references the runtime, the generator's output added
/// as further documents (the call-site diagnostics need the generated members), the diagnostics
/// of every StaticNN analyzer, then the provider's code action applied to the solution.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>The path of the document under test.</summary>
    public const string DocumentPath = "Test.cs";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(RuntimeReferences.Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every trusted platform assembly of the test process, plus StaticNN.dll once.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A new instance of every public, non-abstract analyzer in the generator assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers()
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(NetworkGenerator).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.NotEmpty(analyzers);
        return analyzers;
    }

    /// <summary>
    /// Creates a workspace project holding <paramref name="source"/> as <see cref="DocumentPath"/>
    /// and, as further documents, what the generator produces for it; returns the document.
    /// </summary>
    public static async Task<Document> CreateDocumentAsync(string source)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                name: "CodeFixTest",
                assemblyName: "CodeFixTest",
                language: LanguageNames.CSharp,
                compilationOptions: CompilationOptions,
                parseOptions: ParseOptions,
                metadataReferences: References))
            .AddDocument(documentId, DocumentPath, SourceText.From(source), filePath: DocumentPath);

        Compilation compilation = (await solution.GetProject(projectId)!.GetCompilationAsync().ConfigureAwait(false))!;
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGenerators(compilation);
        GeneratorRunResult result = Assert.Single(driver.GetRunResult().Results);
        Assert.Null(result.Exception);
        foreach (GeneratedSourceResult generated in result.GeneratedSources)
        {
            string path = Path.Combine("Generated", generated.HintName);
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), generated.HintName, generated.SourceText, filePath: path);
        }

        return solution.GetDocument(documentId)!;
    }

    /// <summary>Runs every StaticNN analyzer on the document's project and returns what they report in the document, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Document document) =>
        (await AnalyzeAsync(document).ConfigureAwait(false)).AnalyzerDiagnostics;

    /// <summary>
    /// Compiles the document's project (the generated documents included) with every StaticNN
    /// analyzer, in one pass: what the analyzers report in the document, in source order, and the
    /// compiler's errors anywhere in the project.
    /// </summary>
    public static async Task<(ImmutableArray<Diagnostic> AnalyzerDiagnostics, ImmutableArray<Diagnostic> CompilerErrors)> AnalyzeAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
        ImmutableArray<DiagnosticAnalyzer> analyzers = CreateAnalyzers();
        var analyzerIds = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(analyzers, new AnalyzerOptions([]));
        ImmutableArray<Diagnostic> all = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);

        // AD0001 is an analyzer that threw: a test must see it, not lose it.
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        SyntaxTree tree = (await document.GetSyntaxTreeAsync().ConfigureAwait(false))!;
        ImmutableArray<Diagnostic> reported = all
            .Where(d => analyzerIds.Contains(d.Id) && d.Location.SourceTree == tree)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
        ImmutableArray<Diagnostic> errors = all
            .Where(d => !analyzerIds.Contains(d.Id) && d.Severity == DiagnosticSeverity.Error)
            .ToImmutableArray();
        return (reported, errors);
    }

    /// <summary>
    /// Analyzes <paramref name="source"/>, asserts it has exactly one diagnostic <paramref name="id"/>,
    /// and returns the code actions <paramref name="provider"/> registers for it.
    /// </summary>
    public static async Task<(Document Document, Diagnostic Diagnostic, IReadOnlyList<CodeAction> Actions)> GetFixesAsync(
        string source, CodeFixProvider provider, string id)
    {
        Assert.Contains(id, provider.FixableDiagnosticIds);
        Document document = await CreateDocumentAsync(source).ConfigureAwait(false);
        ImmutableArray<Diagnostic> diagnostics = await GetAnalyzerDiagnosticsAsync(document).ConfigureAwait(false);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return (document, diagnostic, actions);
    }

    /// <summary>Applies the one code action <paramref name="provider"/> offers for diagnostic <paramref name="id"/> and returns the new text of the document.</summary>
    public static async Task<(string Text, string Title)> ApplyFixAsync(string source, CodeFixProvider provider, string id)
    {
        (Document document, _, IReadOnlyList<CodeAction> actions) = await GetFixesAsync(source, provider, id).ConfigureAwait(false);
        CodeAction action = Assert.Single(actions);
        string text = await ApplyAsync(document, action).ConfigureAwait(false);
        return (text, action.Title);
    }

    /// <summary>Applies a code action's solution change and returns the new text of <paramref name="document"/>.</summary>
    public static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        ApplyChangesOperation apply = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations));
        Document changed = apply.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync().ConfigureAwait(false)).ToString();
    }

    /// <summary>
    /// Asserts <paramref name="fixedSource"/>, analyzed from scratch (its generated code regenerated),
    /// no longer has diagnostic <paramref name="id"/>, has no other StaticNN error, and compiles.
    /// </summary>
    public static async Task AssertFixedAsync(string fixedSource, string id)
    {
        Document document = await CreateDocumentAsync(fixedSource).ConfigureAwait(false);
        (ImmutableArray<Diagnostic> diagnostics, ImmutableArray<Diagnostic> errors) = await AnalyzeAsync(document).ConfigureAwait(false);
        Assert.DoesNotContain(diagnostics, d => d.Id == id);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(errors.IsEmpty, "The fixed source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())) + "\n" + fixedSource);
    }
}
