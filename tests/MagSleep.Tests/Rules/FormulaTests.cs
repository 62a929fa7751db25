using MagSleep.Core.Rules;

namespace MagSleep.Tests.Rules;

public sealed class FormulaTests
{
    // Expected fractions worked out by hand from the anhydrous formulas with Mg 24.305, C 12.011, H 1.008, N 14.007, O 15.999, S 32.06, Cl 35.45.
    [Theory]
    [InlineData("glycinate", "Mg(C2H4NO2)2", 24.305 / 172.423)]
    [InlineData("l-threonate", "Mg(C4H7O5)2", 24.305 / 294.495)]
    [InlineData("taurate", "Mg(C2H6NO3S)2", 24.305 / 272.573)]
    [InlineData("citrate", "Mg3(C6H5O7)2", 72.915 / 451.113)]
    [InlineData("gluconate", "Mg(C6H11O7)2", 24.305 / 414.599)]
    [InlineData("orotate", "Mg(C5H3N2O4)2", 24.305 / 334.483)]
    [InlineData("oxide", "MgO", 24.305 / 40.304)]
    [InlineData("chloride", "MgCl2", 24.305 / 95.205)]
    public void ElementalFractionIsComputedFromTheFormula(string id, string formula, double expected)
    {
        var form = RuleSetFiles.Engine.Form(id, "en")!;
        Assert.Equal(formula, form.Formula);
        Assert.Equal("anhydrous", form.Hydration);
        Assert.Equal(expected, form.ElementalFraction, 0.0001);
    }

    [Theory]
    [InlineData("glycinate", "172.423")]
    [InlineData("citrate", "451.113")]
    [InlineData("l-threonate", "294.495")]
    [InlineData("oxide", "40.304")]
    public void AMolarMassIsWrittenToThePlacesOfItsAtomicMasses(string id, string written) =>
        Assert.Equal(written, RuleSetFiles.Engine.Form(id, "en")!.MolarMass.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void ParsesNestedGroupsAndCounts()
    {
        var counts = ChemicalFormula.Parse("Mg3(C6H5O7)2");
        Assert.Equal(new Dictionary<string, int> { ["Mg"] = 3, ["C"] = 12, ["H"] = 10, ["O"] = 14 }, counts);
        Assert.Equal(new Dictionary<string, int> { ["Mg"] = 1, ["Cl"] = 2 }, ChemicalFormula.Parse("MgCl2"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mg(C2H4NO2")]
    [InlineData("mg")]
    [InlineData("Mg0")]
    [InlineData("Mg)2")]
    [InlineData("Mg·6H2O")]
    public void RejectsMalformedFormulas(string formula) => Assert.Throws<FormatException>(() => ChemicalFormula.Parse(formula));

    [Fact]
    public void UnknownFormIsNotFound() => Assert.Null(RuleSetFiles.Engine.Form("bisglycinate", "en"));
}
