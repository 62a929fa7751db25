using MagSleep.Api.Infrastructure.Content;
using Microsoft.AspNetCore.Diagnostics;

namespace MagSleep.Api.Infrastructure.Http;

/// <summary>
/// Kestrel reports most broken request framing as a BadHttpRequestException (answered by <see cref="BadRequestHandler"/>),
/// but a chunk size that overflows as a plain IOException; wherever the body is read, that is the client's 400.
/// </summary>
internal sealed class BrokenBodyHandler(IProblemDetailsService problems, ContentStore store) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IOException || !RaisedByKestrel(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [store.Current.Problems.Field("chunked-framing", httpContext.ProblemLanguage())] })
            {
                Title = "unreadable",
                Status = StatusCodes.Status400BadRequest,
            },
        });
    }

    /// <summary>Thrown by the server's own reading of the request (its framing), not by a reader of the body's content.</summary>
    public static bool RaisedByKestrel(Exception exception) =>
        exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true;
}
