using System;
using System.Diagnostics;
using System.IO;
using TorchSharp;

namespace StaticNN.TorchSharp.Tests;

/// <summary>
/// Proves the patch of the output folder's <c>libLibTorchSharp.so</c> (see README.md): it was
/// applied, it changed only what it should, and TorchSharp's native library now loads and computes.
/// </summary>
public sealed class NativeLibraryTests
{
    [Fact]
    public void The_output_folders_copy_requires_GLIBCXX_3_4_32_only_weakly()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The patch is for Linux only.
        }

        Assert.Null(LibTorchSharpPatch.Failure);
        string path = Assert.IsType<string>(LibTorchSharpPatch.LibraryPath);
        Assert.StartsWith(AppContext.BaseDirectory, path, StringComparison.Ordinal);
        Assert.Contains(LibTorchSharpPatch.Result, new ElfPatchResult?[] { ElfPatchResult.Patched, ElfPatchResult.AlreadyWeak });

        ushort? flags = ElfVersionPatcher.ReadFlags(File.ReadAllBytes(path), LibTorchSharpPatch.Version);
        Assert.Equal(ElfVersionPatcher.VerFlagWeak, flags);
    }

    [Fact]
    public void The_patcher_is_idempotent_and_changes_only_the_flag()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The patch is for Linux only.
        }

        byte[] patched = File.ReadAllBytes(LibTorchSharpPatch.LibraryPath!);

        // Undo the patch in memory to get the bytes as shipped (the package cache is not read).
        byte[] original = (byte[])patched.Clone();
        ClearWeak(original);
        Assert.Equal((ushort)0, ElfVersionPatcher.ReadFlags(original, LibTorchSharpPatch.Version));

        byte[] image = (byte[])original.Clone();
        Assert.Equal(ElfPatchResult.Patched, ElfVersionPatcher.MarkWeak(image, LibTorchSharpPatch.Version));
        Assert.Equal(patched, image);
        int differences = 0;
        for (int i = 0; i < image.Length; i++)
        {
            differences += image[i] != original[i] ? 1 : 0;
        }

        Assert.Equal(1, differences);
        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionPatcher.MarkWeak(image, LibTorchSharpPatch.Version));
        Assert.Equal(patched, image);

        // Absent names and foreign files are left alone.
        Assert.Equal(ElfPatchResult.NotFound, ElfVersionPatcher.MarkWeak(image, "GLIBCXX_9.9.99"));
        Assert.Equal(ElfPatchResult.NotFound, ElfVersionPatcher.MarkWeak(image, "GLIBCXX_3.4.3"));
        Assert.Equal(patched, image);
        byte[] notElf = [1, 2, 3, 4];
        Assert.Equal(ElfPatchResult.NotElf64, ElfVersionPatcher.MarkWeak(notElf, LibTorchSharpPatch.Version));
        Assert.Equal(ElfPatchResult.NotElf64, ElfVersionPatcher.MarkWeak(patched.AsSpan(0, 1000), LibTorchSharpPatch.Version));
    }

    [Fact]
    public void TorchSharp_loads_and_computes()
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor ones = torch.ones(2);
        Assert.Equal([1f, 1f], ones.data<float>().ToArray());
        Assert.Equal(2f, ones.sum().item<float>());
    }

    private static void ClearWeak(byte[] image)
    {
        int offset = ElfVersionPatcher.FlagsOffset(image, LibTorchSharpPatch.Version)!.Value;
        image[offset] = (byte)(image[offset] & ~ElfVersionPatcher.VerFlagWeak);
    }

}
