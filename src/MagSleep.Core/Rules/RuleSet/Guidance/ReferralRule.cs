using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record ReferralRule(LocalizedText Reason, IReadOnlyList<TextItem> Bring, IReadOnlyList<string> Sources);
