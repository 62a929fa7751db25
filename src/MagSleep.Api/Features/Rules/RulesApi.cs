using MagSleep.Api.Infrastructure.Content;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features.Rules;

internal static class RulesApi
{
    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/rules").WithTags("Rules");
        group.MapGet("", GetRules)
            .WithName("GetRuleSet")
            .WithSummary("Get the whole rule set")
            .WithDescription("Every threshold, tier, limit, age, risk group, form and pathway the engine evaluates, with its source and its texts in every served language (listed in `languages`). " +
                             "`version` is the ruleSetVersion stamped on every screening, dose check and guidance result.")
            .CacheAsContent();
        return routes;
    }

    // The rule set carries its texts in every language, so it is labelled with all of them.
    internal static ContentResponse<RuleSet> GetRules(ContentStore store)
    {
        var snapshot = store.Current;
        return ContentResponse.Of(snapshot.Rules.Rules, string.Join(", ", snapshot.Languages.Tags));
    }
}
