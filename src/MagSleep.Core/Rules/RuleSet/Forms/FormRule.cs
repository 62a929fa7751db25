using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record FormRule(
    string Id,
    LocalizedText Name,
    string Formula,
    string Hydration,
    FormKind Kind,
    bool GentleOnGut,
    bool Recommendable,
    LocalizedText Summary,
    IReadOnlyList<string> Sources);
