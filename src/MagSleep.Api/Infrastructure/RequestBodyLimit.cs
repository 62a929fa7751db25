using Microsoft.AspNetCore.Http.Features;

namespace MagSleep.Api.Infrastructure;

internal static class RequestBodyLimit
{
    public const int DefaultMaxBytes = 16 * 1024;

    /// <summary>
    /// Refuses bodies over the limit (Limits:MaxBodyBytes) with 413, whether the client declares the length or streams it.
    /// A streamed body is read into memory first (it is at most the limit), so the refusal happens before any binding.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var maxBytes = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Limits:MaxBodyBytes", DefaultMaxBytes);
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.ContentLength > maxBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }

            // Most requests (every GET) have no body, and they pass without an async step of their own.
            return request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false
                ? BufferThenContinue(context, next, maxBytes)
                : next(context);
        });
    }

    private static async Task BufferThenContinue(HttpContext context, RequestDelegate next, int maxBytes)
    {
        var request = context.Request;
        var buffered = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffered.Length + read > maxBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            buffered.Write(chunk, 0, read);
        }

        buffered.Position = 0;
        request.Body = buffered;
        request.ContentLength = buffered.Length;
        await next(context);
    }
}
