using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

// ruleset.json

public sealed record RuleSetManifest(string Version, string DefaultLanguage, IReadOnlyList<Language> Languages, IReadOnlyList<SourceInfo> Sources, LocalizedText Disclaimer);
