using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MagSleep.Core.Rules;

namespace MagSleep.Tests.Rules;

/// <summary>The shipped rule set keeps the safety policy and the writing rules of content/README.md.</summary>
public sealed partial class ContentPolicyTests
{
    private static readonly RuleSet Rules = RuleSetFiles.Engine.Rules;

    [Fact]
    public void SeveritiesFollowTheSafetyPolicy()
    {
        var risks = Rules.Risks;
        Assert.All(
            new[] { risks.AboveSupplementUpperLimit.Severity, risks.KidneyImpairment.Severity, risks.MedicationInteraction.Severity, risks.PregnancyOrBreastfeeding.Severity, risks.Under18.Severity, risks.MedicalCondition.Severity },
            s => Assert.Equal(Severity.ConsultClinician, s));
        Assert.Equal(Severity.Info, risks.DeficiencyRisk.Severity);
        Assert.Equal(Severity.Info, risks.SideEffects.Severity);
        Assert.Equal(Severity.ConsultClinician, Rules.Dose.Tiers.Single(t => t.Id == "supervised").Severity);
        Assert.Equal(Severity.Info, Rules.Dose.Tiers.Single(t => t.Id == "below-common-range").Severity);
        Assert.Null(Rules.Dose.Tiers.Single(t => t.Id == "everyday").Severity);
        Assert.Equal(Severity.ConsultClinician, Rules.Guidance.TreatCauseFirst.Severity);
    }

    [Fact]
    public void TheLimitsAndAgesAreTheDocumentedOnes()
    {
        Assert.Equal([(0, 0, null), (1, 3, 65), (4, 8, 110), (9, 17, 350), (18, 120, 350)], Rules.Dose.UpperLimits.Select(b => (b.MinAge, b.MaxAge, b.Mg)));
        Assert.Equal([["ODS"], ["ODS"], ["ODS"], ["ODS"], ["ODS", "S1"]], Rules.Dose.UpperLimits.Select(b => b.Sources));
        Assert.Equal(18, Rules.Risks.Under18.AdultAgeYears);
        Assert.Equal(65, Rules.Risks.DeficiencyRisk.Groups.Single(g => g.Id == "older-adults").MinAgeYears);
        Assert.Equal(["digestive-disease", "diabetes", "alcohol-dependence", "other"], Rules.Risks.MedicalCondition.Conditions.Select(c => c.Id));
        Assert.Equal(["antibiotics", "muscle-relaxants", "blood-pressure", "bisphosphonates", "diuretics", "proton-pump-inhibitors", "other"],
            Rules.Risks.MedicationInteraction.Groups.Select(g => g.Id));
        Assert.Equal(["glycinate", "l-threonate", "taurate", "citrate", "gluconate", "orotate", "oxide", "chloride"], Rules.Forms.Forms.Select(f => f.Id));
    }

    [Fact]
    public void ChineseTextsUseFullWidthPunctuation()
    {
        var offenders = ChineseTexts().Where(t => AsciiPunctuationNextToChinese().IsMatch(t)).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void ChineseTextsDoNotCallMagnesiumATraceElement() =>
        Assert.DoesNotContain(ChineseTexts(), t => t.Contains("微量元素"));

    [Fact]
    public void CataloguesAreServedInBothLanguages()
    {
        var engine = RuleSetFiles.Engine;
        foreach (var language in new[] { "en", "zh-CN" })
        {
            Assert.Equal(8, engine.Forms(language).Count);
            Assert.Equal(5, engine.DoseTiers(language).Tiers.Count);
            Assert.Equal(5, engine.DoseTiers(language).SupplementUpperLimits.Count);
            var risks = engine.RiskGroups(language).RiskGroups;
            Assert.Equal(["above-supplement-ul", "kidney-impairment", "pregnancy-or-breastfeeding", "under-18", "medication-interaction", "deficiency-risk", "medical-condition", "side-effects"],
                risks.Select(r => r.RuleId));
            Assert.All(risks, r => Assert.NotEmpty(r.Sources));
            Assert.Contains(risks.Single(r => r.RuleId == "deficiency-risk").Members, m => m.MinAgeYears == 65 && m.Rationale is not null);
        }

        Assert.Equal("甘氨酸镁", engine.Form("glycinate", "zh-CN")!.Name);
        Assert.Equal("Everyday range", engine.DoseTiers("en").Tiers[1].Name);
    }

    private static IEnumerable<string> ChineseTexts()
    {
        foreach (var file in Directory.GetFiles(RuleSetFiles.Directory, "*.json"))
        {
            var stack = new Stack<JsonNode?>([JsonNode.Parse(File.ReadAllText(file))]);
            while (stack.TryPop(out var node))
            {
                switch (node)
                {
                    case JsonObject o:
                        if (o["zh-CN"] is JsonValue zh)
                        {
                            yield return zh.GetValue<string>();
                        }

                        foreach (var (_, child) in o)
                        {
                            stack.Push(child);
                        }

                        break;
                    case JsonArray a:
                        foreach (var child in a)
                        {
                            stack.Push(child);
                        }

                        break;
                }
            }
        }
    }

    [GeneratedRegex(@"[\u4e00-\u9fff][,.;:!?()]|[,.;:!?()][\u4e00-\u9fff]")]
    private static partial Regex AsciiPunctuationNextToChinese();
}
