using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNN.Generator.Declarations;

namespace StaticNN.Generator.Diagnostics.Analyzers;

/// <summary>Checks that <c>ElementType</c> is <c>typeof(float)</c> or <c>typeof(double)</c>. Reports SNN0010.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ElementTypeAnalyzer : NetworkAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.UnsupportedElementType,
    ];

    /// <summary>Returns the special type an <c>ElementType</c> argument names, or null when it names none.</summary>
    internal static SpecialType? ElementSpecialType(TypedConstant? argument) =>
        argument is null ? SpecialType.System_Single
        : argument.Value.Value is ITypeSymbol type ? type.SpecialType
        : null;

    internal override void Analyze(NetworkDeclaration network, Action<Diagnostic> report)
    {
        TypedConstant? argument = network.ElementTypeArgument;
        if (ElementSpecialType(argument) is SpecialType.System_Single or SpecialType.System_Double)
        {
            return;
        }

        string shown = argument is { Value: ITypeSymbol type } ? type.ToDisplayString() : "null";
        Location location = AttributeSyntaxHelper.PropertyLocation(network.NetworkSyntax, "ElementType") ?? network.NetworkLocation;
        report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedElementType, location, shown));
    }
}
