using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Diagnostics;
using StaticNN.Generator.Diagnostics.Analyzers;
using StaticNN.Generator.Helpers;
using StaticNN.Generator.Model;

namespace StaticNN.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Turns a class's attributes into a <see cref="NetworkSpec"/>, or null when they cannot be compiled.</summary>
    internal static class Parser
    {
        public static NetworkSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || NetworkDeclaration.Read(type, cancellationToken) is not { } declaration
                || NetworkValidation.HasErrors(declaration))
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var layers = declaration.Layers
                .Select(l => new LayerSpec(l.Inputs!.Value, l.Outputs!.Value, (ActivationKind)l.Activation!.Value))
                .ToArray();
            ElementKind element = ElementTypeAnalyzer.ElementSpecialType(declaration.ElementTypeArgument) == SpecialType.System_Double
                ? ElementKind.Double
                : ElementKind.Float;

            return new NetworkSpec(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                ContainingTypes: new EquatableArray<ContainingTypeSpec>(ContainingTypes(type)),
                TypeKeyword: type.IsRecord ? "record" : "class",
                TypeName: type.Name,
                HintName: HintName(type),
                Element: element,
                Loss: (LossKind)declaration.LossValue!.Value,
                Layers: new EquatableArray<LayerSpec>(layers));
        }

        private static ContainingTypeSpec[] ContainingTypes(INamedTypeSymbol type)
        {
            var types = new List<ContainingTypeSpec>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                string keyword = outer switch
                {
                    { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                    { IsRecord: true } => "record",
                    { TypeKind: TypeKind.Struct } => "struct",
                    { TypeKind: TypeKind.Interface } => "interface",
                    _ => "class",
                };
                string name = outer.TypeParameters.IsEmpty
                    ? outer.Name
                    : outer.Name + "<" + string.Join(", ", outer.TypeParameters.Select(p => p.Name)) + ">";
                types.Insert(0, new ContainingTypeSpec(keyword, name));
            }

            return types.ToArray();
        }

        /// <summary>A file name unique per type: the namespace and type path, with generic arity kept.</summary>
        private static string HintName(INamedTypeSymbol type)
        {
            var builder = new StringBuilder();
            foreach (char c in type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)))
            {
                builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
            }

            return builder.Append(".g.cs").ToString();
        }
    }
}
