using System.Collections.Generic;

namespace StaticNN.Serialization;

/// <summary>What <see cref="SafeTensors.Load{T}"/> found besides the parameters.</summary>
/// <param name="Metadata">The file's <c>__metadata__</c> (empty when it has none).</param>
/// <param name="NonFiniteValues">How many loaded values are NaN or infinite; they are loaded as they are, and a caller that cares checks this.</param>
public sealed record SafeTensorsLoadResult(IReadOnlyDictionary<string, string> Metadata, int NonFiniteValues);
