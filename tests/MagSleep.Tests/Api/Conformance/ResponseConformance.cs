using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MagSleep.Api.Infrastructure.Content;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace MagSleep.Tests.Api.Conformance;

/// <summary>
/// Outermost middleware of every test server: each answer of a documented operation, as sent (a copy of the bytes
/// is kept while they pass), must be one the served OpenAPI document declares for its operation, status and media
/// type, and a JSON body must match the declared schema. A mismatch aborts the answer with
/// <see cref="OpenApiConformanceException"/>, so the test that asked fails with the operation, the status and the
/// schema's errors. Behind Kestrel an answer already sent cannot fail its request, so each failure is also kept in
/// <paramref name="failures"/> for the factory to report when it is disposed.
/// </summary>
internal sealed class ResponseConformance(ConcurrentQueue<string> failures) : IStartupFilter
{
    // The document is built from the content being served (its enums are rule-set ids), so it is kept per content version.
    private static readonly ConditionalWeakTable<IServiceProvider, ConcurrentDictionary<string, Task<DocumentedResponses>>> Documents = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path.StartsWithSegments("/swagger") || HttpMethods.IsOptions(context.Request.Method))
            {
                await nextMiddleware(context);
                return;
            }

            var contentVersion = app.ApplicationServices.GetRequiredService<ContentStore>().Current.Version;
            var original = context.Response.Body;
            var copy = new TeeStream(original);
            context.Response.Body = copy;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            // A client that went away (a browser test closing its page mid-request) gets nothing; the framework's
            // 499 for it is a log entry, not an answer the document could declare.
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var documented = await Documented(app.ApplicationServices, contentVersion);
            var body = Decoded(copy.Copy.ToArray(), context.Response.Headers.ContentEncoding.ToString());
            var failure = documented.Check(context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, context.Response.ContentType, body);
            if (failure is not null)
            {
                failures.Enqueue(failure);
                throw new OpenApiConformanceException(failure);
            }
        });
        next(app);
    };

    private static async Task<DocumentedResponses> Served(IServiceProvider services) => DocumentedResponses.For(await ServedDocument(services));

    /// <summary>The document of content version <paramref name="version"/>, kept only when no reload came while it was built.</summary>
    private static async Task<DocumentedResponses> Documented(IServiceProvider services, string version)
    {
        var kept = Documents.GetOrCreateValue(services);
        if (kept.TryGetValue(version, out var known))
        {
            return await known;
        }

        var store = services.GetRequiredService<ContentStore>();
        var built = await Served(services);
        if (store.Current.Version == version)
        {
            kept.TryAdd(version, Task.FromResult(built));
        }

        return built;
    }

    /// <summary>The document exactly as /swagger/v1/swagger.json serves it (a test holds the two to be the same text).</summary>
    internal static async Task<string> ServedDocument(IServiceProvider services)
    {
        var document = services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");
        using var writer = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        await writer.FlushAsync();
        return writer.ToString();
    }

    private static byte[] Decoded(byte[] body, string coding)
    {
        if (body.Length == 0 || coding is not ("br" or "gzip"))
        {
            return body;
        }

        using var input = new MemoryStream(body);
        using Stream decoder = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
