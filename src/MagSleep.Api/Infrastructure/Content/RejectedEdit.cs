namespace MagSleep.Api.Infrastructure.Content;

/// <summary>Why the newest edit of content/ is not being served: a public reason code (details go to the log only).</summary>
internal sealed record RejectedEdit(string Code, DateTimeOffset At)
{
    public const string ContentInvalid = "content-invalid";
}
