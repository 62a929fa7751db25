namespace MagSleep.Api.Infrastructure.Http;

internal static class HeadRequests
{
    /// <summary>
    /// Every GET route of <paramref name="routes"/> answers HEAD as well, as MapMethods with both would: Kestrel sends
    /// the headers the GET would have sent and leaves the body out.
    /// </summary>
    public static TBuilder AnswerHeadAsGet<TBuilder>(this TBuilder routes) where TBuilder : IEndpointConventionBuilder
    {
        routes.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return routes;
    }
}
