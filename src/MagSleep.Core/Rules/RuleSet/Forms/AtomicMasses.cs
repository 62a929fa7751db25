namespace MagSleep.Core.Rules;

public sealed record AtomicMasses(IReadOnlyDictionary<string, double> Elements, IReadOnlyList<string> Sources);
