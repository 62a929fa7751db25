namespace MagSleep.Core.Rules;

public sealed record NumericRange(double Min, double Max, bool MinExclusive = false)
{
    public bool Contains(double value) => (MinExclusive ? value > Min : value >= Min) && value <= Max;
}
