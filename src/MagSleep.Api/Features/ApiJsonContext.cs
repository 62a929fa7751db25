using System.Text.Json;
using System.Text.Json.Serialization;
using MagSleep.Api.Features.Articles;
using MagSleep.Api.Features.Guidance;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Screening;
using MagSleep.Api.Features.Search;
using MagSleep.Core.Rules;

namespace MagSleep.Api.Features;

/// <summary>
/// Compile-time JSON metadata for every request and answer of the API, first in the framework's resolver chain
/// (<see cref="Infrastructure.Json.ApiJson.AddApiJson"/>); the settings that apply are the API's options. Observed values
/// in answers are boxed numbers and flags, hence the primitives.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never, PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AssessmentRequest))]
[JsonSerializable(typeof(DoseCheckRequest))]
[JsonSerializable(typeof(GuidanceRequest))]
[JsonSerializable(typeof(AssessmentResult))]
[JsonSerializable(typeof(DoseCheckResult))]
[JsonSerializable(typeof(GuidanceResult))]
[JsonSerializable(typeof(ItemsResponse<SearchResult>))]
[JsonSerializable(typeof(ItemsResponse<ArticleSummary>))]
[JsonSerializable(typeof(ItemsResponse<StudyEntry>))]
[JsonSerializable(typeof(ItemsResponse<FormView>))]
[JsonSerializable(typeof(ArticleResponse))]
[JsonSerializable(typeof(SectionResponse))]
[JsonSerializable(typeof(FormView))]
[JsonSerializable(typeof(DoseTierCatalogue))]
[JsonSerializable(typeof(RiskGroupCatalogue))]
[JsonSerializable(typeof(RuleSet))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
