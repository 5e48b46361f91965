using System;
using System.Globalization;
using System.Text;

namespace StaticNN.Generator.Helpers;

/// <summary>
/// Writes C# source line by line with the current indentation; <see cref="Block"/> opens a brace
/// block that a <see langword="using"/> statement closes, so the emitter's nesting mirrors the
/// nesting of the code it writes.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line stays empty).</summary>
    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(line);
        }

        _builder.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> (if any), then <c>{</c>; the returned scope writes <c>}</c>.</summary>
    public Scope Block(string? header = null)
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indent++;
        return new Scope(this);
    }

    /// <summary>Formats an integer the same way on every machine, whatever the culture.</summary>
    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats an integer the same way on every machine, whatever the culture.</summary>
    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => _builder.ToString();

    /// <summary>Closes a block opened by <see cref="Block"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;

        public Scope(SourceWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.WriteLine("}");
        }
    }
}
