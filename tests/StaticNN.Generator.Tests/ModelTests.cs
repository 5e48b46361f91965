using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the model that flows through the pipeline holds no compiler objects (symbols, syntax,
/// compilations, semantic models, locations, attribute data). Holding one would keep a whole
/// compilation alive and defeat caching, since such objects never compare equal across runs.
/// </summary>
public sealed class ModelTests
{
    [Fact]
    public void Pipeline_outputs_hold_no_compiler_objects()
    {
        GeneratorRun run = TestHelper.RunGenerator(SampleNetworks.All.Select(s => s.Source).ToArray());
        TestHelper.AssertDidNotThrow(run);

        object[] networks = run.Result.TrackedSteps[NetworkGeneratorStepNames.Networks]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value)
            .ToArray();
        Assert.Equal(SampleNetworks.All.Count, networks.Length);

        object?[] parsed = run.Result.TrackedSteps[NetworkGeneratorStepNames.Parse]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value)
            .ToArray();
        Assert.Equal(SampleNetworks.All.Count, parsed.Length);

        foreach (object? value in networks.Concat(parsed))
        {
            CompilerObjectFinder.Result result = CompilerObjectFinder.Find(value);
            Assert.True(result.Found.Count == 0, $"The model {value} holds compiler objects:\n" + string.Join("\n", result.Found.Select(f => $"{f.Path}: {f.Value.GetType().FullName}")));
        }

        // The walk must have reached the model's contents, not stopped at the surface: every
        // class name and the layer sizes are found as leaf values.
        var leaves = networks.SelectMany(n => CompilerObjectFinder.Find(n).Leaves).ToHashSet();
        Assert.Contains("ViewsModel", leaves);
        Assert.Contains("InnerModel", leaves);
        Assert.Contains("Outer", leaves);
        Assert.Contains(784, leaves);
    }

    [Fact]
    public void Finder_detects_compiler_objects_however_deep()
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText("class C { }").GetRoot();
        Compilation compilation = TestHelper.CreateCompilation("class C { }");
        INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("C")!;
        Location location = root.GetLocation();

        var model = new
        {
            Name = "ok",
            Nested = new List<object> { 1, new[] { (object)"fine", new KeyValuePair<string, object>("k", symbol) } },
            Private = new Holder(root),
            Where = new LocationBox(location),
        };

        CompilerObjectFinder.Result result = CompilerObjectFinder.Find(model);
        Assert.Equal(3, result.Found.Count);
        Assert.Contains(result.Found, f => ReferenceEquals(f.Value, symbol));
        Assert.Contains(result.Found, f => ReferenceEquals(f.Value, root) && f.Path.EndsWith("._node", StringComparison.Ordinal));
        Assert.Contains(result.Found, f => ReferenceEquals(f.Value, location));
        Assert.Contains("ok", result.Leaves);
        Assert.Contains("fine", result.Leaves);
    }

    private readonly struct LocationBox(Location location)
    {
        public Location Location { get; } = location;
    }

    private sealed class Holder(SyntaxNode node)
    {
        private readonly SyntaxNode _node = node;

        public override string ToString() => _node.ToString();
    }
}

/// <summary>Walks an object graph by reflection (public and non-public instance fields and properties, and collection items) looking for compiler objects.</summary>
internal static class CompilerObjectFinder
{
    private const int MaxDepth = 40;

    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(Compilation),
        typeof(SemanticModel),
        typeof(Location),
        typeof(AttributeData),
    ];

    /// <summary>What a walk found.</summary>
    /// <param name="Found">Every distinct compiler object, with the path it was first reached by.</param>
    /// <param name="Leaves">Every primitive, enum and string value reached.</param>
    public sealed record Result(List<(string Path, object Value)> Found, List<object> Leaves);

    public static Result Find(object? root)
    {
        var result = new Result([], []);
        Walk(root, "model", new HashSet<object>(ReferenceEqualityComparer.Instance), result, 0);
        return result;
    }

    private static void Walk(object? value, string path, HashSet<object> seen, Result result, int depth)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        if (Array.Exists(Forbidden, f => f.IsInstanceOfType(value)))
        {
            if (seen.Add(value))
            {
                result.Found.Add((path, value));
            }

            return;
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
        {
            result.Leaves.Add(value);
            return;
        }

        if (value is Type or MemberInfo or Assembly or Pointer || depth > MaxDepth || (!type.IsValueType && !seen.Add(value)))
        {
            return;
        }

        if (value is Delegate d)
        {
            Walk(d.Target, path + ".Target", seen, result, depth + 1);
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{index++}]", seen, result, depth + 1);
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (FieldInfo field in t.GetFields(Declared))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                {
                    Walk(field.GetValue(value), $"{path}.{field.Name}", seen, result, depth + 1);
                }
            }

            foreach (PropertyInfo property in t.GetProperties(Declared))
            {
                if (property.GetMethod is null || property.GetIndexParameters().Length > 0 || property.PropertyType.IsPointer || property.PropertyType.IsByRefLike)
                {
                    continue;
                }

                object? propertyValue;
                try
                {
                    propertyValue = property.GetValue(value);
                }
                catch (TargetInvocationException)
                {
                    continue;
                }

                Walk(propertyValue, $"{path}.{property.Name}", seen, result, depth + 1);
            }
        }
    }
}
