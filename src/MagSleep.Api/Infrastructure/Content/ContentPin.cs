using MagSleep.Core.Content;

namespace MagSleep.Api.Infrastructure.Content;

/// <summary>The version one request reads; emptied when the request ends, since its flow may have been captured by longer-lived work.</summary>
internal sealed class ContentPin(ContentSnapshot? served) : IDisposable
{
    public ContentSnapshot? Served { get; private set; } = served;

    public void Dispose() => Served = null;
}
