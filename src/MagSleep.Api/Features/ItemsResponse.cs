namespace MagSleep.Api.Features;

/// <summary>A list of results, the shape every list answer shares.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
