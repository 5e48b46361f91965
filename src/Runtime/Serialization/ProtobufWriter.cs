using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace StaticNN.Serialization;

/// <summary>
/// The few protocol-buffer encodings an ONNX file needs: varints, 32-bit floats, strings, bytes
/// and nested messages (written into their own writer, then embedded with their length).
/// </summary>
internal sealed class ProtobufWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void WriteVarint(int field, long value)
    {
        WriteTag(field, 0);
        WriteRawVarint((ulong)value);
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> bytes = _buffer.GetSpan(4);
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Advance(4);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteRawVarint((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void WriteMessage(int field, Action<ProtobufWriter> write)
    {
        var nested = new ProtobufWriter();
        write(nested);
        WriteBytes(field, nested.WrittenSpan);
    }

    private void WriteTag(int field, int wireType) => WriteRawVarint((ulong)((field << 3) | wireType));

    private void WriteRawVarint(ulong value)
    {
        Span<byte> bytes = _buffer.GetSpan(10);
        int count = 0;
        while (value >= 0x80)
        {
            bytes[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        bytes[count++] = (byte)value;
        _buffer.Advance(count);
    }
}
