using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StaticNN.Generator.Declarations;

/// <summary>
/// Finds the length of a buffer argument when the compiler can know it: an array created with a
/// constant size or an initializer, a <c>stackalloc</c>, a collection expression without spreads,
/// and a <see langword="readonly"/> field or a never-reassigned local initialised that way.
/// </summary>
internal static class KnownLength
{
    public static int? Of(IOperation operation, CancellationToken cancellationToken) => Of(operation, followVariables: true, cancellationToken);

    private static int? Of(IOperation operation, bool followVariables, CancellationToken cancellationToken)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IConversionOperation { Operand.Type: IArrayTypeSymbol })
        {
            operation = ((IConversionOperation)operation).Operand;
        }

        switch (operation)
        {
            case IArrayCreationOperation { DimensionSizes.Length: 1 } array:
                if (array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int size })
                {
                    return size;
                }

                return array.Initializer?.ElementValues.Length;

            case ICollectionExpressionOperation collection when !collection.Elements.Any(e => e is ISpreadOperation):
                return collection.Elements.Length;

            case IFieldReferenceOperation { Field: { IsReadOnly: true } field } when followVariables && !IsAssignedInConstructor(field, cancellationToken):
                return OfInitializer(operation.SemanticModel, field.DeclaringSyntaxReferences, cancellationToken);

            case ILocalReferenceOperation { Local: { IsRef: false } local } when followVariables && !IsReassigned(operation, local, cancellationToken):
                return OfInitializer(operation.SemanticModel, local.DeclaringSyntaxReferences, cancellationToken);
        }

        return OfStackAlloc(operation.Syntax, operation.SemanticModel, cancellationToken);
    }

    private static int? OfStackAlloc(SyntaxNode syntax, SemanticModel? model, CancellationToken cancellationToken)
    {
        switch (syntax)
        {
            case StackAllocArrayCreationExpressionSyntax { Type: ArrayTypeSyntax type } stackAlloc:
                if (type.RankSpecifiers.Count == 1 && type.RankSpecifiers[0].Sizes.Count == 1
                    && type.RankSpecifiers[0].Sizes[0] is not OmittedArraySizeExpressionSyntax
                    && model?.GetConstantValue(type.RankSpecifiers[0].Sizes[0], cancellationToken) is { HasValue: true, Value: int size })
                {
                    return size;
                }

                return stackAlloc.Initializer?.Expressions.Count;

            case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                return implicitStackAlloc.Initializer.Expressions.Count;
        }

        return null;
    }

    /// <summary>The length of a variable's initializer, when it is in the tree the model covers.</summary>
    private static int? OfInitializer(SemanticModel? model, System.Collections.Immutable.ImmutableArray<SyntaxReference> declarations, CancellationToken cancellationToken)
    {
        if (model is null || declarations.Length != 1
            || declarations[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value }
            || value.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(value, cancellationToken) is { } initializer
            ? Of(initializer, followVariables: false, cancellationToken)
            : OfStackAlloc(value, model, cancellationToken);
    }

    /// <summary>
    /// Whether the field's initial array may be replaced: a readonly field can be assigned in a
    /// constructor or an <c>init</c> accessor of its type, by assignment, deconstruction or a
    /// <c>ref</c>/<c>out</c> argument. Any mention of the field's name in those bodies counts,
    /// judged by name alone, so the check errs toward not reporting.
    /// </summary>
    private static bool IsAssignedInConstructor(IFieldSymbol field, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode member in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (member is ConstructorDeclarationSyntax or AccessorDeclarationSyntax { Keyword.ValueText: "init" }
                    && member.DescendantNodes().OfType<IdentifierNameSyntax>().Any(name => name.Identifier.ValueText == field.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the local is written anywhere after its declaration (assigned, or passed by ref or out).</summary>
    private static bool IsReassigned(IOperation reference, ILocalSymbol local, CancellationToken cancellationToken)
    {
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (IOperation operation in root.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, local))
            {
                switch (other.Parent)
                {
                    case IAssignmentOperation assignment when assignment.Target == other:
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                    case IDeconstructionAssignmentOperation:
                    case ITupleOperation { Parent: IDeconstructionAssignmentOperation }:
                    case IIncrementOrDecrementOperation:
                        return true;
                }

                // `ref local` anywhere (a ref alias, a ref argument) lets the array be replaced unseen.
                if (other.Syntax.Parent is RefExpressionSyntax)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
