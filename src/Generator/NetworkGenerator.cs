using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNN.Generator.Declarations;
using StaticNN.Generator.Helpers;
using StaticNN.Generator.Model;
using StaticNN.Generator.Weights;

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
        IncrementalValuesProvider<NetworkSpec> valid = parsed
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(NetworkGeneratorStepNames.Networks);

        // 3. Read the weights files the build step made from the project's .safetensors AdditionalFiles,
        //    and give each network with [Network(Weights = …)] its trained parameters (dropping it when
        //    they do not fit; the weights analyzer reports why).
        IncrementalValueProvider<ImmutableArray<WeightsFileSource>> weightsFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => WeightsFileSource.TryRead(pair.Left, pair.Right.GetOptions(pair.Left), cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .Collect();
        IncrementalValuesProvider<NetworkSpec> networks = valid
            .Combine(weightsFiles)
            .Select(static (pair, cancellationToken) => Parser.AttachWeights(pair.Left, pair.Right, cancellationToken))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(NetworkGeneratorStepNames.Weights);

        // 4. Write one source file per network.
        context.RegisterSourceOutput(networks, static (outputContext, spec) =>
            outputContext.AddSource(spec.HintName, Emitter.Emit(spec)));

        // 5. Gather the fixed-size input and output types all networks use, one per element type and size.
        IncrementalValueProvider<EquatableArray<ShapeSpec>> shapes = networks
            .SelectMany(static (spec, _) => ShapeSpec.Of(spec))
            .Collect()
            .Select(static (all, _) => ShapeSpec.Merge(all))
            .WithTrackingName(NetworkGeneratorStepNames.Shapes);

        // 6. Write them into one file, so that networks whose sizes match share a type.
        context.RegisterSourceOutput(shapes, static (outputContext, all) =>
        {
            if (all.Count > 0)
            {
                outputContext.AddSource("StaticNN.Shapes.g.cs", ShapesEmitter.Emit(all));
            }
        });
    }
}
