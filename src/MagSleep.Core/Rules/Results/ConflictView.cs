namespace MagSleep.Core.Rules;

public sealed record ConflictView(string Id, IReadOnlyList<ConflictPositionView> Positions, string Resolution, string Winner);

public sealed record ConflictPositionView(string Source, string Position);
