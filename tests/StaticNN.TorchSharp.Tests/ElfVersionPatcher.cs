using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace StaticNN.TorchSharp.Tests;

/// <summary>What <see cref="ElfVersionPatcher"/> did.</summary>
public enum ElfPatchResult
{
    /// <summary>The file is not a little-endian ELF64 file, or its section headers are damaged; nothing was changed.</summary>
    NotElf64,

    /// <summary>The file has no version requirement of that name (or no .gnu.version_r at all); nothing was changed.</summary>
    NotFound,

    /// <summary>The requirement was already weak; nothing was changed.</summary>
    AlreadyWeak,

    /// <summary>The requirement was marked weak.</summary>
    Patched,
}

/// <summary>
/// Marks a version requirement of an ELF64 shared library weak: the Vernaux entry of that name in
/// the SHT_GNU_verneed section (.gnu.version_r) gets <c>VER_FLG_WEAK</c> in its <c>vna_flags</c>.
/// The dynamic loader then accepts the library even if no loaded library defines that version
/// (it would otherwise refuse with "version `X' not found"); a symbol bound to the version that is
/// actually called would still fail to resolve, so this is only right when no such symbol is used.
/// Nothing else in the file moves: one 16-bit field changes, the hash and the string table stay.
/// </summary>
public static class ElfVersionPatcher
{
    /// <summary>The section type of .gnu.version_r (SHT_GNU_verneed).</summary>
    public const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>VER_FLG_WEAK: the version requirement is weak.</summary>
    public const ushort VerFlagWeak = 0x2;

    private const int VerneedSize = 16;
    private const int VernauxSize = 16;

    /// <summary>
    /// Marks the requirement <paramref name="versionName"/> weak in <paramref name="image"/>, a whole
    /// ELF file in memory. Idempotent; every offset is bounds-checked, so a damaged or foreign file
    /// is left as it is.
    /// </summary>
    /// <param name="image">The file's bytes, changed in place.</param>
    /// <param name="versionName">The version, e.g. <c>GLIBCXX_3.4.32</c>.</param>
    /// <returns>What was done.</returns>
    public static ElfPatchResult MarkWeak(Span<byte> image, string versionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(versionName);
        if (!TryFindVernaux(image, versionName, out int flagsOffset))
        {
            return flagsOffset == -1 ? ElfPatchResult.NotElf64 : ElfPatchResult.NotFound;
        }

        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(image[flagsOffset..]);
        if ((flags & VerFlagWeak) != 0)
        {
            return ElfPatchResult.AlreadyWeak;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(image[flagsOffset..], (ushort)(flags | VerFlagWeak));
        return ElfPatchResult.Patched;
    }

    /// <summary>Returns the file offset of the <c>vna_flags</c> of the requirement <paramref name="versionName"/>, or null if there is none.</summary>
    /// <param name="image">The file's bytes.</param>
    /// <param name="versionName">The version.</param>
    /// <returns>The offset, or null.</returns>
    public static int? FlagsOffset(ReadOnlySpan<byte> image, string versionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(versionName);
        return TryFindVernaux(image, versionName, out int flagsOffset) ? flagsOffset : null;
    }

    /// <summary>Returns the <c>vna_flags</c> of the requirement <paramref name="versionName"/>, or null if there is none.</summary>
    /// <param name="image">The file's bytes.</param>
    /// <param name="versionName">The version.</param>
    /// <returns>The flags, or null.</returns>
    public static ushort? ReadFlags(ReadOnlySpan<byte> image, string versionName)
    {
        ArgumentException.ThrowIfNullOrEmpty(versionName);
        return TryFindVernaux(image, versionName, out int flagsOffset)
            ? BinaryPrimitives.ReadUInt16LittleEndian(image[flagsOffset..])
            : null;
    }

    /// <summary>
    /// Marks the requirement weak in the file at <paramref name="path"/>. The new contents are
    /// written to a temporary file beside it and renamed over it, so the change is atomic and never
    /// reaches a file the path is a hard or symbolic link to (such as a package cache).
    /// </summary>
    /// <param name="path">The library.</param>
    /// <param name="versionName">The version.</param>
    /// <returns>What was done; the file is rewritten only for <see cref="ElfPatchResult.Patched"/>.</returns>
    public static ElfPatchResult MarkWeak(string path, string versionName)
    {
        byte[] image = File.ReadAllBytes(path);
        ElfPatchResult result = MarkWeak(image, versionName);
        if (result != ElfPatchResult.Patched)
        {
            return result;
        }

        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(image);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return result;
    }

    /// <summary>
    /// Finds the offset of <c>vna_flags</c> of the Vernaux entry named <paramref name="versionName"/>.
    /// On failure <paramref name="flagsOffset"/> is -1 if the file is not a readable ELF64 file and
    /// 0 if it is but has no such entry.
    /// </summary>
    private static bool TryFindVernaux(ReadOnlySpan<byte> image, string versionName, out int flagsOffset)
    {
        flagsOffset = -1;

        // e_ident: magic, ELFCLASS64 (2), ELFDATA2LSB (1).
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
            || image[4] != 2 || image[5] != 1)
        {
            return false;
        }

        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(image[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3a..]);
        ulong shnum = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3c..]);
        if (shoff == 0 || shentsize < 64 || !Fits(image, shoff, (ulong)shentsize))
        {
            return false;
        }

        if (shnum == 0)
        {
            // More than SHN_LORESERVE sections: the count is in section 0's sh_size.
            shnum = BinaryPrimitives.ReadUInt64LittleEndian(image[((int)shoff + 32)..]);
        }

        if (shnum > int.MaxValue / (ulong)shentsize || !Fits(image, shoff, shnum * (ulong)shentsize))
        {
            return false;
        }

        flagsOffset = 0;
        byte[] wanted = Encoding.ASCII.GetBytes(versionName);
        for (ulong index = 0; index < shnum; index++)
        {
            ReadOnlySpan<byte> header = image.Slice((int)(shoff + (index * (ulong)shentsize)), 64);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtGnuVerneed)
            {
                continue;
            }

            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
            uint link = BinaryPrimitives.ReadUInt32LittleEndian(header[40..]);
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(header[44..]);
            if (!Fits(image, offset, size) || link >= shnum)
            {
                flagsOffset = -1;
                return false;
            }

            ReadOnlySpan<byte> strtabHeader = image.Slice((int)(shoff + (link * (ulong)shentsize)), 64);
            ulong strtabOffset = BinaryPrimitives.ReadUInt64LittleEndian(strtabHeader[24..]);
            ulong strtabSize = BinaryPrimitives.ReadUInt64LittleEndian(strtabHeader[32..]);
            if (!Fits(image, strtabOffset, strtabSize))
            {
                flagsOffset = -1;
                return false;
            }

            ReadOnlySpan<byte> strtab = image.Slice((int)strtabOffset, (int)strtabSize);

            // Walk Verneed (vn_version, vn_cnt, vn_file, vn_aux, vn_next) and each one's Vernaux
            // (vna_hash, vna_flags, vna_other, vna_name, vna_next); offsets are relative to the entry.
            ulong verneed = 0;
            for (uint n = 0; n < count; n++)
            {
                if (verneed + VerneedSize > size)
                {
                    break;
                }

                ReadOnlySpan<byte> need = image.Slice((int)(offset + verneed), VerneedSize);
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(need[2..]);
                ulong aux = verneed + BinaryPrimitives.ReadUInt32LittleEndian(need[8..]);
                for (int a = 0; a < auxCount; a++)
                {
                    if (aux + VernauxSize > size)
                    {
                        break;
                    }

                    ReadOnlySpan<byte> entry = image.Slice((int)(offset + aux), VernauxSize);
                    uint name = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
                    if (NameIs(strtab, name, wanted))
                    {
                        flagsOffset = (int)(offset + aux + 4);
                        return true;
                    }

                    uint next = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
                    if (next == 0)
                    {
                        break;
                    }

                    aux += next;
                }

                uint nextNeed = BinaryPrimitives.ReadUInt32LittleEndian(need[12..]);
                if (nextNeed == 0)
                {
                    break;
                }

                verneed += nextNeed;
            }
        }

        return false;
    }

    private static bool NameIs(ReadOnlySpan<byte> strtab, uint name, ReadOnlySpan<byte> wanted)
    {
        if ((ulong)name + (ulong)wanted.Length >= (ulong)strtab.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> candidate = strtab.Slice((int)name, wanted.Length + 1);
        return candidate[..^1].SequenceEqual(wanted) && candidate[^1] == 0;
    }

    private static bool Fits(ReadOnlySpan<byte> image, ulong offset, ulong length) =>
        offset <= (ulong)image.Length && length <= (ulong)image.Length - offset;
}
