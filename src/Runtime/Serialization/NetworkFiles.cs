using System.Numerics;
using StaticNN.Serialization;

namespace StaticNN;

/// <summary>Saving and loading a network's parameters, as extension methods on every network.</summary>
public static class NetworkFiles
{
    /// <summary>Saves the parameters as safetensors with PyTorch state_dict names; see <see cref="SafeTensors.Save{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to write, atomically.</param>
    public static void Save<T>(this INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        SafeTensors.Save(network, path);

    /// <summary>Writes the network as an ONNX model; see <see cref="OnnxExport"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to write, atomically.</param>
    public static void ExportOnnx<T>(this INetwork<T> network, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        OnnxExport.Export(network, path);

    /// <summary>Loads parameters from a safetensors file; see <see cref="SafeTensors.Load{T}"/>. On any error the network is unchanged.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">Whether dtypes may be converted; exact by default.</param>
    /// <returns>The file's metadata and the number of non-finite values loaded.</returns>
    public static SafeTensorsLoadResult Load<T>(this INetwork<T> network, string path, SafeTensorsOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        SafeTensors.Load(network, path, options);
}
