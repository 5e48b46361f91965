using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace StaticNN.Generator.Tests.Fuzz;

/// <summary>What the fuzzer knows a declaration must produce.</summary>
internal enum Expectation
{
    /// <summary>Valid: no SNN error, the output compiles without errors, and the network runs a forward pass.</summary>
    Valid,

    /// <summary>Valid C# that breaks a StaticNN rule: at least one SNN error.</summary>
    SnnError,

    /// <summary>Not valid C# where the attributes are (no matching constructor, attribute on a struct, duplicate [Network]): the compiler reports it.</summary>
    CSharpError,

    /// <summary>A syntax error somewhere around the attributes: only "nothing crashes" is known.</summary>
    Broken,
}

/// <summary>One random declaration, with what it must produce and why.</summary>
/// <param name="Index">The case's number in its run (its namespace is <c>Fuzz.CaseN</c>).</param>
/// <param name="Files">The source files, one or two (a partial class may span both).</param>
/// <param name="Expected">What the compiler, generator and analyzers must do with it.</param>
/// <param name="Reasons">The rules it breaks (SNN ids) or why it is not valid C#; empty when valid.</param>
/// <param name="MetadataName">The network's metadata name, for loading it when it can run.</param>
/// <param name="CanRun">Whether a valid case can be instantiated and run: not abstract, not inside a generic type, and small enough.</param>
internal sealed record FuzzCase(int Index, SourceFile[] Files, Expectation Expected, IReadOnlyList<string> Reasons, string MetadataName, bool CanRun)
{
    /// <summary>The whole source, for failure messages.</summary>
    public string Describe() =>
        $"case {Index} ({Expected}{(Reasons.Count > 0 ? ": " + string.Join(", ", Reasons) : "")})\n"
        + string.Join("\n", Files.Select(f => $"// {f.Path}\n{f.Text}"));
}

/// <summary>
/// Generates random network declarations from a seed, each with the outcome its construction
/// implies. Sizes are drawn from small, edge (0, negative, int.MaxValue) and overflowing values;
/// enum values from the defined ones and from casts outside them; attribute arguments positional,
/// named, reordered, missing or extra; the type as a class, record, struct, interface, static,
/// generic, abstract, file-local or non-partial class, possibly nested and split across files;
/// and some declarations get a syntax error near the attributes.
/// </summary>
internal sealed class DeclarationFuzzer(int seed)
{
    /// <summary>The largest parameter count a network may have (<c>Array.MaxLength</c>), as the analyzers count it.</summary>
    private const long MaxParameterCount = 0x7FFFFFC7;

    /// <summary>Networks above this many parameters are compiled but not instantiated (memory and time).</summary>
    private const long RunnableParameters = 2_000_000;

    private static readonly string[] Activations = ["Linear", "ReLU", "Sigmoid", "HardSigmoid", "Tanh", "LeakyReLU"];
    private static readonly string[] Losses = ["Mse", "Mae", "CrossEntropy"];
    private static readonly string[] Optimizers = ["Sgd", "Momentum", "Adam"];

    private readonly Random _random = new(seed);

    /// <summary>Creates case number <paramref name="index"/>.</summary>
    public FuzzCase Next(int index)
    {
        var reasons = new List<string>();
        bool csharpError = false, canRun = true;
        string ns = $"Fuzz.Case{index}";

        // Types around the network.
        var outers = new List<string>();
        int depth = Pick(70, 20, 10);
        for (int d = 0; d < depth; d++)
        {
            switch (Pick(50, 15, 10, 10, 10, 5))
            {
                case 0: outers.Add($"public partial class Outer{d}"); break;
                case 1: outers.Add($"public partial struct Outer{d}"); break;
                case 2: outers.Add($"public static partial class Outer{d}"); break;
                case 3: outers.Add($"public partial record Outer{d}"); break;
                case 4: outers.Add($"public partial class Outer{d}<TOuter{d}>"); canRun = false; break;
                default: outers.Add($"public class Outer{d}"); reasons.Add("SNN0002"); break;
            }
        }

        // The network type itself.
        string name = "Net";
        string keyword;
        bool partial = true;
        switch (Pick(40, 10, 10, 6, 6, 6, 6, 5, 4, 4, 3))
        {
            case 0: keyword = "public partial class"; break;
            case 1: keyword = "public sealed partial class"; break;
            case 2: keyword = "public partial record"; break;
            case 3: keyword = "internal partial class"; break;
            case 4: keyword = "public abstract partial class"; canRun = false; break;
            case 5: keyword = "public class"; partial = false; reasons.Add("SNN0001"); break;
            case 6: keyword = "public static partial class"; reasons.Add("SNN0004"); break;
            case 7: keyword = "public partial class"; name = "Net<T>"; reasons.Add("SNN0003"); break;
            case 8 when depth == 0: keyword = "file partial class"; reasons.Add("SNN0015"); break;
            case 8: keyword = "private partial class"; break;
            case 9: keyword = "public partial struct"; csharpError = true; reasons.Add("attribute on a struct"); break;
            default: keyword = "public partial interface"; csharpError = true; reasons.Add("attribute on an interface"); break;
        }

        // [Network].
        bool hasNetwork = _random.Next(100) < 88;
        int loss = 0;
        var networkArguments = new List<string>();
        if (hasNetwork)
        {
            switch (Pick(30, 20, 20, 20, 10))
            {
                case 0: break;
                case 1: loss = _random.Next(3); networkArguments.Add($"Loss.{Losses[loss]}"); break;
                case 2: loss = _random.Next(3); networkArguments.Add($"loss: Loss.{Losses[loss]}"); break;
                case 3: loss = 2; networkArguments.Add("Loss.CrossEntropy"); break;
                default:
                    loss = new[] { 3, -1, 99, 1 }[_random.Next(4)];
                    networkArguments.Add($"(Loss)({loss})");
                    if (loss is < 0 or > 2)
                    {
                        reasons.Add("SNN0012");
                    }

                    break;
            }

            if (_random.Next(100) < 25)
            {
                (string type, bool ok) = new[] { ("float", true), ("double", true), ("double", true), ("int", false), ("decimal", false) }[_random.Next(5)];
                networkArguments.Add($"ElementType = typeof({type})");
                if (!ok)
                {
                    reasons.Add("SNN0010");
                }
            }

            if (_random.Next(100) < 20)
            {
                int optimizer = _random.Next(100) < 85 ? _random.Next(3) : 7;
                networkArguments.Add(optimizer < 3 ? $"Optimizer = Optimizer.{Optimizers[optimizer]}" : $"Optimizer = (Optimizer){optimizer}");
                if (optimizer >= 3)
                {
                    reasons.Add("SNN0021");
                }
            }

            foreach (string setting in new[] { "Momentum", "Beta1", "Beta2" })
            {
                if (_random.Next(100) < 8)
                {
                    (string text, bool ok) = new[] { ("0.5", true), ("0", true), ("0.999", true), ("1.0", false), ("-0.1", false), ("double.NaN", false) }[_random.Next(6)];
                    networkArguments.Add($"{setting} = {text}");
                    if (!ok)
                    {
                        reasons.Add("SNN0022");
                    }
                }
            }

            if (_random.Next(100) < 8)
            {
                (string text, bool ok) = new[] { ("1e-8", true), ("0.5", true), ("0", false), ("-1e-8", false), ("double.PositiveInfinity", false) }[_random.Next(5)];
                networkArguments.Add($"Epsilon = {text}");
                if (!ok)
                {
                    reasons.Add("SNN0022");
                }
            }
        }

        // [Dense] layers: sizes chained unless a mismatch is planted.
        int layerCount = hasNetwork ? Pick(4, 30, 35, 20, 11) : Pick(0, 40, 40, 20);
        if (hasNetwork && layerCount == 0)
        {
            reasons.Add("SNN0008");
        }

        var layers = new List<string>();
        int width = Size();
        long total = 0;
        bool sizesPositive = true, overflow = false;
        string lastActivation = "Linear";
        int lastOutputs = 0;
        for (int k = 0; k < layerCount; k++)
        {
            int inputs = width;
            if (k > 0 && _random.Next(100) < 6)
            {
                inputs = width + 1 + _random.Next(5);
                if (inputs > 0 && width > 0)
                {
                    reasons.Add("SNN0006");
                }
            }

            int outputs = Size();
            width = outputs;
            sizesPositive &= inputs > 0 && outputs > 0;
            if (inputs > 0 && outputs > 0 && !overflow)
            {
                total += ((long)inputs * outputs) + outputs;
                overflow = total > MaxParameterCount;
            }

            int activationValue = _random.Next(100) < 5 ? new[] { 6, -1, 42 }[_random.Next(3)] : _random.Next(6);
            if (hasNetwork && loss == 2 && k == layerCount - 1 && _random.Next(100) < 80)
            {
                // Cross-entropy wants a Linear last layer; mostly give it one.
                activationValue = 0;
            }

            string activation = activationValue is >= 0 and < 6 ? $"Activation.{Activations[activationValue]}" : $"(Activation)({activationValue})";
            if (activationValue is < 0 or >= 6)
            {
                reasons.Add("SNN0011");
            }

            bool omitActivation = activationValue == 0 && _random.Next(2) == 0;
            lastActivation = activationValue is >= 0 and < 6 ? Activations[activationValue] : "undefined";
            lastOutputs = outputs;
            string i = Literal(inputs), o = Literal(outputs);
            switch (Pick(60, 12, 10, 6, 2, 2, 2))
            {
                case 0: layers.Add(omitActivation ? $"[Dense({i}, {o})]" : $"[Dense({i}, {o}, {activation})]"); break;
                case 1: layers.Add(omitActivation ? $"[Dense(inputs: {i}, outputs: {o})]" : $"[Dense(inputs: {i}, outputs: {o}, activation: {activation})]"); break;
                case 2: layers.Add($"[Dense(outputs: {o}, activation: {activation}, inputs: {i})]"); break;
                case 3: layers.Add($"[Dense({i}, {o}, activation: {activation})]"); break;
                case 4: layers.Add($"[Dense({i})]"); csharpError = true; reasons.Add("missing argument"); break;
                case 5: layers.Add($"[Dense({i}, {o}, {activation}, 3)]"); csharpError = true; reasons.Add("extra argument"); break;
                default: layers.Add($"[Dense({i}.5, {o})]"); csharpError = true; reasons.Add("argument of the wrong type"); break;
            }
        }

        if (!sizesPositive)
        {
            reasons.Add("SNN0005");
        }
        else if (overflow)
        {
            reasons.Add("SNN0007");
        }

        if (hasNetwork && loss == 2 && layerCount > 0)
        {
            if (lastOutputs is > 0 and < 2)
            {
                reasons.Add("SNN0013");
            }

            if (lastActivation != "Linear")
            {
                reasons.Add("SNN0014");
            }
        }

        if (total > RunnableParameters)
        {
            canRun = false;
        }

        // Attribute lists, then where they go: one declaration, or two partial ones (in one file or two).
        string network = hasNetwork ? (networkArguments.Count == 0 && _random.Next(2) == 0 ? "[Network]" : $"[Network({string.Join(", ", networkArguments)})]") : string.Empty;
        if (hasNetwork && _random.Next(100) < 3)
        {
            network += "\n[Network]";
            csharpError = true;
            reasons.Add("duplicate [Network]");
        }

        string body = Body(name);
        string declaration = name.Split('<')[0];
        string typeParameters = name.Contains('<', StringComparison.Ordinal) ? "<T>" : string.Empty;
        var parts = new List<(string Attributes, string Body)>();
        int split = partial && layers.Count > 0 && _random.Next(100) < 12 ? Pick(50, 25, 25) : -1;
        switch (split)
        {
            case 0:
                // [Network] on one part, every [Dense] on the other: allowed.
                parts.Add((network, body));
                parts.Add((string.Join("\n", layers), string.Empty));
                break;
            case 1 when layers.Count > 1:
                // Layers on both parts: SNN0009.
                int cut = 1 + _random.Next(layers.Count - 1);
                parts.Add((network + "\n" + string.Join("\n", layers.Take(cut)), body));
                parts.Add((string.Join("\n", layers.Skip(cut)), string.Empty));
                reasons.Add("SNN0009");
                break;
            default:
                parts.Add((network + "\n" + string.Join("\n", layers), body));
                break;
        }

        bool twoFiles = parts.Count == 2 && _random.Next(2) == 0;
        if (twoFiles && keyword.StartsWith("file", StringComparison.Ordinal))
        {
            // A file-local type is local to its file: the two parts are two types, neither split.
            reasons.Remove("SNN0009");
        }

        var files = new List<SourceFile>();
        const string Usings = "using System;\nusing StaticNN;\n\n";
        var source = new StringBuilder(Usings);
        for (int p = 0; p < parts.Count; p++)
        {
            if (p == 1 && twoFiles)
            {
                files.Add(new SourceFile($"Case{index}.a.cs", source.ToString()));
                source.Clear().Append(Usings);
            }

            source.Append(Wrap(ns, outers, parts[p].Attributes, $"{keyword} {declaration}{typeParameters}", parts[p].Body));
        }

        files.Add(new SourceFile(twoFiles ? $"Case{index}.b.cs" : $"Case{index}.cs", source.ToString()));

        Expectation expected = csharpError ? Expectation.CSharpError : reasons.Count > 0 ? Expectation.SnnError : Expectation.Valid;
        if (_random.Next(100) < 8)
        {
            files[0] = files[0] with { Text = Corrupt(files[0].Text) };
            expected = Expectation.Broken;
        }

        string metadataName = ns + "." + string.Concat(outers.Select(o => OuterMetadataName(o) + "+")) + declaration;
        return new FuzzCase(index, files.ToArray(), expected, reasons, metadataName, canRun && expected == Expectation.Valid);
    }

    private static string OuterMetadataName(string outer)
    {
        string last = outer.Split(' ')[^1];
        int angle = last.IndexOf('<', StringComparison.Ordinal);
        return angle < 0 ? last : last[..angle] + "`1";
    }

    private static string Wrap(string ns, List<string> outers, string attributes, string header, string body)
    {
        var text = new StringBuilder();
        text.Append("namespace ").Append(ns).Append("\n{\n");
        foreach (string outer in outers)
        {
            text.Append(outer).Append("\n{\n");
        }

        text.Append(attributes).Append('\n').Append(header).Append("\n{\n").Append(body).Append("}\n");
        foreach (string _ in outers)
        {
            text.Append("}\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>A member of the user's own, sometimes: the generated code must live beside it.</summary>
    private string Body(string name) => Pick(70, 10, 10, 10) switch
    {
        0 => string.Empty,
        1 => "    private int _calls;\n    public int Calls => _calls;\n",
        2 => "    public override string ToString() => \"mine\";\n",
        _ => "    public static int Twice(int x) => 2 * x;\n",
    };

    /// <summary>A layer size: mostly small, sometimes an edge or an overflowing one.</summary>
    private int Size() => Pick(60, 28, 12) switch
    {
        0 => 1 + _random.Next(8),
        1 => 9 + _random.Next(92),
        _ => new[] { 0, -1, -7, int.MaxValue, 20000, 65536, 46341, 1, 2, int.MinValue }[_random.Next(10)],
    };

    /// <summary>An int as C# writes it: int.MinValue has no positive literal.</summary>
    private static string Literal(int value) => value == int.MinValue ? "int.MinValue" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Deletes, duplicates or inserts a character inside the attribute lists or the type header.</summary>
    private string Corrupt(string text)
    {
        int start = text.IndexOf('[', StringComparison.Ordinal);
        if (start < 0)
        {
            start = text.IndexOf("namespace", StringComparison.Ordinal);
        }

        int end = text.IndexOf('{', text.LastIndexOf(']') is int bracket and >= 0 ? bracket : start);
        end = end < 0 ? text.Length : end;
        int at = start + _random.Next(Math.Max(1, end - start));
        return Pick(40, 30, 30) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, new[] { "(", ")", "[", "]", ",", ";", "{", "}", "\"", "=" }[_random.Next(10)]),
            _ => text.Insert(at, text[at].ToString()),
        };
    }

    /// <summary>Picks an index with the given relative weights.</summary>
    private int Pick(params int[] weights)
    {
        int roll = _random.Next(weights.Sum());
        for (int i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
