using MagSleep.Api.Features;
using MagSleep.Api.Features.Articles;
using MagSleep.Api.Features.Guidance;
using MagSleep.Api.Features.Health;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Questionnaire;
using MagSleep.Api.Features.Rules;
using MagSleep.Api.Features.Screening;
using MagSleep.Api.Features.Search;
using MagSleep.Api.Infrastructure.Content;
using MagSleep.Api.Infrastructure.Http;
using MagSleep.Api.Infrastructure.Json;
using MagSleep.Api.Infrastructure.Logging;
using MagSleep.Api.Infrastructure.Observability;
using MagSleep.Api.Infrastructure.OpenApi;
using MagSleep.Api.Infrastructure.Partners;
using MagSleep.Api.Infrastructure.Validation;

var builder = WebApplication.CreateBuilder(AppFolder.Options(args));

builder.AddApiLogging();
builder.WebHost.WithoutServerHeader();
builder.Services.AddApiProblemDetails();
builder.Services.AddApiJson(ApiJsonContext.Default);
builder.Services.AddContentStore();
builder.Services.AddRequestValidators<Program>();
builder.Services.AddApiDocumentation(builder.Configuration);
builder.Services.AddFeatureDocumentation();
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddApiKeys(builder.Configuration);
builder.Services.AddApiRateLimits(builder.Configuration);
builder.Services.AddApiCors(builder.Configuration);
builder.Services.AddContentCache();
builder.Services.AddSearch();
builder.Services.AddApiMetrics(builder.Configuration);

// Disposed on every way out, so the log lines still queued reach stdout.
await using var app = builder.Build();
if (!StartupChecks.Pass(app))
{
    return 1;
}

app.UseOneContentVersionPerRequest();
app.UseTrustedProxies();
app.UseApiRequestLogging();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseApiCors();
app.UseReferencePage();
app.UseApiKeys();
app.UseRateLimiter();
app.RefuseUnknownApiKeys();
app.RefuseUnclearQuery();
app.UseUtf8JsonBodies();
app.UseContentCache();
app.UseApiDocumentation();

var api = app.MapGroup("/api/v1").AnswerHeadAsGet().NameRoutesWithoutTrailingSlash().NameQueryParameters();
api.MapArticles();
api.MapSearch();
api.MapStudies();
api.MapScreening();
api.MapQuestionnaire();
api.MapMagnesium();
api.MapGuidance();
api.MapRules();
app.MapHealth();
app.MapMetrics();

await app.RunAsync();
return 0;
