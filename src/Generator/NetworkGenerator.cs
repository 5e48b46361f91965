using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Model;

namespace StaticNN.Generator;

/// <summary>
/// Generates a network's forward pass, backward pass and update from the <c>[Dense]</c> and
/// <c>[Network]</c> attributes on a partial class. Declarations with mistakes produce no code;
/// the analyzers in <c>Diagnostics/</c> report those mistakes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Find every class declaration that carries [Dense] and parse it into an equatable model
        //    (null for a declaration the analyzers reject).
        IncrementalValuesProvider<NetworkSpec?> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.DenseMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.ValueText: not "struct" },
                transform: static (attributeContext, cancellationToken) => Parser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(NetworkGeneratorStepNames.Parse);

        // 2. Keep the networks that can be compiled.
        IncrementalValuesProvider<NetworkSpec> networks = parsed
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(NetworkGeneratorStepNames.Networks);

        // 3. Write one source file per network.
        context.RegisterSourceOutput(networks, static (outputContext, spec) =>
            outputContext.AddSource(spec.HintName, Emitter.Emit(spec)));
    }
}
