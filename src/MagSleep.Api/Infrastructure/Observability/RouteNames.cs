using Microsoft.AspNetCore.Http.Metadata;

namespace MagSleep.Api.Infrastructure.Observability;

internal static class RouteNames
{
    /// <summary>
    /// A group's own address (<c>""</c> under <c>/search</c>) has the template <c>/api/v1/search/</c>; logs and the
    /// framework's <c>http.route</c> metric label name it without the slash, as every other route is named.
    /// </summary>
    public static TBuilder NameRoutesWithoutTrailingSlash<TBuilder>(this TBuilder routes) where TBuilder : IEndpointConventionBuilder
    {
        routes.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { Length: > 1 } template } && template.EndsWith('/'))
            {
                endpoint.Metadata.Add(new RouteName(template.TrimEnd('/')));
            }
        });
        return routes;
    }

    /// <summary>The route a request is logged and measured under; null when it matched none.</summary>
    public static string? Of(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IRouteDiagnosticsMetadata>()?.Route ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText;

    private sealed record RouteName(string Route) : IRouteDiagnosticsMetadata;
}
