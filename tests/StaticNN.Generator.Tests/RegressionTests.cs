using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Regression tests for defects found by review: each failed before its fix in src/Generator.
/// </summary>
public sealed class RegressionTests
{
    // NetworkTypeAnalyzer uses INamedTypeSymbol.IsGenericType, which is also true for a
    // non-generic class nested in a generic type. The class is rejected with SNN0003 ("cannot be
    // generic") and nothing is generated, although the parser and ContainingTypeSpec support
    // generic containing types (Outer<T>). TypeParameters.Length > 0 (or Arity > 0) is the test.
    [Fact]
    public void Network_nested_in_a_generic_type_is_not_reported_generic_and_compiles()
    {
        const string source = """
            namespace Nesting;

            /// <summary>A generic holder.</summary>
            /// <typeparam name="T">Anything.</typeparam>
            public partial class Holder<T>
            {
                /// <summary>A network.</summary>
                [StaticNN.Dense(2, 1)]
                public partial class InnerModel
                {
                }
            }
            """;
        Compilation compilation = TestHelper.CreateCompilation(source);
        Assert.Empty(TestHelper.RunAnalyzers(compilation));

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Single(run.Sources);
        GeneratedCodeCompilesTests.AssertNoWarningsOrErrors(GeneratedCodeCompilesTests.Strict(run.OutputCompilation));
    }

    // A class with a primary constructor (or a positional record) gets generated constructors
    // `Model()` and `Model(int seed)` without a `this(...)` initializer: CS8862 in the generated
    // file; with a primary constructor `(int x)` also CS0111/CS0121. No SNN diagnostic explains it.
    [Theory]
    [InlineData("[StaticNN.Dense(2, 1)] public partial class Model(string name) { /** <summary>The name.</summary> */ public string Name => name; }")]
    [InlineData("[StaticNN.Dense(2, 1)] public partial record Model(int Seed);")]
    public void Type_with_a_primary_constructor_is_reported_or_compiles(string declaration)
    {
        Compilation compilation = TestHelper.CreateCompilation("namespace P;\n/// <summary>A network.</summary>\n" + declaration);
        bool reported = TestHelper.RunAnalyzers(compilation).Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("SNN", StringComparison.Ordinal));
        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        if (!reported)
        {
            Diagnostic[] errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, "Not reported by an analyzer, yet the generated code does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        }
        else
        {
            Assert.Empty(run.Sources);
        }
    }

    // The emitter writes type names raw (spec.TypeName = type.Name, ContainingTypeSpec.Name =
    // outer.Name), so a type declared with a verbatim identifier such as @event or @int gets
    // `partial class event` in the generated file: dozens of syntax errors. Namespaces are fine
    // (ToDisplayString escapes them).
    [Theory]
    [InlineData("[StaticNN.Dense(2, 1)] public partial class @event { }")]
    [InlineData("public partial class @int { [StaticNN.Dense(2, 1)] public partial class Model { } }")]
    public void Type_named_with_a_keyword_generates_code_that_compiles(string declaration)
    {
        GeneratorRun run = TestHelper.RunGenerator("namespace P;\n#pragma warning disable CS1591, CS8981\n" + declaration);
        TestHelper.AssertDidNotThrow(run);
        Assert.Single(run.Sources);
        Diagnostic[] errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
    }

    // AttributeSyntaxHelper.ArgumentLocation does not count a named argument toward the position
    // of the positional arguments after it. C# allows a named argument in its own position
    // followed by positional ones (`Dense(inputs: 56, 0)`), so the `0` is not found and SNN0005
    // points at the whole attribute `Dense(inputs: 56, 0)` instead of at `0`.
    [Fact]
    public void Size_after_a_non_trailing_named_argument_is_located_at_the_argument()
    {
        Compilation compilation = TestHelper.CreateCompilation("namespace P;\n[StaticNN.Dense(inputs: 56, 0)] public partial class Model { }");
        Diagnostic diagnostic = Assert.Single(TestHelper.RunAnalyzers(compilation));
        Assert.Equal("SNN0005", diagnostic.Id);
        Assert.Equal("Layer 1 has 0 outputs, but a layer size must be at least 1", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("0", TestHelper.LocatedText(diagnostic));
    }

    // A class declaration whose name is missing (`partial class { }`, CS1001) still reaches the
    // parser with an empty type name, and the generator emits `P..g.cs` containing
    // `partial class  : global::StaticNN.INetwork<float>`: about a hundred follow-on errors on
    // top of the one the user made.
    [Fact]
    public void Class_without_a_name_emits_nothing()
    {
        GeneratorRun run = TestHelper.RunGenerator("namespace P;\n[StaticNN.Dense(2, 1)] public partial class { }");
        TestHelper.AssertDidNotThrow(run);
        Assert.Empty(run.Sources);
    }

    // With [Network] written twice the compiler reports CS0579 (AllowMultiple = false). The
    // generator uses the first attribute and emits code that adds no error of its own, so the
    // user sees exactly one error, the compiler's.
    [Fact]
    public void Duplicate_network_attribute_leaves_only_the_compilers_error()
    {
        GeneratorRun run = TestHelper.RunGenerator("namespace P;\n[StaticNN.Network] [StaticNN.Network(StaticNN.Loss.Mae)] [StaticNN.Dense(2, 1)] public partial class Model { }");
        TestHelper.AssertDidNotThrow(run);
        Assert.Single(run.Sources);
        Diagnostic[] errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.All(errors, e => Assert.Equal("CS0579", e.Id));
    }
}
