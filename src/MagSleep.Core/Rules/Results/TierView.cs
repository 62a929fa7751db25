namespace MagSleep.Core.Rules;

/// <summary>Lower and Upper are null in a consult-clinician dose check, which names no amounts (safety rule 8).</summary>
public sealed record TierView(string Id, string Name, string Description, BoundView? Lower, BoundView? Upper, Severity? Severity, IReadOnlyList<string> Sources);

public sealed record BoundView(double Mg, bool Inclusive);
