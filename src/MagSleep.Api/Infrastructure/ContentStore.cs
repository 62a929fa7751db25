using MagSleep.Core.Content;
using Microsoft.Extensions.Options;

namespace MagSleep.Api.Infrastructure;

internal sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The content folder. A relative path is looked for in the content root and each folder above it.</summary>
    public string Path { get; set; } = "content";

    public int MaxAgeSeconds { get; set; } = 300;
}

/// <summary>Holds the content that is being served. A new version replaces the old one in a single reference swap.</summary>
internal sealed class ContentStore(IOptions<ContentOptions> options, IHostEnvironment environment, TimeProvider clock)
{
    private ServedContent? _current;

    public ServedContent Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("Content has not been loaded yet.");

    public string ContentDirectory { get; } = Locate(options.Value.Path, environment.ContentRootPath);

    public void Load() => Volatile.Write(ref _current, new ServedContent(ContentSnapshot.Load(ContentDirectory, clock)));

    private static string Locate(string configured, string contentRoot)
    {
        if (System.IO.Path.IsPathRooted(configured))
        {
            return configured;
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = System.IO.Path.Combine(folder.FullName, configured);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return System.IO.Path.GetFullPath(configured, contentRoot);
    }
}

/// <summary>A content snapshot together with the responses already rendered from it.</summary>
internal sealed class ServedContent(ContentSnapshot snapshot)
{
    public ContentSnapshot Snapshot { get; } = snapshot;

    public ResponseCache Responses { get; } = new();
}

internal static class ContentStoreExtensions
{
    public static IServiceCollection AddContentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContentOptions>(configuration.GetSection(ContentOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentStore>();
        return services;
    }
}
