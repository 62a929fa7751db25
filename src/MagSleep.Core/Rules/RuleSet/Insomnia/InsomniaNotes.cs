using MagSleep.Core.Content;

namespace MagSleep.Core.Rules;

public sealed record InsomniaNotes(NoteRule TreatCauseFirst, NoteRule ClinicalDefinition);

public sealed record NoteRule(string Id, LocalizedText Text, IReadOnlyList<string> Sources);
