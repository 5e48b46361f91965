using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace StaticNN.Build;

/// <summary>
/// Turns binary weights files (safetensors) into base64 text files that the StaticNN generator can
/// read as <c>AdditionalFiles</c>, since the compiler reads every additional file as text.
/// </summary>
/// <remarks>
/// <para>
/// Each encoded file holds the original bytes in standard base64 (RFC 4648 alphabet, <c>=</c>
/// padding), in lines of at most 76 characters each ended by <c>\n</c>, and nothing else. It is
/// named <c>&lt;file name&gt;.&lt;8 hex digits&gt;.b64</c>, the digits a hash of the original's full
/// path, so that two files of the same name in different folders do not collide.
/// </para>
/// <para>
/// An encoded file is rewritten only when its content would change, so an unchanged weights file
/// does not make the compiler run again. A file that does not exist is skipped: the analyzer
/// reports it where the network names it (SNN0024). A file larger than
/// <see cref="MaximumFileLength"/>, or one that cannot be read or encoded, is error SNN0030.
/// </para>
/// </remarks>
public sealed class EncodeWeightsFiles : Task
{
    /// <summary>The largest weights file that is compiled into an assembly: 64 MiB.</summary>
    public const long MaximumFileLength = 64L * 1024 * 1024;

    /// <summary>The item metadata, on each encoded file, that holds the full path of its original.</summary>
    public const string SourceMetadataName = "StaticNNWeightsSource";

    private const string ErrorCode = "SNN0030";
    private const string ErrorHelpLink = "https://github.com/staticnn/staticnn/blob/main/docs/diagnostics/SNN0030.md";

    // 57 bytes are exactly 76 base64 characters, the longest line allowed.
    private const int BytesPerLine = 57;
    private const int CharactersPerLine = 76;

    /// <summary>Gets or sets the weights files to encode, relative to the project folder or full paths.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>Gets or sets the folder the encoded files are written to; it is created if missing.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Gets the encoded files, one for each weights file that exists and was encoded, each carrying
    /// the original's metadata and <see cref="SourceMetadataName"/>.
    /// </summary>
    [Output]
    public ITaskItem[] EncodedFiles { get; private set; } = [];

    /// <summary>Encodes every file; failures are logged as errors, never thrown.</summary>
    /// <returns><see langword="true"/> if no error was logged.</returns>
    public override bool Execute()
    {
        var encoded = new List<ITaskItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ITaskItem file in Files)
        {
            ITaskItem? item = TryEncode(file, seen);
            if (item is not null)
            {
                encoded.Add(item);
            }
        }

        EncodedFiles = encoded.ToArray();
        return !Log.HasLoggedErrors;
    }

    private ITaskItem? TryEncode(ITaskItem file, HashSet<string> seen)
    {
        string source = file.ItemSpec;
        try
        {
            source = Path.GetFullPath(file.GetMetadata("FullPath"));
            if (!seen.Add(source))
            {
                return null;
            }

            if (!File.Exists(source) && !Directory.Exists(source))
            {
                Log.LogMessage(MessageImportance.Low, "StaticNN: the weights file '{0}' does not exist; it is not encoded (SNN0024 reports it where a network names it).", source);
                return null;
            }

            string target = Path.Combine(Path.GetFullPath(OutputDirectory), OutputFileName(source));
            if (!EncodeFile(source, target))
            {
                return null;
            }

            var item = new TaskItem(target);
            file.CopyMetadataTo(item);
            item.SetMetadata(SourceMetadataName, source);
            return item;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SecurityException
            or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            LogError(source, $"The weights file '{source}' could not be encoded for compiling into the assembly: {exception.Message}");
            return null;
        }
    }

    /// <summary>Writes the encoded form of <paramref name="source"/> to <paramref name="target"/> unless it is already there.</summary>
    /// <returns><see langword="false"/> if the file is too large, which has been logged.</returns>
    private bool EncodeFile(string source, string target)
    {
        byte[] bytes;
        using (var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            if (stream.Length > MaximumFileLength)
            {
                LogError(source, string.Format(
                    CultureInfo.InvariantCulture,
                    "The weights file '{0}' is {1:N0} bytes, more than the {2:N0} bytes (64 MiB) that can be compiled into an assembly; the generator embeds at most 4,194,304 parameters. Load a file this large at run time with network.Load(path) instead.",
                    source,
                    stream.Length,
                    MaximumFileLength));
                return false;
            }

            bytes = ReadAll(stream);
        }

        byte[] text = ToBase64Lines(bytes);
        if (HasContent(target, text))
        {
            Log.LogMessage(MessageImportance.Low, "StaticNN: '{0}' is up to date for '{1}'.", target, source);
            return true;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, text);
        Log.LogMessage(MessageImportance.Low, "StaticNN: encoded '{0}' to '{1}'.", source, target);
        return true;
    }

    private void LogError(string file, string message) =>
        Log.LogError(
            subcategory: null,
            errorCode: ErrorCode,
            helpKeyword: null,
            helpLink: ErrorHelpLink,
            file: file,
            lineNumber: 0,
            columnNumber: 0,
            endLineNumber: 0,
            endColumnNumber: 0,
            message: message);

    private static byte[] ReadAll(FileStream stream)
    {
        var bytes = new byte[stream.Length];
        int read = 0;
        while (read < bytes.Length)
        {
            int count = stream.Read(bytes, read, bytes.Length - read);
            if (count == 0)
            {
                throw new IOException($"The file '{stream.Name}' ended after {read} of its {bytes.Length} bytes.");
            }

            read += count;
        }

        return bytes;
    }

    /// <summary>Base64 in lines of 76 characters (the last may be shorter), each ended by '\n', as ASCII bytes.</summary>
    private static byte[] ToBase64Lines(byte[] bytes)
    {
        int fullLines = bytes.Length / BytesPerLine;
        int lastLineBytes = bytes.Length % BytesPerLine;
        int lastLineLength = lastLineBytes == 0 ? 0 : (((lastLineBytes + 2) / 3) * 4) + 1;
        var text = new byte[(fullLines * (CharactersPerLine + 1)) + lastLineLength];

        var line = new char[CharactersPerLine];
        int position = 0;
        for (int offset = 0; offset < bytes.Length; offset += BytesPerLine)
        {
            int length = Convert.ToBase64CharArray(bytes, offset, Math.Min(BytesPerLine, bytes.Length - offset), line, 0);
            for (int i = 0; i < length; i++)
            {
                text[position++] = (byte)line[i];
            }

            text[position++] = (byte)'\n';
        }

        return text;
    }

    /// <summary>Whether the file at <paramref name="path"/> exists and holds exactly <paramref name="content"/>.</summary>
    private static bool HasContent(string path, byte[] content)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length != content.Length)
        {
            return false;
        }

        var buffer = new byte[81920];
        int compared = 0;
        while (compared < content.Length)
        {
            int count = stream.Read(buffer, 0, Math.Min(buffer.Length, content.Length - compared));
            if (count == 0)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (buffer[i] != content[compared + i])
                {
                    return false;
                }
            }

            compared += count;
        }

        return true;
    }

    /// <summary>
    /// The original's file name and 8 hex digits of a 32-bit FNV-1a hash of its full path (each
    /// UTF-16 code unit, low byte first), stable across builds and machines for the same path.
    /// </summary>
    private static string OutputFileName(string fullPath)
    {
        const uint OffsetBasis = 2166136261;
        const uint Prime = 16777619;
        uint hash = OffsetBasis;
        foreach (char c in fullPath)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return Path.GetFileName(fullPath) + "." + hash.ToString("x8", CultureInfo.InvariantCulture) + ".b64";
    }
}
