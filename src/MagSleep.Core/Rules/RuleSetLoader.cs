using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

/// <summary>Reads and validates content/rules/*.json. Every problem becomes a <see cref="ContentValidationException"/> naming file and JSON path.</summary>
internal static class RuleSetLoader
{
    public const string ManifestFile = "ruleset.json";
    public const string InputsFile = "inputs.json";
    public const string InsomniaFile = "insomnia.json";
    public const string DoseFile = "dose.json";
    public const string FormsFile = "forms.json";
    public const string RisksFile = "risks.json";
    public const string GuidanceFile = "guidance.json";

    private static readonly string[] KnownFiles = [ManifestFile, InputsFile, InsomniaFile, DoseFile, FormsFile, RisksFile, GuidanceFile];

    public static RuleSet Load(string rulesDirectory, ContentReads? reads = null)
    {
        reads ??= new ContentReads();
        if (!Directory.Exists(rulesDirectory))
        {
            throw new ContentValidationException(rulesDirectory, "$", "the rules folder does not exist");
        }

        foreach (var path in Directory.EnumerateFiles(rulesDirectory, "*.json"))
        {
            var name = Path.GetFileName(path);
            if (!ContentFiles.IsIgnored(name) && !KnownFiles.Contains(name, StringComparer.Ordinal))
            {
                throw new ContentValidationException(name, "$", $"unexpected rules file; the rule set is made of {string.Join(", ", KnownFiles)}");
            }
        }

        var manifest = Read<RuleSetManifest>(reads, rulesDirectory, ManifestFile);
        var rules = new RuleSet(
            manifest.Version,
            manifest.Sources,
            manifest.Disclaimer,
            manifest.DefaultLanguage,
            manifest.Languages,
            Read<InputLimits>(reads, rulesDirectory, InputsFile),
            Read<InsomniaRules>(reads, rulesDirectory, InsomniaFile),
            Read<DoseRules>(reads, rulesDirectory, DoseFile),
            Read<FormCatalogue>(reads, rulesDirectory, FormsFile),
            Read<RiskRules>(reads, rulesDirectory, RisksFile),
            Read<GuidanceRules>(reads, rulesDirectory, GuidanceFile));
        RuleSetValidator.Validate(rules, new Languages(manifest.Languages, manifest.DefaultLanguage, ManifestFile));
        return rules;
    }

    private static T Read<T>(ContentReads reads, string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new ContentValidationException(file, "$", "the file is missing");
        }

        return ContentJson.Read<T>(reads, path, file);
    }
}
