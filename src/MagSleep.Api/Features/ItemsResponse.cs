namespace MagSleep.Api.Features;

/// <summary>A list of results, the shape every list answer shares.</summary>
/// <param name="Items">The results, in the order the endpoint gives.</param>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
