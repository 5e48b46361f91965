using System.Collections.Generic;

namespace StaticNN.Generator.Tests;

/// <summary>A network declaration to compile, with the metadata name of the class it declares.</summary>
/// <param name="Name">A short name for test output.</param>
/// <param name="Source">The C# source of the declaration.</param>
/// <param name="MetadataName">The class's metadata name (nested types joined with <c>+</c>), to load it by reflection.</param>
/// <param name="HintName">The file name the generator gives the class's source.</param>
public sealed record SampleNetwork(string Name, string Source, string MetadataName, string HintName)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Valid network declarations shared by the tests.</summary>
internal static class SampleNetworks
{
    /// <summary>A regression network in a file-scoped namespace: 56 → 100 (ReLU) → 1, MSE, float.</summary>
    public static readonly SampleNetwork Views = new(
        "ViewsModel",
        """
        using StaticNN;

        namespace Views;

        /// <summary>Predicts page views.</summary>
        [Network(Loss.Mse)]
        [Dense(56, 100, Activation.ReLU)]
        [Dense(100, 1)]
        public partial class ViewsModel
        {
        }
        """,
        "Views.ViewsModel",
        "Views.ViewsModel.g.cs");

    /// <summary>A classifier over double in a block-scoped namespace: 784 → 100 (Sigmoid) → 10, cross-entropy.</summary>
    public static readonly SampleNetwork Digits = new(
        "DigitsModel",
        """
        using StaticNN;

        namespace Digits
        {
            /// <summary>Classifies handwritten digits.</summary>
            [Network(Loss.CrossEntropy, ElementType = typeof(double))]
            [Dense(784, 100, Activation.Sigmoid)]
            [Dense(100, 10)]
            public partial class DigitsModel
            {
            }
        }
        """,
        "Digits.DigitsModel",
        "Digits.DigitsModel.g.cs");

    /// <summary>One layer and no [Network]: the defaults (MSE, float).</summary>
    public static readonly SampleNetwork SingleLayer = new(
        "SingleLayer",
        """
        namespace Shapes;

        /// <summary>A single linear layer.</summary>
        [StaticNN.Dense(3, 2)]
        public partial class SingleLayerModel
        {
        }
        """,
        "Shapes.SingleLayerModel",
        "Shapes.SingleLayerModel.g.cs");

    /// <summary>A network nested in a partial class.</summary>
    public static readonly SampleNetwork NestedInClass = new(
        "NestedInClass",
        """
        using StaticNN;

        namespace Nesting;

        /// <summary>Holds a network.</summary>
        public partial class Outer
        {
            /// <summary>A nested network.</summary>
            [Dense(4, 3, Activation.Tanh)]
            [Dense(3, 2)]
            public partial class InnerModel
            {
            }
        }
        """,
        "Nesting.Outer+InnerModel",
        "Nesting.Outer.InnerModel.g.cs");

    /// <summary>A network nested in a partial struct, itself nested in a partial class.</summary>
    public static readonly SampleNetwork NestedInStruct = new(
        "NestedInStruct",
        """
        using StaticNN;

        namespace Nesting;

        /// <summary>Holds a holder.</summary>
        public static partial class Container
        {
            /// <summary>Holds a network.</summary>
            public partial struct Holder
            {
                /// <summary>A nested network.</summary>
                [Network(Loss.Mae)]
                [Dense(5, 4, Activation.LeakyReLU)]
                [Dense(4, 1)]
                public partial class StructInnerModel
                {
                }
            }
        }
        """,
        "Nesting.Container+Holder+StructInnerModel",
        "Nesting.Container.Holder.StructInnerModel.g.cs");

    /// <summary>A network in the global namespace.</summary>
    public static readonly SampleNetwork GlobalNamespace = new(
        "GlobalNamespace",
        """
        using StaticNN;

        /// <summary>A network without a namespace.</summary>
        [Dense(2, 2, Activation.ReLU)]
        [Dense(2, 1, Activation.Sigmoid)]
        public partial class GlobalNamespaceModel
        {
        }
        """,
        "GlobalNamespaceModel",
        "GlobalNamespaceModel.g.cs");

    /// <summary>A network declared as a partial record.</summary>
    public static readonly SampleNetwork Record = new(
        "Record",
        """
        using StaticNN;

        namespace Records;

        /// <summary>A network that is a record.</summary>
        [Dense(3, 3, Activation.HardSigmoid)]
        [Dense(3, 2)]
        public partial record RecordModel;
        """,
        "Records.RecordModel",
        "Records.RecordModel.g.cs");

    /// <summary>Four layers, each hidden one with a different activation.</summary>
    public static readonly SampleNetwork FourLayers = new(
        "FourLayers",
        """
        using StaticNN;

        namespace Deep;

        /// <summary>A deeper network.</summary>
        [Network(Loss.Mse)]
        [Dense(8, 7, Activation.ReLU)]
        [Dense(7, 6, Activation.Sigmoid)]
        [Dense(6, 5, Activation.HardSigmoid)]
        [Dense(5, 4, Activation.Tanh)]
        public partial class FourLayerModel
        {
        }
        """,
        "Deep.FourLayerModel",
        "Deep.FourLayerModel.g.cs");

    /// <summary>Six layers that use every activation, the last one Linear.</summary>
    public static readonly SampleNetwork EveryActivation = new(
        "EveryActivation",
        """
        using StaticNN;

        namespace Deep;

        /// <summary>A network that uses every activation.</summary>
        [Dense(9, 8, Activation.ReLU)]
        [Dense(8, 7, Activation.Sigmoid)]
        [Dense(7, 6, Activation.HardSigmoid)]
        [Dense(6, 5, Activation.Tanh)]
        [Dense(5, 4, Activation.LeakyReLU)]
        [Dense(4, 3, Activation.Linear)]
        public partial class EveryActivationModel
        {
        }
        """,
        "Deep.EveryActivationModel",
        "Deep.EveryActivationModel.g.cs");

    /// <summary>Mean absolute error over float with a non-linear output layer.</summary>
    public static readonly SampleNetwork Mae = new(
        "Mae",
        """
        using StaticNN;

        namespace Losses;

        /// <summary>A network trained with the mean absolute error.</summary>
        [Network(Loss.Mae, ElementType = typeof(float))]
        [Dense(6, 4, Activation.ReLU)]
        [Dense(4, 2, Activation.Tanh)]
        internal sealed partial class MaeModel
        {
        }
        """,
        "Losses.MaeModel",
        "Losses.MaeModel.g.cs");

    /// <summary>Every sample above.</summary>
    public static IReadOnlyList<SampleNetwork> All { get; } =
    [
        Views,
        Digits,
        SingleLayer,
        NestedInClass,
        NestedInStruct,
        GlobalNamespace,
        Record,
        FourLayers,
        EveryActivation,
        Mae,
    ];

    /// <summary>A valid network added beside a broken one, to show the generator ran and emits for the valid class only.</summary>
    public const string Control = """
        namespace Control;

        /// <summary>A valid network.</summary>
        [StaticNN.Dense(2, 2, StaticNN.Activation.ReLU)]
        [StaticNN.Dense(2, 1)]
        public partial class ControlModel
        {
        }
        """;

    /// <summary>The hint name of <see cref="Control"/>'s generated source.</summary>
    public const string ControlHintName = "Control.ControlModel.g.cs";
}
