using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNN.Generator.Declarations;

/// <summary>
/// A class's network attributes as written, read once from its symbol. The generator's parser and
/// every analyzer start from this, so they agree on what a declaration says. It holds compiler
/// objects and lives only during one analysis; it never enters the generator's cached model.
/// </summary>
internal sealed class NetworkDeclaration
{
    private NetworkDeclaration(INamedTypeSymbol type, AttributeData? network, AttributeSyntax? networkSyntax, ImmutableArray<DenseDeclaration> layers)
    {
        Type = type;
        Network = network;
        NetworkSyntax = networkSyntax;
        Layers = layers;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The first <c>[Network]</c> attribute, if any.</summary>
    public AttributeData? Network { get; }

    public AttributeSyntax? NetworkSyntax { get; }

    /// <summary>The <c>[Dense]</c> attributes in source order.</summary>
    public ImmutableArray<DenseDeclaration> Layers { get; }

    /// <summary>The number of type declarations (partial parts) whose attribute lists hold <c>[Dense]</c>.</summary>
    public int DeclarationsWithLayers =>
        Layers.Select(l => l.Syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>()).Where(d => d is not null).Distinct().Count();

    /// <summary>The loss value as written (possibly outside the enum), or 0 (Mse) by default.</summary>
    public int? LossValue =>
        Network is null ? 0
        : Network.AttributeConstructor is null || Network.ConstructorArguments.Length != 1 ? null
        : Network.ConstructorArguments[0].Value as int?;

    /// <summary>The element type named by <c>ElementType = typeof(…)</c>; null when not written.</summary>
    public TypedConstant? ElementTypeArgument => NamedArgument("ElementType");

    /// <summary>The value of the named argument <c>{name} = …</c> of <c>[Network]</c>; null when not written.</summary>
    public TypedConstant? NamedArgument(string name)
    {
        if (Network is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, TypedConstant> argument in Network.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value;
            }
        }

        return null;
    }

    public Location NetworkLocation => NetworkSyntax?.GetLocation() ?? TypeLocation;

    /// <summary>The identifier of the class's first declaration.</summary>
    public Location TypeLocation =>
        Type.DeclaringSyntaxReferences.Length > 0 && Type.DeclaringSyntaxReferences[0].GetSyntax() is TypeDeclarationSyntax declaration
            ? declaration.Identifier.GetLocation()
            : Type.Locations.FirstOrDefault() ?? Location.None;

    /// <summary>Reads the network attributes of <paramref name="type"/>; null when it has none.</summary>
    public static NetworkDeclaration? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        AttributeData? network = null;
        List<AttributeData>? dense = null;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (AttributeNames.Is(attribute, AttributeNames.Dense))
            {
                (dense ??= []).Add(attribute);
            }
            else if (network is null && AttributeNames.Is(attribute, AttributeNames.Network))
            {
                network = attribute;
            }
        }

        if (network is null && dense is null)
        {
            return null;
        }

        ImmutableArray<DenseDeclaration> layers = dense is null
            ? []
            : dense
                .Select(a => (Data: a, Syntax: a.ApplicationSyntaxReference))
                .OrderBy(a => a.Syntax?.SyntaxTree.FilePath, System.StringComparer.Ordinal)
                .ThenBy(a => a.Syntax?.Span.Start ?? 0)
                .Select((a, index) => DenseDeclaration.Create(a.Data, index + 1, cancellationToken))
                .ToImmutableArray();

        var networkSyntax = network?.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        return new NetworkDeclaration(type, network, networkSyntax, layers);
    }
}
