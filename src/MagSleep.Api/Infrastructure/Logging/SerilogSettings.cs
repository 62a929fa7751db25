using Microsoft.Extensions.Options;
using Serilog;

namespace MagSleep.Api.Infrastructure.Logging;

/// <summary>
/// Whether the "Serilog" section could be read. The logger is made before the start-up checks run, so a level or sink
/// it cannot read is kept here for them to report in one line, rather than ending the process with a stack trace.
/// </summary>
internal sealed class SerilogSettings
{
    public const string Section = "Serilog";

    private string? _refusal;

    public LoggerConfiguration Read(LoggerConfiguration logger, IConfiguration configuration)
    {
        try
        {
            return logger.ReadFrom.Configuration(configuration);
        }
        catch (Exception refused) when (refused is InvalidOperationException or FormatException or ArgumentException)
        {
            _refusal = refused.Message;
            return logger;
        }
    }

    public void ThrowIfRefused()
    {
        if (_refusal is { } refusal)
        {
            throw new OptionsValidationException(Section, typeof(SerilogSettings), [$"The {Section} section could not be read: {refusal}"]);
        }
    }
}
