using System.Text.Json.Nodes;
using FluentValidation;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Infrastructure.Content;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MagSleep.Tests.Api;

public sealed class ContentVersionPerRequestTests
{
    [Fact]
    public async Task ARequestDuringWhichContentIsReloadedIsAnsweredWholeFromTheVersionItStartedWith()
    {
        using var content = TestContent.Copy();
        await using var root = new MagSleepApiFactory();
        await using var factory = root.WithWebHostBuilder(b => b
            .UseSetting("Content:Path", content.Root)
            .ConfigureTestServices(services => services.AddSingleton<IValidator<DoseCheckRequest>>(provider =>
                new ReloadingWhileValidating(content, provider.GetRequiredService<ContentStore>()))));
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<ContentStore>();
        var started = store.Current.Snapshot.Rules.Version;
        var body = new JsonObject { ["amountMg"] = 300, ["age"] = 40 };

        var during = await client.PostOkAsync("/api/v1/magnesium/dose-checks", body);
        var reloaded = store.Current.Snapshot.Rules.Version;
        var after = await client.PostOkAsync("/api/v1/magnesium/dose-checks", body);

        Assert.NotEqual(started, reloaded);
        Assert.Equal(started, during.GetProperty("ruleSetVersion").GetString());
        Assert.Equal(reloaded, after.GetProperty("ruleSetVersion").GetString());
    }

    /// <summary>The dose check's own rules, and an edit of the rule set's version that is loaded while the first request is being validated.</summary>
    private sealed class ReloadingWhileValidating : AbstractValidator<DoseCheckRequest>
    {
        private int _edits;

        public ReloadingWhileValidating(TempContent content, ContentStore store)
        {
            Include(new DoseCheckRequestValidator(store));
            RuleFor(r => r.AmountMg).Must(_ =>
            {
                if (Interlocked.Increment(ref _edits) == 1)
                {
                    var version = store.Current.Snapshot.Rules.Version;
                    content.Edit("rules/ruleset.json", json => json.Replace($"\"version\": \"{version}\"", "\"version\": \"2099.1.1\""));
                    Assert.True(store.TryReload());
                }

                return true;
            });
        }
    }
}
