using System.Linq;
using System.Threading.Tasks;

namespace StaticNN.CodeFixes.Tests;

/// <summary>
/// Proves MakePartialCodeFixProvider adds <c>partial</c> to the declaration SNN0001 (the network)
/// or SNN0002 (a containing type) points at, right before the type keyword, keeping every other
/// token and all trivia (doc comments, attributes, line breaks), and that the error is then gone.
/// </summary>
public sealed class MakePartialCodeFixTests
{
    private readonly MakePartialCodeFixProvider _provider = new();

    [Fact]
    public void Fixes_exactly_SNN0001_and_SNN0002()
    {
        Assert.Equal(["SNN0001", "SNN0002"], _provider.FixableDiagnosticIds.ToArray());
    }

    [Fact]
    public Task SNN0001_public_class_becomes_public_partial_class() => AssertFix(
        "SNN0001",
        """
        using StaticNN;

        namespace Fixes;

        /// <summary>A network.</summary>
        [Dense(2, 1)]
        public class Model
        {
        }
        """,
        """
        using StaticNN;

        namespace Fixes;

        /// <summary>A network.</summary>
        [Dense(2, 1)]
        public partial class Model
        {
        }
        """,
        "Make 'Model' partial");

    [Fact]
    public Task SNN0001_class_without_modifiers_keeps_its_doc_comment_and_attributes() => AssertFix(
        "SNN0001",
        """
        using StaticNN;

        namespace Fixes;

        /// <summary>A network.</summary>
        /// <remarks>Two lines of documentation.</remarks>
        [Network(Loss.Mse)]
        [Dense(2, 3, Activation.ReLU)] // the hidden layer
        [Dense(3, 1)]
        class Model
        {
            /// <summary>A member that stays.</summary>
            public int Kept => 1;
        }
        """,
        """
        using StaticNN;

        namespace Fixes;

        /// <summary>A network.</summary>
        /// <remarks>Two lines of documentation.</remarks>
        [Network(Loss.Mse)]
        [Dense(2, 3, Activation.ReLU)] // the hidden layer
        [Dense(3, 1)]
        partial class Model
        {
            /// <summary>A member that stays.</summary>
            public int Kept => 1;
        }
        """,
        "Make 'Model' partial");

    [Fact]
    public Task SNN0001_class_without_modifiers_and_attributes_on_one_line() => AssertFix(
        "SNN0001",
        """
        namespace Fixes;

        /// <summary>A network.</summary>
        [StaticNN.Dense(2, 1)] class Model { }
        """,
        """
        namespace Fixes;

        /// <summary>A network.</summary>
        [StaticNN.Dense(2, 1)] partial class Model { }
        """,
        "Make 'Model' partial");

    [Fact]
    public Task SNN0001_public_sealed_class_becomes_public_sealed_partial_class() => AssertFix(
        "SNN0001",
        """
        namespace Fixes;

        /// <summary>A network.</summary>
        [StaticNN.Dense(2, 1)]
        public sealed class Model
        {
        }
        """,
        """
        namespace Fixes;

        /// <summary>A network.</summary>
        [StaticNN.Dense(2, 1)]
        public sealed partial class Model
        {
        }
        """,
        "Make 'Model' partial");

    [Fact]
    public Task SNN0001_nested_network_class() => AssertFix(
        "SNN0001",
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public partial class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            internal class InnerModel
            {
            }
        }
        """,
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public partial class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            internal partial class InnerModel
            {
            }
        }
        """,
        "Make 'InnerModel' partial");

    [Fact]
    public Task SNN0002_public_containing_class() => AssertFix(
        "SNN0002",
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public partial class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        "Make 'Outer' partial");

    [Fact]
    public Task SNN0002_containing_class_without_modifiers_keeps_the_doc_comment_on_partial() => AssertFix(
        "SNN0002",
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        partial class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        "Make 'Outer' partial");

    [Fact]
    public Task SNN0002_public_static_containing_class() => AssertFix(
        "SNN0002",
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public static class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public static partial class Outer
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        "Make 'Outer' partial");

    [Fact]
    public Task SNN0002_containing_struct() => AssertFix(
        "SNN0002",
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public readonly struct Holder
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        """
        namespace Fixes;

        /// <summary>Holds a network.</summary>
        public readonly partial struct Holder
        {
            /// <summary>A network.</summary>
            [StaticNN.Dense(2, 1)]
            public partial class InnerModel
            {
            }
        }
        """,
        "Make 'Holder' partial");

    private async Task AssertFix(string id, string before, string after, string title)
    {
        (string actual, string actualTitle) = await CodeFixHarness.ApplyFixAsync(before, _provider, id);
        Assert.Equal(after, actual);
        Assert.Equal(title, actualTitle);
        await CodeFixHarness.AssertFixedAsync(actual, id);
    }
}
