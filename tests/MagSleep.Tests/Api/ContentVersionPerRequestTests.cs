using System.Text.Json.Nodes;
using FluentValidation;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Infrastructure.Content;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MagSleep.Tests.Api;

public sealed class ContentVersionPerRequestTests : IAsyncDisposable
{
    private readonly TempContent _content = TestContent.Copy();
    private readonly MagSleepApiFactory _root = new();

    /// <summary>The service over a copy of the content, with <paramref name="validator"/> in place of the dose check's.</summary>
    private WebApplicationFactory<Program> WithDoseCheckValidator(Func<TempContent, ContentStore, IValidator<DoseCheckRequest>> validator) =>
        _root.WithWebHostBuilder(b => b
            .UseSetting("Content:Path", _content.Root)
            .ConfigureTestServices(services => services.AddSingleton(provider => validator(_content, provider.GetRequiredService<ContentStore>()))));

    public async ValueTask DisposeAsync()
    {
        await _root.DisposeAsync();
        _content.Dispose();
    }

    [Fact]
    public async Task ARequestDuringWhichContentIsReloadedIsAnsweredWholeFromTheVersionItStartedWith()
    {
        await using var factory = WithDoseCheckValidator((content, store) => new ReloadingWhileValidating(content, store));
        var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<ContentStore>();
        var started = store.Current.Rules.Version;
        var body = new JsonObject { ["amountMg"] = 300, ["age"] = 40 };

        var during = await client.PostOkAsync("/api/v1/magnesium/dose-checks", body);
        var reloaded = store.Current.Rules.Version;
        var after = await client.PostOkAsync("/api/v1/magnesium/dose-checks", body);

        Assert.NotEqual(started, reloaded);
        Assert.Equal(started, during.GetProperty("ruleSetVersion").GetString());
        Assert.Equal(reloaded, after.GetProperty("ruleSetVersion").GetString());
    }

    [Fact]
    public async Task AnErrorWrittenAfterContentIsReloadedMidRequestHasTheTextsOfTheVersionTheRequestStartedWith()
    {
        await using var factory = WithDoseCheckValidator((content, store) => new ReloadingWhileValidating(content, store, valid: false, "messages/problems.json",
            json => json.Replace("\"The request has invalid fields.\"", "\"Edited title.\"")));
        var client = factory.CreateClient();

        var during = await client.PostNodeAsync("/api/v1/magnesium/dose-checks", new JsonObject { ["amountMg"] = 300, ["age"] = 40 });
        var after = await client.PostNodeAsync("/api/v1/magnesium/dose-checks", new JsonObject { ["amountMg"] = 300, ["age"] = 40 });

        Assert.Equal("The request has invalid fields.", (await during.ProblemAsync(System.Net.HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        Assert.Equal("Edited title.", (await after.ProblemAsync(System.Net.HttpStatusCode.BadRequest)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnAnswerMadeFromAVersionReplacedMidRequestIsNotKeptInTheOutputCache()
    {
        await using var factory = _root.WithWebHostBuilder(b => b.UseSetting("Content:Path", _content.Root));
        var store = factory.Services.GetRequiredService<ContentStore>();
        IOutputCachePolicy policy = new ContentCache([], null);
        var context = new OutputCacheContext { HttpContext = new DefaultHttpContext { RequestServices = factory.Services } };

        using (store.Pin())
        {
            context.AllowCacheStorage = true;
            await policy.ServeResponseAsync(context, CancellationToken.None);
            var keptBefore = context.AllowCacheStorage;

            _content.Edit("articles/magnesium-and-sleep/en.json", json => json.Replace("\"title\": \"", "\"title\": \"Edited: "));
            Assert.True(store.TryReload());
            await policy.ServeResponseAsync(context, CancellationToken.None);

            Assert.True(keptBefore);
            Assert.False(context.AllowCacheStorage);
        }
    }

    /// <summary>The dose check's own rules, and an edit that is loaded while the first request is being validated.</summary>
    private sealed class ReloadingWhileValidating : AbstractValidator<DoseCheckRequest>
    {
        private int _edits;

        public ReloadingWhileValidating(TempContent content, ContentStore store, bool valid = true, string? file = null, Func<string, string>? edit = null)
        {
            Include(new DoseCheckRequestValidator(store));
            RuleFor(r => r.AmountMg).Must(_ =>
            {
                if (Interlocked.Increment(ref _edits) == 1)
                {
                    var version = store.Current.Rules.Version;
                    content.Edit(file ?? "rules/ruleset.json", edit ?? (json => json.Replace($"\"version\": \"{version}\"", "\"version\": \"2099.1.1\"")));
                    Assert.True(store.TryReload());
                }

                return valid;
            });
        }
    }
}
