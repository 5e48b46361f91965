using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNN.Generator.Diagnostics;

namespace StaticNN.CodeFixes;

/// <summary>Fixes SNN0006 by setting the layer's inputs to the previous layer's outputs.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LayerInputsCodeFixProvider)), Shared]
public sealed class LayerInputsCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["SNN0006"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan) is not { } node
                || node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { } argument
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.ExpectedLength, out string? expected)
                || !int.TryParse(expected, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int inputs))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Change the layer's inputs to {expected}, the previous layer's outputs",
                    _ =>
                    {
                        ExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(inputs))
                            .WithTriviaFrom(argument.Expression);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal)));
                    },
                    equivalenceKey: nameof(LayerInputsCodeFixProvider)),
                diagnostic);
        }
    }
}
