using MagSleep.Core.Content;

namespace MagSleep.Api.Infrastructure.Content;

/// <summary>The content version being served; <see cref="ContentStore"/> replaces it whole, in one reference swap.</summary>
internal sealed class ServedContent(ContentSnapshot snapshot)
{
    public ContentSnapshot Snapshot { get; } = snapshot;
}
