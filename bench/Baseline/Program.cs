var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.MapGet("/json", () => new JsonMessage("Hello, World!"));
app.Run();

internal sealed record JsonMessage(string Message);
