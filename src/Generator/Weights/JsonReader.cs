using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNN.Generator.Weights;

/// <summary>
/// A small strict JSON parser for safetensors headers: objects (with unique keys), arrays, strings,
/// numbers, <c>true</c>, <c>false</c> and <c>null</c>. The generator targets netstandard2.0 and runs
/// inside the user's compiler, so it carries this instead of depending on System.Text.Json.
/// </summary>
/// <remarks>
/// Values come back as <see cref="JsonObject"/> (keys in file order), <see cref="List{T}"/> of
/// values (arrays), <see cref="string"/>,
/// <see cref="JsonNumber"/>, <see cref="bool"/> or <see langword="null"/>. Any syntax error throws
/// <see cref="WeightsFormatException"/> with the byte offset.
/// </remarks>
internal sealed class JsonReader
{
    private const int MaxDepth = 16;

    private readonly string _text;
    private int _position;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses one JSON value that must fill <paramref name="text"/> apart from whitespace.</summary>
    public static object? Parse(string text)
    {
        var reader = new JsonReader(text);
        object? value = reader.ReadValue(depth: 0);
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth}");
        }

        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the header");
        }

        char c = _text[_position];
        return c switch
        {
            '{' => ReadObject(depth),
            '[' => ReadArray(depth),
            '"' => ReadString(),
            't' => ReadLiteral("true", true),
            'f' => ReadLiteral("false", false),
            'n' => ReadLiteral("null", null),
            _ when c == '-' || (c >= '0' && c <= '9') => ReadNumber(),
            _ => throw Error($"unexpected character '{c}'"),
        };
    }

    private JsonObject ReadObject(int depth)
    {
        _position++;
        var result = new JsonObject();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a property name");
            }

            int keyPosition = _position;
            string key = ReadString();
            SkipWhitespace();
            Expect(':');
            object? value = ReadValue(depth + 1);
            if (!result.TryAdd(key, value))
            {
                _position = keyPosition;
                throw Error($"the name '{key}' appears twice");
            }

            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            Expect('}');
            return result;
        }
    }

    private List<object?> ReadArray(int depth)
    {
        _position++;
        var result = new List<object?>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return result;
        }

        while (true)
        {
            result.Add(ReadValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            Expect(']');
            return result;
        }
    }

    private string ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error("control character in a string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            char escape = _position < _text.Length ? _text[_position++] : '\0';
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when _position + 4 <= _text.Length
                    && int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code):
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error("invalid escape in a string");
            }
        }
    }

    private JsonNumber ReadNumber()
    {
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        int digits = SkipDigits();
        if (digits == 0 || (digits > 1 && _text[_position - digits] == '0'))
        {
            throw Error("invalid number");
        }

        bool integral = true;
        if (Peek() == '.')
        {
            _position++;
            integral = false;
            if (SkipDigits() == 0)
            {
                throw Error("invalid number");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            integral = false;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (SkipDigits() == 0)
            {
                throw Error("invalid number");
            }
        }

        return new JsonNumber(_text.Substring(start, _position - start), integral);
    }

    private object? ReadLiteral(string literal, object? value)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error($"unexpected character '{_text[_position]}'");
        }

        _position += literal.Length;
        return value;
    }

    private int SkipDigits()
    {
        int start = _position;
        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        return _position - start;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error(_position >= _text.Length ? $"expected '{c}' but the header ended" : $"expected '{c}' but found '{_text[_position]}'");
        }

        _position++;
    }

    private WeightsFormatException Error(string message) =>
        new($"the JSON header is not valid: {message} at character {_position.ToString(CultureInfo.InvariantCulture)}");
}

/// <summary>A JSON object: its members by name, and the names in the order they were written.</summary>
internal sealed class JsonObject
{
    private readonly Dictionary<string, object?> _members = new(System.StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public IReadOnlyList<string> Keys => _keys;

    public object? this[string key] => _members[key];

    public bool TryGetValue(string key, out object? value) => _members.TryGetValue(key, out value);

    public bool TryAdd(string key, object? value)
    {
        if (_members.ContainsKey(key))
        {
            return false;
        }

        _members.Add(key, value);
        _keys.Add(key);
        return true;
    }
}

/// <summary>A JSON number as written, with whether it has no fraction or exponent.</summary>
internal sealed class JsonNumber(string text, bool isIntegral)
{
    public string Text { get; } = text;

    /// <summary>The value as a 64-bit integer, or null when it has a fraction, an exponent or does not fit.</summary>
    public long? AsInt64() =>
        isIntegral && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;
}
