using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Diagnostics;
using StaticNN.Generator.Diagnostics.Analyzers;
using StaticNN.Generator.Helpers;
using StaticNN.Generator.Model;
using StaticNN.Generator.Weights;

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
                || NetworkValidation.HasErrors(declaration)
                || type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax { Identifier.IsMissing: true }))
            {
                // Invalid declarations are the analyzers' to report; a class without a name is the compiler's.
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new NetworkSpec(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                ContainingTypes: new EquatableArray<ContainingTypeSpec>(ContainingTypes(type)),
                TypeKeyword: type.IsRecord ? "record" : "class",
                TypeName: Identifier(type.Name),
                HintName: HintName(type),
                Element: Element(declaration),
                Loss: (LossKind)declaration.LossValue!.Value,
                Layers: new EquatableArray<LayerSpec>(Layers(declaration)),
                Constructors: Constructors(type, cancellationToken),
                Optimizer: Optimizer(declaration),
                IsPublic: IsVisibleOutsideAssembly(type),
                WeightsPath: declaration.NamedArgument("Weights")?.Value as string,
                Weights: null);
        }

        /// <summary>The layers of a declaration that has no errors.</summary>
        internal static LayerSpec[] Layers(NetworkDeclaration declaration) =>
            declaration.Layers
                .Select(l => new LayerSpec(l.Inputs!.Value, l.Outputs!.Value, (ActivationKind)l.Activation!.Value))
                .ToArray();

        /// <summary>The element type of a declaration that has no errors.</summary>
        internal static ElementKind Element(NetworkDeclaration declaration) =>
            ElementTypeAnalyzer.ElementSpecialType(declaration.ElementTypeArgument) == SpecialType.System_Double
                ? ElementKind.Double
                : ElementKind.Float;

        /// <summary>
        /// Gives <paramref name="spec"/> the trained parameters its <c>Weights</c> names; null when they
        /// cannot be compiled in (the weights analyzer reports why), so that no network silently starts
        /// from random parameters in place of the ones asked for.
        /// </summary>
        public static NetworkSpec? AttachWeights(NetworkSpec spec, ImmutableArray<WeightsFileSource> files, CancellationToken cancellationToken)
        {
            if (spec.WeightsPath is not { } path)
            {
                return spec;
            }

            WeightsResult result = EmbeddedWeights.Resolve(path, files, spec.TypeName, spec.Layers, spec.Element, cancellationToken);
            return result.Weights is { } weights ? spec with { Weights = weights } : null;
        }

        /// <summary>
        /// Which constructors to add: <c>()</c> and <c>(int seed)</c>, each unless the user wrote one with
        /// that signature, and neither for a type with a primary constructor (every other constructor
        /// would have to call it, with arguments only the user knows).
        /// </summary>
        private static GeneratedConstructors Constructors(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null }))
            {
                return GeneratedConstructors.None;
            }

            GeneratedConstructors constructors = GeneratedConstructors.Parameterless | GeneratedConstructors.Seed;
            foreach (IMethodSymbol constructor in type.InstanceConstructors)
            {
                if (constructor.IsImplicitlyDeclared)
                {
                    continue;
                }

                if (constructor.Parameters.Length == 0)
                {
                    constructors &= ~GeneratedConstructors.Parameterless;
                }
                else if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32)
                {
                    constructors &= ~GeneratedConstructors.Seed;
                }
            }

            return constructors;
        }

        private static OptimizerSpec Optimizer(NetworkDeclaration declaration)
        {
            OptimizerSpec defaults = OptimizerSpec.Default;
            double Setting(string name, double fallback) => declaration.NamedArgument(name)?.Value is double value ? value : fallback;
            return new OptimizerSpec(
                declaration.NamedArgument("Optimizer")?.Value is int kind ? (OptimizerKind)kind : defaults.Kind,
                Setting("Momentum", defaults.Momentum),
                Setting("Beta1", defaults.Beta1),
                Setting("Beta2", defaults.Beta2),
                Setting("Epsilon", defaults.Epsilon));
        }

        private static bool IsVisibleOutsideAssembly(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Writes a name so that it compiles even when it is a keyword (a type declared as <c>@event</c>).</summary>
        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

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
                    ? Identifier(outer.Name)
                    : Identifier(outer.Name) + "<" + string.Join(", ", outer.TypeParameters.Select(p => Identifier(p.Name))) + ">";
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
