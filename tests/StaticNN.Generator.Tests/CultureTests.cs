using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace StaticNN.Generator.Tests;

/// <summary>
/// Proves the generated source does not depend on the culture of the machine that builds it:
/// a build under a culture with a Unicode minus sign, or an Arabic or Persian culture, writes
/// byte for byte what a build under the invariant culture writes.
/// </summary>
public sealed class CultureTests(ITestOutputHelper output)
{
    [Fact]
    public void Generated_source_is_identical_under_a_culture_with_a_unicode_minus_sign()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        AssertSameSourceAsInvariant(culture);
    }

    [Theory]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    [InlineData("tr-TR")]
    public void Generated_source_is_identical_under_a_named_culture(string name)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            output.WriteLine($"Culture {name} is not available on this machine (no ICU?); checked nothing.");
            return;
        }

        AssertSameSourceAsInvariant(culture);
    }

    private static void AssertSameSourceAsInvariant(CultureInfo culture)
    {
        Compilation compilation = TestHelper.CreateCompilation(SampleNetworks.All.Select(s => s.Source).ToArray());
        IReadOnlyDictionary<string, string> invariant = RunUnder(CultureInfo.InvariantCulture, compilation);
        IReadOnlyDictionary<string, string> localized = RunUnder(culture, compilation);

        Assert.Equal(SampleNetworks.All.Count, invariant.Count);
        Assert.Equal(invariant.Keys.Order(StringComparer.Ordinal), localized.Keys.Order(StringComparer.Ordinal));
        foreach ((string hintName, string text) in invariant)
        {
            Assert.True(
                Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(localized[hintName])),
                $"{hintName} differs under culture '{culture.Name}' (negative sign '{culture.NumberFormat.NegativeSign}').");
        }
    }

    private static IReadOnlyDictionary<string, string> RunUnder(CultureInfo culture, Compilation compilation)
    {
        CultureInfo previousCulture = CultureInfo.CurrentCulture;
        CultureInfo previousUICulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            GeneratorRun run = TestHelper.RunGenerator(compilation);
            TestHelper.AssertDidNotThrow(run);
            return run.Sources;
        }
        finally
        {
            CultureInfo.CurrentCulture = previousCulture;
            CultureInfo.CurrentUICulture = previousUICulture;
        }
    }
}
