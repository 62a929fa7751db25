using System.Text.Json;

namespace MagSleep.Tests.Api;

internal static class ReadyProbe
{
    /// <summary>Asks /health/ready until its answer meets <paramref name="condition"/>, failing with the last answer after 15 s.</summary>
    public static async Task<JsonElement> WaitForReadyAsync(this HttpClient client, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var ready = await client.GetJsonAsync("/health/ready");
            if (condition(ready))
            {
                return ready;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready never reached the expected state; last: {ready}");
            await Task.Delay(50);
        }
    }
}
