using System.Net;
using MagSleep.Core.Content;
using Microsoft.AspNetCore.Hosting;

namespace MagSleep.Tests.Api;

public class StartupTests
{
    [Fact]
    public void TheServiceRefusesToStartOnBrokenContent()
    {
        using var content = TestContent.Copy();
        content.Edit("articles/magnesium-and-sleep/zh-CN.json", json => json.Replace("\"title\"", "\"titel\""));
        using var factory = new MagSleepApiFactory();

        var failure = StartupFailure.Of(factory, b => b.UseSetting("Content:Path", content.Root));

        Assert.Contains("articles/magnesium-and-sleep/zh-CN.json", failure);
    }

    public static TheoryData<string, string, string, string> BrokenStarts => new()
    {
        { "a value of the wrong type", "articles/magnesium-insomnia-pathways/en.json|\"heading\": \"|\"heading\": 42, \"x\": \"", "articles/magnesium-insomnia-pathways/en.json", "$.sections[0].heading" },
        { "a null section", "articles/magnesium-and-sleep/en.json|\"sections\": [|\"sections\": [null, ", "articles/magnesium-and-sleep/en.json", "$.sections[0]" },
        { "a null paragraph", "articles/magnesium-and-sleep/zh-CN.json|\"paragraphs\": [|\"paragraphs\": [null, ", "articles/magnesium-and-sleep/zh-CN.json", "$.sections[0].paragraphs[0]" },
        { "a truncated file", "articles/magnesium-and-sleep/en.json|truncate|", "articles/magnesium-and-sleep/en.json", "line" },
        { "a partner key that is not a SHA-256", "ApiKeys__Partners__0__Name=Acme|ApiKeys__Partners__0__KeySha256=abc123", "ApiKeys:Partners:0:KeySha256", "64 hex characters" },
        { "a partner without a name", "ApiKeys__Partners__0__Name= |ApiKeys__Partners__0__KeySha256=" + new string('a', 64), "ApiKeys:Partners:0:Name", "empty" },
        { "a trusted proxy that is not an address", "Proxies__Trusted__0=10.0.0.0/99", "Proxies:Trusted:0", "neither an IP address" },
        { "a contact URL that is not a web address", "OpenApi__Contact__Url=/contact", "OpenApi:Contact:Url", "absolute http or https URL" },
        { "a contact e-mail that is not an address", "OpenApi__Contact__Email=the api team", "OpenApi:Contact:Email", "an e-mail address" },
        { "a licence URL that is not a web address", "OpenApi__License__Name=CC BY 4.0|OpenApi__License__Url=ftp://licences.test/by", "OpenApi:License:Url", "absolute http or https URL" },
        { "a licence URL without the licence's name", "OpenApi__License__Url=https://creativecommons.org/licenses/by/4.0/", "OpenApi:License:Name", "set with OpenApi:License:Url" },
        { "a negative max-age", "Content__MaxAgeSeconds=-1", "Content:MaxAgeSeconds", "from 0 to 31536000" },
        { "a body limit that is not a number", "Limits__MaxBodyBytes=16k", "Limits:MaxBodyBytes", "'16k'" },
        { "a log level Serilog does not know", "Serilog__MinimumLevel__Override__MagSleep=Loud", "Serilog section", "Loud" },
        { "an allowed origin with a path", "Cors__AllowedOrigins__0=https://app.example.com/", "Cors:AllowedOrigins:0", "scheme://host[:port]" },
    };

    /// <summary>Each bound setting just outside its range, and values that are not whole numbers.</summary>
    [Theory]
    [InlineData("Content:MaxAgeSeconds", "-1", "from 0 to 31536000")]
    [InlineData("Content:MaxAgeSeconds", "31536001", "from 0 to 31536000")]
    [InlineData("Content:MaxAgeSeconds", "300s", "'300s'")]
    [InlineData("Content:ReloadDelayMilliseconds", "-1", "from 0 to 60000")]
    [InlineData("Content:PollMilliseconds", "9", "from 10 to 3600000")]
    [InlineData("RateLimits:PartnerPerMinute", "0", "from 1 to")]
    [InlineData("RateLimits:AnonymousPerMinute", "-5", "from 1 to")]
    [InlineData("RateLimits:AnonymousPerMinute", "1.5", "'1.5'")]
    [InlineData("RateLimits:RedisTimeoutMilliseconds", "0", "from 1 to 60000")]
    [InlineData("RateLimits:RedisRetryMilliseconds", "0", "from 1 to 3600000")]
    [InlineData("Search:MaxQueryLength", "0", "from 1 to")]
    [InlineData("Search:MaxTerms", "-1", "from 1 to")]
    [InlineData("Metrics:Prometheus", "maybe", "'maybe'")]
    [InlineData("OpenApi:Enabled", "no", "'no'")]
    [InlineData("RateLimits:Redis", "cache:6379,tls=yes", "StackExchange.Redis configuration")]
    [InlineData("RateLimits:Redis", "cache:notaport", "no host:port")]
    [InlineData("RateLimits:Redis", ",", "no host:port")]
    [InlineData("RateLimits:Redis", "abortConnect=false", "no host:port")]
    [InlineData("Content:Watch", "yes", "'yes'")]
    [InlineData("Cors:AllowedOrigins:1", "app.example.com", "must be * or an origin")]
    [InlineData("Cors:AllowedOrigins:1", "https://app.example.com:443", "must be * or an origin")]
    [InlineData("Cors:AllowedOrigins:1", "ftp://app.example.com", "must be * or an origin")]
    [InlineData("Metrics:OtlpEndpoint", "collector:4317", "absolute http or https URL")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "notaurl", "absolute http or https URL")]
    [InlineData("Search:MaxTermLength", "0", "from 1 to")]
    [InlineData("Search:MaxPieces", "0", "from 1 to")]
    [InlineData("Limits:MaxBodyBytes", "0", "from 1 to 1073741824")]
    [InlineData("Limits:MaxBodyBytes", "99999999999", "'99999999999'")]
    public void ASettingOutsideItsRangeStopsStartUpNamingIt(string key, string value, string problem)
    {
        using var factory = new MagSleepApiFactory();

        var failure = StartupFailure.Of(factory, b => b.UseSetting(key, value));

        Assert.Contains(key, failure);
        Assert.Contains(problem, failure);
    }

    [Theory]
    [InlineData("Content:MaxAgeSeconds", "0")]
    [InlineData("Content:PollMilliseconds", "10")]
    [InlineData("Content:ReloadDelayMilliseconds", "0")]
    [InlineData("Search:MaxTerms", "1")]
    [InlineData("Limits:MaxBodyBytes", "1073741824")]
    [InlineData("Metrics:OtlpEndpoint", " ")]
    [InlineData("Cors:AllowedOrigins:1", "*")]
    [InlineData("Cors:AllowedOrigins:1", "")]
    [InlineData("Cors:AllowedOrigins:1", "http://127.0.0.1:8080")]
    [InlineData("Cors:AllowedOrigins:1", "HTTPS://App.Example.com")]
    public async Task ASettingAtTheEdgeOfItsRangeStarts(string key, string value)
    {
        using var factory = new MagSleepApiFactory();
        using var edge = factory.WithWebHostBuilder(b => b.UseSetting(key, value));

        var response = await edge.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary><paramref name="breakage"/>: a content edit "file|find|replace" (replace "truncate" cuts the file in half), or settings "KEY=value|KEY=value".</summary>
    [Theory]
    [MemberData(nameof(BrokenStarts))]
    public async Task TheProcessPrintsOneClearLineAndExitsNonZero(string what, string breakage, string names, string problem)
    {
        using var content = TestContent.Copy();
        var settings = new Dictionary<string, string> { ["Content__Path"] = content.Root };
        var parts = breakage.Split('|');
        if (parts[0].Contains('='))
        {
            foreach (var setting in parts)
            {
                settings[setting[..setting.IndexOf('=')]] = setting[(setting.IndexOf('=') + 1)..];
            }
        }
        else if (parts[1] == "truncate")
        {
            var path = content.PathOf(parts[0]);
            File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]);
        }
        else
        {
            content.Edit(parts[0], json => json.Replace(parts[1], parts[2]));
        }

        using var service = ServiceProcess.Start(settings);
        var exitCode = await service.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"{what}: exit code {exitCode}");
        var line = Assert.Single(service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(names, line);
        Assert.Contains(problem, line);
        Assert.Contains("\"level\":\"Fatal\"", line);
        Assert.DoesNotContain("   at ", line);
    }

    [Theory]
    [InlineData("/api/v1/insomnia/assessments", """{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60}""")]
    [InlineData("/api/v1/magnesium/dose-checks", """{"amountMg":250,"age":40}""")]
    [InlineData("/api/v1/guidance", """{"sleep":{"sleepOnsetMinutes":45,"nightWakings":2,"nightsPerWeek":4,"durationDays":60},"profile":{"age":40}}""")]
    public async Task AFreshProcessAnswersAPostAsItsVeryFirstRequest(string url, string body)
    {
        // In a shared test host something has always been serialized already; only a new process shows
        // whether the first computed answer depends on an earlier request having warmed the serializer.
        using var service = ServiceProcess.Start(new Dictionary<string, string> { ["Content__Path"] = TestContent.RealContentDirectory });
        await service.WaitUntilListening();
        using var client = new HttpClient { BaseAddress = new Uri(service.Url) };

        var response = await client.PostRawAsync(url, body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, text);
        Assert.Equal(text.Length > 0 ? System.Text.Encoding.UTF8.GetByteCount(text) : -1, response.Content.Headers.ContentLength);
        Assert.Contains("\"ruleSetVersion\"", text);
    }

    [Fact]
    public async Task TheBuiltAppRunsOnItsOwnFromAnyWorkingDirectory()
    {
        var elsewhere = Directory.CreateTempSubdirectory("magsleep-cwd-");
        try
        {
            using var service = ServiceProcess.Start(new Dictionary<string, string>(), workingDirectory: elsewhere.FullName);
            await service.WaitUntilListening();
            using var client = new HttpClient { BaseAddress = new Uri(service.Url) };

            var page = await client.GetAsync("/");
            var script = await client.GetAsync("/app.js");
            var ready = await client.GetJsonAsync("/health/ready");

            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<script type=\"module\"", await page.Content.ReadAsStringAsync());
            Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.Equal("ready", ready.GetProperty("status").GetString());
            Assert.Equal(ContentSnapshot.Load(TestContent.RealContentDirectory).Version, ready.GetProperty("contentVersion").GetString());
            Assert.Contains(Path.Combine(ServiceProcess.AppFolder, "content"), service.Output);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheBuildShipsTheContentAndThePageBesideTheApp()
    {
        foreach (var (source, shipped) in new[] { (TestContent.RealContentDirectory, "content"), (TestContent.FindRepositoryFolder("src") + "/MagSleep.Api/wwwroot", "wwwroot") })
        {
            var files = Directory.GetFiles(source, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            Assert.All(files, file =>
            {
                var copy = Path.Combine(ServiceProcess.AppFolder, shipped, Path.GetRelativePath(source, file));
                Assert.True(File.Exists(copy), $"{copy} is not in the build output");
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(copy));
            });
        }
    }
}
