var builder = WebApplication.CreateBuilder(args);

// The yardstick keeps logging at Warning: the framework's providers stay, so the host starts an Activity and
// a log scope for every request, as it does in any service that logs. TechEmpower's own entry clears the providers;
// bench/run.sh also measures that setting, as a reference row.
if (builder.Configuration.GetValue("Baseline:ClearLogging", false))
{
    builder.Logging.ClearProviders();
}

builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.MapGet("/json", () => new JsonMessage("Hello, World!"));
app.Run();

internal sealed record JsonMessage(string Message);
