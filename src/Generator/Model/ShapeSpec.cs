using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using StaticNN.Generator.Helpers;

namespace StaticNN.Generator.Model;

/// <summary>
/// A fixed-size vector type, <c>StaticNN.Shapes.{Float|Double}{Length}</c>, that the typed
/// <c>Forward</c> overloads take and return. Networks whose sizes match share the type, so the
/// output of one can be passed to the next only when the sizes agree.
/// </summary>
/// <remarks>Plain values only, so it compares by value and caches across generator runs.</remarks>
/// <param name="Element">The element type.</param>
/// <param name="Length">The number of elements.</param>
/// <param name="IsPublic">Whether a network visible outside the assembly uses it, so it must be public too.</param>
internal sealed record ShapeSpec(ElementKind Element, int Length, bool IsPublic)
{
    /// <summary>
    /// The longest vector that gets a typed API (64 KiB of floats). A value of the type lives on
    /// the stack; this keeps it far inside the default 1 MiB stack. Wider networks keep the span API.
    /// </summary>
    public const int MaxLength = 16384;

    /// <summary>The type's name without namespace, for example <c>Float56</c>.</summary>
    public string Name => (Element == ElementKind.Double ? "Double" : "Float") + SourceWriter.Literal(Length);

    /// <summary>The fully qualified name to write in generated code.</summary>
    public string FullName => "global::StaticNN.Shapes." + Name;

    /// <summary>The input and output shapes of <paramref name="spec"/>, when both are small enough for a typed API.</summary>
    public static ImmutableArray<ShapeSpec> Of(NetworkSpec spec) =>
        TypedShapes(spec) is var (input, output) ? [input, output] : [];

    /// <summary>The (input, output) shapes of a network, or null when either is longer than <see cref="MaxLength"/>.</summary>
    public static (ShapeSpec Input, ShapeSpec Output)? TypedShapes(NetworkSpec spec)
    {
        int inputs = spec.Layers[0].Inputs;
        int outputs = spec.Layers[spec.Layers.Count - 1].Outputs;
        return inputs <= MaxLength && outputs <= MaxLength
            ? (new ShapeSpec(spec.Element, inputs, spec.IsPublic), new ShapeSpec(spec.Element, outputs, spec.IsPublic))
            : null;
    }

    /// <summary>One entry per element type and length, public if any user is, in a stable order.</summary>
    public static EquatableArray<ShapeSpec> Merge(ImmutableArray<ShapeSpec> all) =>
        new(all
            .GroupBy(s => (s.Element, s.Length))
            .Select(g => new ShapeSpec(g.Key.Element, g.Key.Length, g.Any(s => s.IsPublic)))
            .OrderBy(s => s.Element)
            .ThenBy(s => s.Length)
            .ToArray());
}
