namespace StaticNN.Generator.Model;

/// <summary>A type that encloses the network class, re-declared as partial around the generated code.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The name with its type parameter list, as written in source (for example <c>Outer&lt;T&gt;</c>).</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
