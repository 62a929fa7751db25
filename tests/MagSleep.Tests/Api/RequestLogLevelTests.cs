using System.Net;
using MagSleep.Api.Infrastructure.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace MagSleep.Tests.Api;

public class RequestLogLevelTests(LogCapturingApiFactory factory) : IClassFixture<LogCapturingApiFactory>
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("Information", 1)]
    [InlineData("Warning", 0)]
    public async Task RequestLinesFollowTheLevelConfiguredForTheirCategory(string? level, int lines)
    {
        var configured = level is null ? factory : factory.WithWebHostBuilder(host => host.ConfigureAppConfiguration(settings => settings.AddInMemoryCollection([new($"Serilog:MinimumLevel:Override:{ApiLogging.RequestCategory}", level)])));
        var client = configured.CreateClient();
        var before = RequestLines();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/magnesium/forms")).StatusCode);

        Assert.Equal(before + lines, RequestLines());
    }

    private int RequestLines() =>
        factory.Logs.Lines.Count(line => line.Contains("Route=/api/v1/magnesium/forms") && line.Contains("StatusCode=200") && line.Contains($"SourceContext={ApiLogging.RequestCategory}"));
}
