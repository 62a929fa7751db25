using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record UnitText(string Id, LocalizedText One, LocalizedText Many);
