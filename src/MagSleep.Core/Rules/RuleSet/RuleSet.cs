using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

// The rule set exactly as stored in content/rules/*.json. Served as-is by GET /rules.

/// <summary>The whole rule set, one property per file in content/rules/.</summary>
public sealed record RuleSet(
    string Version,
    IReadOnlyList<SourceInfo> Sources,
    LocalizedText Disclaimer,
    string DefaultLanguage,
    IReadOnlyList<Language> Languages,
    InputLimits Inputs,
    InsomniaRules Insomnia,
    DoseRules Dose,
    FormCatalogue Forms,
    RiskRules Risks,
    GuidanceRules Guidance);
