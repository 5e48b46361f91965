using System.Collections.Generic;
using System.Linq;
using StaticNN.Tests.Networks;

namespace StaticNN.Tests.Support;

/// <summary>Looks networks up by name, so theories can take a readable string as their data.</summary>
public static class Catalog
{
    private static readonly Dictionary<string, NetworkCase<double>> Doubles =
        GradientNetworks.All.Concat(TestNetworks.Doubles).ToDictionary(c => c.Name);

    private static readonly Dictionary<string, NetworkCase<float>> Floats =
        TestNetworks.Floats.ToDictionary(c => c.Name);

    public static NetworkCase<double> Double(string name) => Doubles[name];

    public static NetworkCase<float> Float(string name) => Floats[name];

    /// <summary>A stable hash of a name (string.GetHashCode differs between runs), for per-case seeds.</summary>
    public static ulong Seed(string name, int salt = 0)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash ^ (ulong)salt;
    }
}
