using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record DailyRangeRule(string FromTier, LocalizedText Text, IReadOnlyList<string> Sources, ConflictRule Conflict);
