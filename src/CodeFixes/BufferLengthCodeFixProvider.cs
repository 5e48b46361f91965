using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNN.Generator.Diagnostics;

namespace StaticNN.CodeFixes;

/// <summary>
/// Fixes SNN0017, SNN0019 and SNN0020 at a call site by changing the size of the array or
/// <c>stackalloc</c> written in the argument to the length the network expects. Buffers given by
/// an initializer list keep their values, so they get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BufferLengthCodeFixProvider)), Shared]
public sealed class BufferLengthCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["SNN0017", "SNN0019", "SNN0020"];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } node
                || node.FirstAncestorOrSelf<ArgumentSyntax>() is not { } argument
                || SizeExpression(argument.Expression) is not { } size
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.ExpectedLength, out string? expected)
                || !int.TryParse(expected, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int length))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Change the length to {expected}",
                    _ =>
                    {
                        ExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(length))
                            .WithTriviaFrom(size);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(size, literal)));
                    },
                    equivalenceKey: nameof(BufferLengthCodeFixProvider)),
                diagnostic);
        }
    }

    /// <summary>The size in <c>new T[size]</c> or <c>stackalloc T[size]</c>, when the array has no initializer.</summary>
    private static ExpressionSyntax? SizeExpression(ExpressionSyntax expression)
    {
        ArrayTypeSyntax? type = expression switch
        {
            ArrayCreationExpressionSyntax { Initializer: null } array => array.Type,
            StackAllocArrayCreationExpressionSyntax { Initializer: null, Type: ArrayTypeSyntax stackType } => stackType,
            _ => null,
        };

        return type?.RankSpecifiers.FirstOrDefault() is { Sizes.Count: 1 } rank && rank.Sizes[0] is not OmittedArraySizeExpressionSyntax
            ? rank.Sizes[0]
            : null;
    }
}
