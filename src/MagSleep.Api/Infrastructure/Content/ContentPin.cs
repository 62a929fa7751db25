namespace MagSleep.Api.Infrastructure.Content;

/// <summary>The version one request reads; emptied when the request ends, since its flow may have been captured by longer-lived work.</summary>
internal sealed class ContentPin(ServedContent? served) : IDisposable
{
    public ServedContent? Served { get; private set; } = served;

    public void Dispose() => Served = null;
}
