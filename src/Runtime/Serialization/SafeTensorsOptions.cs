namespace StaticNN.Serialization;

/// <summary>How <see cref="SafeTensors.Load{T}"/> treats what does not match the network exactly.</summary>
public sealed class SafeTensorsOptions
{
    /// <summary>Gets the default options: exact dtype required.</summary>
    public static SafeTensorsOptions Default { get; } = new();

    /// <summary>
    /// Gets whether F64 tensors may be loaded into a float network and F32 into a double network,
    /// converting each value (F64 → F32 rounds to nearest). False by default: a dtype mismatch is an error.
    /// </summary>
    public bool AllowDtypeConversion { get; init; }
}
