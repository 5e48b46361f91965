using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the generator never throws on code the user is still typing or got wrong (unbound
/// arguments, wrong types, wrong targets, syntax errors) and emits nothing for such a class,
/// while still generating a valid network in the same compilation.
/// </summary>
public sealed class BrokenDeclarationTests
{
    [Theory]
    [InlineData("missing argument", "[Dense(56)] public partial class Broken { }")]
    [InlineData("no arguments", "[Dense] public partial class Broken { }")]
    [InlineData("string size", "[Dense(\"a\", 2)] public partial class Broken { }")]
    [InlineData("double size", "[Dense(2.5, 2)] public partial class Broken { }")]
    [InlineData("loss as activation", "[Dense(2, 1, Loss.Mse)] public partial class Broken { }")]
    [InlineData("unknown activation member", "[Dense(2, 1, Activation.Softplus)] public partial class Broken { }")]
    [InlineData("too many arguments", "[Dense(2, 1, Activation.ReLU, 4)] public partial class Broken { }")]
    [InlineData("unknown named argument", "[Dense(2, 1, slope: 3)] public partial class Broken { }")]
    [InlineData("unknown loss member", "[Network(Loss.Huber)] [Dense(2, 1)] public partial class Broken { }")]
    [InlineData("string loss", "[Network(\"mse\")] [Dense(2, 1)] public partial class Broken { }")]
    [InlineData("unknown element type", "[Network(ElementType = typeof(Half2))] [Dense(2, 1)] public partial class Broken { }")]
    [InlineData("null element type", "[Network(ElementType = null!)] [Dense(2, 1)] public partial class Broken { }")]
    [InlineData("negative activation", "[Dense(2, 1, (Activation)(-1))] public partial class Broken { }")]
    [InlineData("overflowing sizes", "[Dense(int.MaxValue, int.MaxValue)] [Dense(int.MaxValue, 1)] public partial class Broken { }")]
    [InlineData("on a struct", "[Dense(2, 1)] public partial struct Broken { }")]
    [InlineData("on a record struct", "[Dense(2, 1)] public partial record struct Broken;")]
    [InlineData("on an interface", "[Dense(2, 1)] public partial interface Broken { }")]
    [InlineData("on an enum", "[Dense(2, 1)] public enum Broken { A }")]
    [InlineData("on a method", "public partial class Broken { [Dense(2, 1)] public void M() { } }")]
    [InlineData("unclosed argument list", "[Dense(2, 1] public partial class Broken { }")]
    [InlineData("missing last argument", "[Dense(2, ] public partial class Broken { }")]
    [InlineData("missing first argument", "[Dense(, 1)] public partial class Broken { }")]
    [InlineData("extra parenthesis", "[Dense(2, 1)) public partial class Broken { }")]
    [InlineData("missing parentheses", "[Dense 2, 1] public partial class Broken { }")]
    [InlineData("attribute at end of file", "[Dense(2, 1)]")]
    [InlineData("unknown attribute beside", "[Dense(2, 0)] [Dens(2, 1)] public partial class Broken { }")]
    [InlineData("[Network] without [Dense] and an unbound loss", "[Network(Loss.Nope)] public partial class Broken { }")]
    public void Broken_declaration_emits_nothing_and_does_not_throw(string description, string declaration)
    {
        Compilation compilation = TestHelper.CreateCompilation(
            new SourceFile("Broken.cs", "using StaticNN;\n\nnamespace Broken;\n\n" + declaration + "\n"),
            new SourceFile("Control.cs", SampleNetworks.Control));

        // The declaration really is broken: the compiler or an analyzer reports an error.
        Assert.True(
            compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            || TestHelper.RunAnalyzers(compilation).Any(d => d.Severity == DiagnosticSeverity.Error),
            $"Expected the declaration ({description}) to have an error.");

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Equal([SampleNetworks.ControlHintName], run.Sources.Keys);
    }

    // The parser recovers from these with the attribute intact, so the generator may emit the
    // class; whatever it emits must not add errors of its own to the user's one.
    [Theory]
    [InlineData("[Dense(2, 1) public partial class Broken { }")]
    [InlineData("[Dense(2, 1)] public partial class Broken { void M( }")]
    [InlineData("[Dense(2, 1)] public partial class Broken { int x = ; }")]
    public void Recoverable_syntax_error_does_not_throw_or_add_errors(string declaration)
    {
        Compilation compilation = TestHelper.CreateCompilation(
            new SourceFile("Broken.cs", "using StaticNN;\n\nnamespace Broken;\n\n" + declaration + "\n"),
            new SourceFile("Control.cs", SampleNetworks.Control));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Contains(SampleNetworks.ControlHintName, run.Sources.Keys);
        var generatedTrees = run.Result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        Assert.DoesNotContain(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && generatedTrees.Contains(d.Location.SourceTree!));
    }

    [Fact]
    public void Duplicate_network_attribute_does_not_throw()
    {
        Compilation compilation = TestHelper.CreateCompilation(
            new SourceFile("Broken.cs", "using StaticNN;\n\nnamespace Broken;\n\n[Network] [Network(Loss.Mae)] [Dense(2, 1)] public partial class Broken { }\n"),
            new SourceFile("Control.cs", SampleNetworks.Control));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0579");

        GeneratorRun run = TestHelper.RunGenerator(compilation);
        TestHelper.AssertDidNotThrow(run);
        Assert.Contains(SampleNetworks.ControlHintName, run.Sources.Keys);
    }
}
