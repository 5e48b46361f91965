using System.Numerics;

namespace StaticNN.Kernels;

/// <summary>
/// An activation function σ with its derivative, in a scalar and a <see cref="Vector{T}"/> form
/// that compute the same values. Implemented by small structs so that the kernels that take one
/// as a type argument are specialised for it by the JIT, with no virtual call.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IActivationOperator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets whether σ is the identity, so kernels can skip it.</summary>
    static abstract bool IsIdentity { get; }

    /// <summary>Computes <c>a = σ(z)</c>.</summary>
    static abstract T Invoke(T z);

    /// <summary>Computes <c>a = σ(z)</c> for each element.</summary>
    static abstract Vector<T> Invoke(Vector<T> z);

    /// <summary>Computes <c>σ′(z)</c>, given z and <c>a = σ(z)</c> (each operator uses whichever is cheaper).</summary>
    static abstract T Derivative(T z, T a);

    /// <summary>Computes <c>σ′(z)</c> for each element, given z and <c>a = σ(z)</c>.</summary>
    static abstract Vector<T> Derivative(Vector<T> z, Vector<T> a);
}
