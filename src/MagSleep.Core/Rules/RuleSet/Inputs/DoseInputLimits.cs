namespace MagSleep.Core.Rules;

public sealed record DoseInputLimits(NumericRange AmountMg, NumericRange Age);
