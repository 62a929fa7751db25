using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record FormRankingRule(int MaxRecommended, LocalizedText ReasonWithPathways, LocalizedText ListSeparator);
