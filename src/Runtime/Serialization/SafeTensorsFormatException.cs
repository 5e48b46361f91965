using System;

namespace StaticNN.Serialization;

/// <summary>
/// A safetensors file is damaged, is not a safetensors file, or holds tensors that do not fit the
/// network. The message names the file and, where one is at fault, the tensor, with what was
/// expected and what came. The network is unchanged.
/// </summary>
public sealed class SafeTensorsFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="tensor">The tensor at fault, if one is.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public SafeTensorsFormatException(string path, string message, string? tensor = null, Exception? innerException = null)
        : base(tensor is null ? $"{path}: {message}" : $"{path}, tensor '{tensor}': {message}", innerException)
    {
        Path = path;
        Tensor = tensor;
    }

    /// <summary>Gets the file.</summary>
    public string Path { get; }

    /// <summary>Gets the name of the tensor at fault, or null when the file as a whole is.</summary>
    public string? Tensor { get; }
}
