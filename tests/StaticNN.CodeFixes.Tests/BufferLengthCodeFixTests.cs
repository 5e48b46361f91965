using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace StaticNN.CodeFixes.Tests;

/// <summary>
/// Proves BufferLengthCodeFixProvider rewrites the size of the array or <c>stackalloc</c> written
/// in the argument SNN0017, SNN0019 or SNN0020 points at to the length the diagnostic carries,
/// leaves every other argument alone, offers nothing where the buffer's values are written out
/// (an initializer or a collection expression) or the buffer is not created in the argument, and
/// that the error is then gone.
/// </summary>
public sealed class BufferLengthCodeFixTests
{
    /// <summary>56 → 8 (ReLU) → 2: InputSize 56, OutputSize 2.</summary>
    private const string Template = """
        using System;
        using StaticNN;

        namespace Fixes;

        /// <summary>A network.</summary>
        [Dense(56, 8, Activation.ReLU)]
        [Dense(8, 2)]
        public partial class Model
        {
        }

        /// <summary>Calls the network.</summary>
        public static class Calls
        {
            private static readonly float[] ReadonlyInput = new float[55];

            /// <summary>The call under test.</summary>
            public static void Run(Model model)
            {
                BODY
            }
        }
        """;

    private readonly BufferLengthCodeFixProvider _provider = new();

    [Fact]
    public void Fixes_exactly_SNN0017_SNN0019_and_SNN0020()
    {
        Assert.Equal(["SNN0017", "SNN0019", "SNN0020"], _provider.FixableDiagnosticIds.ToArray());
    }

    [Theory]
    [InlineData("SNN0017", "model.Forward(new float[55], new float[2]);", "model.Forward(new float[56], new float[2]);", "56")]
    [InlineData("SNN0017", "model.Forward(new float[57], new float[2]);", "model.Forward(new float[56], new float[2]);", "56")]
    [InlineData("SNN0017", "model.Forward(stackalloc float[55], new float[2]);", "model.Forward(stackalloc float[56], new float[2]);", "56")]
    [InlineData("SNN0017", "model.Forward(new float[ 55 ], new float[2]);", "model.Forward(new float[ 56 ], new float[2]);", "56")]
    [InlineData("SNN0017", "model.Forward(output: new float[2], input: new float[55]);", "model.Forward(output: new float[2], input: new float[56]);", "56")]
    [InlineData("SNN0017", "const int N = 55;\nmodel.Forward(new float[N], new float[2]);", "const int N = 55;\nmodel.Forward(new float[56], new float[2]);", "56")]
    [InlineData("SNN0019", "model.Backward(new float[112], new float[3]);", "model.Backward(new float[112], new float[4]);", "4")]
    [InlineData("SNN0019", "model.TrainBatch(new float[168], stackalloc float[5], 0.1f);", "model.TrainBatch(new float[168], stackalloc float[6], 0.1f);", "6")]
    [InlineData("SNN0019", "model.Evaluate(new float[56], new float[0]);", "model.Evaluate(new float[56], new float[2]);", "2")]
    [InlineData("SNN0019", "model.Backward(targets: new float[3], inputs: new float[56]);", "model.Backward(targets: new float[2], inputs: new float[56]);", "2")]
    [InlineData("SNN0020", "model.Forward(new float[56], new float[1]);", "model.Forward(new float[56], new float[2]);", "2")]
    [InlineData("SNN0020", "model.Forward(new float[56], stackalloc float[1]);", "model.Forward(new float[56], stackalloc float[2]);", "2")]
    [InlineData("SNN0020", "model.ForwardBatch(new float[112], new float[3]);", "model.ForwardBatch(new float[112], new float[4]);", "4")]
    [InlineData("SNN0020", "model.ForwardBatch(new float[168], stackalloc float[0]);", "model.ForwardBatch(new float[168], stackalloc float[6]);", "6")]
    public async Task Buffer_size_becomes_the_expected_length(string id, string body, string fixedBody, string length)
    {
        (string actual, string title) = await CodeFixHarness.ApplyFixAsync(Source(body), _provider, id);
        Assert.Equal(Source(fixedBody), actual);
        Assert.Equal($"Change the length to {length}", title);
        await CodeFixHarness.AssertFixedAsync(actual, id);
    }

    [Fact]
    public async Task Input_and_output_both_wrong_are_fixed_one_at_a_time()
    {
        string source = Source("model.Forward(new float[55], new float[1]);");

        (string outputFixed, _) = await CodeFixHarness.ApplyFixAsync(source, _provider, "SNN0020");
        Assert.Equal(Source("model.Forward(new float[55], new float[2]);"), outputFixed);

        (string bothFixed, _) = await CodeFixHarness.ApplyFixAsync(outputFixed, _provider, "SNN0017");
        Assert.Equal(Source("model.Forward(new float[56], new float[2]);"), bothFixed);
        await CodeFixHarness.AssertFixedAsync(bothFixed, "SNN0017");
    }

    [Theory]
    [InlineData("SNN0017", "model.Forward(new float[] { 1f, 2f }, new float[2]);")]
    [InlineData("SNN0017", "model.Forward(new float[2] { 1f, 2f }, new float[2]);")]
    [InlineData("SNN0017", "model.Forward(stackalloc float[2] { 1f, 2f }, new float[2]);")]
    [InlineData("SNN0017", "model.Forward(new[] { 1f, 2f }, new float[2]);")]
    [InlineData("SNN0017", "model.Forward(stackalloc float[] { 1f, 2f }, new float[2]);")]
    [InlineData("SNN0017", "model.Forward(stackalloc[] { 1f, 2f }, new float[2]);")]
    [InlineData("SNN0017", "model.Forward([1f, 2f], new float[2]);")]
    [InlineData("SNN0017", "model.Forward([], new float[2]);")]
    [InlineData("SNN0017", "var sample = new float[55];\nmodel.Forward(sample, new float[2]);")]
    [InlineData("SNN0017", "model.Forward(ReadonlyInput, new float[2]);")]
    [InlineData("SNN0019", "model.Backward(new float[56], [1f]);")]
    [InlineData("SNN0020", "model.Forward(new float[56], new float[] { 0f });")]
    public async Task No_fix_for_a_buffer_whose_size_is_not_written_in_the_argument(string id, string body)
    {
        (_, Diagnostic diagnostic, IReadOnlyList<CodeAction> actions) = await CodeFixHarness.GetFixesAsync(Source(body), _provider, id);
        Assert.True(diagnostic.Properties.ContainsKey("ExpectedLength"), "The diagnostic carries the length, so only the argument's form stops the fix.");
        Assert.Empty(actions);
    }

    [Fact]
    public async Task Fix_all_in_document_fixes_every_call()
    {
        string source = Source("model.Forward(new float[55], new float[2]);\nmodel.Forward(stackalloc float[54], new float[1]);\nmodel.Backward(new float[112], new float[3]);");
        Document document = await CodeFixHarness.CreateDocumentAsync(source);
        ImmutableArray<Diagnostic> diagnostics = await CodeFixHarness.GetAnalyzerDiagnosticsAsync(document);
        Assert.Equal(["SNN0017", "SNN0017", "SNN0020", "SNN0019"], diagnostics.Select(d => d.Id));

        FixAllProvider fixAll = Assert.IsAssignableFrom<FixAllProvider>(_provider.GetFixAllProvider());
        var context = new FixAllContext(
            document,
            _provider,
            FixAllScope.Document,
            nameof(BufferLengthCodeFixProvider),
            _provider.FixableDiagnosticIds,
            new KnownDiagnostics(diagnostics),
            CancellationToken.None);
        CodeAction action = Assert.IsAssignableFrom<CodeAction>(await fixAll.GetFixAsync(context));
        string actual = await CodeFixHarness.ApplyAsync(document, action);

        Assert.Equal(Source("model.Forward(new float[56], new float[2]);\nmodel.Forward(stackalloc float[56], new float[2]);\nmodel.Backward(new float[112], new float[4]);"), actual);
        await CodeFixHarness.AssertFixedAsync(actual, "SNN0017");
    }

    /// <summary>The template with <paramref name="body"/> (lines separated by \n) as the body of Run.</summary>
    private static string Source(string body) =>
        Template.Replace("BODY", body.Replace("\n", "\n        ", StringComparison.Ordinal), StringComparison.Ordinal);

    /// <summary>Gives the fix-all engine the diagnostics the analyzers reported.</summary>
    private sealed class KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
