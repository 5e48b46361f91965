using System;

namespace StaticNN.Generator.Model;

/// <summary>The constructors the generator adds; the user may have written some of them.</summary>
[Flags]
internal enum GeneratedConstructors
{
    None = 0,

    /// <summary><c>Network()</c>: parameters from seed 0.</summary>
    Parameterless = 1,

    /// <summary><c>Network(int seed)</c>.</summary>
    Seed = 2,
}
