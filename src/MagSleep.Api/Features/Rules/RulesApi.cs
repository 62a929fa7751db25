using MagSleep.Api.Infrastructure;
using MagSleep.Core.Content;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features.Rules;

internal static class RulesApi
{
    /// <summary>The rule set carries its texts in every language, so it is labelled with all of them.</summary>
    private static readonly string AllLanguages = string.Join(", ", Languages.All);

    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/rules", GetRules)
            .WithTags("Rules")
            .WithName("GetRuleSet")
            .WithSummary("Get the whole rule set")
            .WithDescription("Every threshold, tier, limit, age, risk group, form and pathway the engine evaluates, with its source and its texts in both languages. " +
                             "`version` is the ruleSetVersion stamped on every screening, dose check and guidance result.")
            .CacheAsContent();
        return routes;
    }

    internal static ContentResponse<RuleSet> GetRules(ContentStore store) => ContentResponse.Of(store.Current.Snapshot.Rules.Rules, AllLanguages);
}
