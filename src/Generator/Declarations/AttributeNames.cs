using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Declarations;

/// <summary>The runtime attributes the generator and analyzers look for.</summary>
internal static class AttributeNames
{
    public const string Namespace = "StaticNN";
    public const string Dense = "DenseAttribute";
    public const string Network = "NetworkAttribute";
    public const string DenseMetadataName = Namespace + "." + Dense;

    /// <summary>Whether <paramref name="attribute"/> is <c>StaticNN.{name}</c>.</summary>
    public static bool Is(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type
        && type.Name == name
        && type.ContainingNamespace is { Name: Namespace, ContainingNamespace.IsGlobalNamespace: true };
}
