using System;
using System.Linq;

namespace StaticNN.Benchmarks;

/// <summary>
/// The fastest one core could possibly run a scenario, as the performance issue defines it: the
/// slower of (a) the floating-point work at the core's peak and (b) reading the weights once from
/// the cache they fit in.
/// </summary>
/// <remarks>
/// <para>(a) A forward pass does one multiply-add per weight and sample, 2 FLOPs; a training step
/// about three times that (forward; δ propagation, Wᵀδ; gradient, δ·aᵀ). Peak: 2 FMA pipes × 16
/// float lanes (512 bits) × 2 FLOPs per FMA = 64 FLOP per cycle, Zen 5's figure, confirmed on this
/// machine by <see cref="MachineInfo.MeasuredFlopsPerCycle"/>.</para>
/// <para>(b) The weights (and biases), 4 bytes each, read once per call for a forward pass at any
/// batch size (the ideal kernel reuses each weight across the batch); three times for a training
/// step (read in forward, read in backward, gradient and update over them). Bandwidth of the cache
/// the weights sit in (L1 if they fit in the L1d, else L2 if they fit there): assumed, not
/// measured — Zen 5 loads two 64-byte (512-bit) lines per cycle from L1 (128 B/cycle) and moves
/// 64 B/cycle from L2 to L1; beyond L2, 32 B/cycle from L3 is assumed.</para>
/// <para>Activations and inputs are left out (small next to the weights except C's 3 KB input),
/// which makes the bound lower, i.e. harder to reach, never easier.</para>
/// </remarks>
public static class Roofline
{
    /// <summary>Peak single-precision FLOP per cycle: 2 FMA pipes × 16 lanes × 2.</summary>
    public const double FlopsPerCycle = 2 * 16 * 2;

    /// <summary>Assumed L1 load bandwidth: 2 × 64 B per cycle.</summary>
    public const double L1BytesPerCycle = 128;

    /// <summary>Assumed L2 → L1 bandwidth: 64 B per cycle.</summary>
    public const double L2BytesPerCycle = 64;

    /// <summary>Assumed L3 → L2 bandwidth: 32 B per cycle.</summary>
    public const double L3BytesPerCycle = 32;

    /// <summary>What bounds one call.</summary>
    /// <param name="Flops">Floating-point operations of the call.</param>
    /// <param name="Bytes">Weight bytes the call must read.</param>
    /// <param name="Cache">Where the weights fit: L1, L2 or L3.</param>
    /// <param name="ComputeNs">Flops at the peak, in ns.</param>
    /// <param name="MemoryNs">Bytes at the cache's bandwidth, in ns.</param>
    public readonly record struct Bound(double Flops, double Bytes, string Cache, double ComputeNs, double MemoryNs)
    {
        /// <summary>Gets the bound: the slower of the two, in ns.</summary>
        public double Ns => Math.Max(ComputeNs, MemoryNs);

        /// <summary>Gets which of the two binds.</summary>
        public string Limit => ComputeNs >= MemoryNs ? "compute" : Cache;
    }

    /// <summary>Multiply-adds per sample: Σ inputs × outputs over the layers.</summary>
    /// <param name="network">The network.</param>
    /// <returns>The count.</returns>
    public static long MultiplyAdds(INetwork<float> network) => network.Layers.Sum(l => (long)l.Inputs * l.Outputs);

    /// <summary>The bound of one call.</summary>
    /// <param name="network">The network.</param>
    /// <param name="batch">Samples per call.</param>
    /// <param name="training">A training step rather than a forward pass.</param>
    /// <param name="machine">The clock (measured) and cache sizes.</param>
    /// <returns>The bound.</returns>
    public static Bound For(INetwork<float> network, int batch, bool training, MachineInfo machine)
    {
        double passes = training ? 3 : 1;
        double flops = passes * 2 * MultiplyAdds(network) * batch;
        double weightBytes = 4.0 * network.ParameterCount;
        (string cache, double bandwidth) = weightBytes <= machine.L1DataBytes ? ("L1", L1BytesPerCycle)
            : weightBytes <= machine.L2Bytes ? ("L2", L2BytesPerCycle)
            : ("L3", L3BytesPerCycle);
        double bytes = passes * weightBytes;
        double cyclesPerNs = machine.MeasuredGHz;
        return new Bound(flops, bytes, cache, flops / FlopsPerCycle / cyclesPerNs, bytes / bandwidth / cyclesPerNs);
    }
}
