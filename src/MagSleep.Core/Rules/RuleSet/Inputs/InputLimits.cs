namespace MagSleep.Core.Rules;

// inputs.json: the ranges the web layer validates requests against.

public sealed record InputLimits(SleepInputLimits Sleep, DoseInputLimits Dose, AmountBasis DefaultAmountBasis);
