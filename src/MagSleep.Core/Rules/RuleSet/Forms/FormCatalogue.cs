namespace MagSleep.Core.Rules;

// forms.json

public sealed record FormCatalogue(AtomicMasses AtomicMasses, IReadOnlyList<FormRule> Forms);
