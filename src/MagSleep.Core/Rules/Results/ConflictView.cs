namespace MagSleep.Core.Rules;

/// <summary>Where the sources disagree about this amount, and which one the answer follows.</summary>
/// <param name="Id">The conflict's id in the rule set.</param>
/// <param name="Positions">What each source says.</param>
/// <param name="Resolution">Why the answer follows the winning source.</param>
/// <param name="Winner">The source tag the answer follows.</param>
public sealed record ConflictView(string Id, IReadOnlyList<ConflictPositionView> Positions, string Resolution, string Winner);

/// <summary>One source's side of a conflict.</summary>
/// <param name="Source">The source tag.</param>
/// <param name="Position">What it says, in words.</param>
public sealed record ConflictPositionView(string Source, string Position);
