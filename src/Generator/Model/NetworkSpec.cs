using StaticNN.Generator.Helpers;
using StaticNN.Generator.Weights;

namespace StaticNN.Generator.Model;

/// <summary>Everything the emitter needs to write one network class; the output of the parser.</summary>
/// <remarks>
/// Caching contract: this record holds only strings, enums, ints and <see cref="EquatableArray{T}"/>
/// of records that do the same, never an <c>ISymbol</c>, a syntax node or a <c>Compilation</c>.
/// Two parses of equal declarations therefore compare equal, and the incremental pipeline skips
/// emitting for a network whose declaration did not change. A test walks this type's members to
/// keep it that way.
/// </remarks>
/// <param name="Namespace">The namespace of the class, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="TypeKeyword">The keyword of the class's own declaration: <c>class</c> or <c>record</c>.</param>
/// <param name="TypeName">The class name as it must be written in C# (with <c>@</c> when it is a keyword).</param>
/// <param name="HintName">The unique file name of the generated source.</param>
/// <param name="Element">The element type.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Layers">The layers in order, at least one, each fitting the previous one.</param>
/// <param name="Constructors">The constructors to generate.</param>
/// <param name="Optimizer">The update rule <c>Update</c> applies.</param>
/// <param name="IsPublic">Whether the class is visible outside its assembly (its typed API's vector types must be too).</param>
/// <param name="WeightsPath">The weights file named by <c>[Network(Weights = …)]</c>, or null.</param>
/// <param name="Weights">The parameters read from that file, once attached; null until then and without a file.</param>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeKeyword,
    string TypeName,
    string HintName,
    ElementKind Element,
    LossKind Loss,
    EquatableArray<LayerSpec> Layers,
    GeneratedConstructors Constructors,
    OptimizerSpec Optimizer,
    bool IsPublic,
    string? WeightsPath,
    EmbeddedWeights? Weights);
