using MagSleep.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace MagSleep.Tests.Browser;

/// <summary>Runs only where Debian's chromium is installed; Playwright is never allowed to download a browser of its own.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (BrowserFixture.Chromium is null)
        {
            Skip = "chromium is not installed here (apt-get install chromium); the browser tests drive Debian's chromium.";
        }
    }
}

/// <summary>The service on a real loopback port (a browser cannot reach an in-memory test server) and one headless chromium.</summary>
public class BrowserFixture : IAsyncLifetime
{
    public static readonly string? Chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private MagSleepApiFactory? _server;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _served;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The content folder to serve; the real one unless a fixture says otherwise.</summary>
    protected virtual string? ContentPath => null;

    public async Task InitializeAsync()
    {
        if (Chromium is null)
        {
            return;
        }

        _server = new MagSleepApiFactory();
        _served = ContentPath is { } path
            ? _server.WithWebHostBuilder(host => host.UseSetting("Content:Path", path))
            : _server;
        _served.UseKestrel(0);
        _served.StartServer();
        BaseAddress = _served.ClientOptions.BaseAddress;

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh page that records every console error and uncaught exception.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(string path, int width = 1280, int height = 900)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(path);
        return (page, errors);
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_served is not null && _served != _server)
        {
            await _served.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
