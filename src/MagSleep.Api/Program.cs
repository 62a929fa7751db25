using MagSleep.Api.Features.Articles;
using MagSleep.Api.Features.Guidance;
using MagSleep.Api.Features.Health;
using MagSleep.Api.Features.Magnesium;
using MagSleep.Api.Features.Rules;
using MagSleep.Api.Features.Screening;
using MagSleep.Api.Features.Search;
using MagSleep.Api.Infrastructure;
using MagSleep.Api.Infrastructure.Edge;
using MagSleep.Api.Infrastructure.Observability;

var builder = WebApplication.CreateBuilder(AppFolder.Options(args));

builder.AddApiLogging();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddApiProblemDetails();
builder.Services.AddApiJson();
builder.Services.AddContentStore(builder.Configuration);
builder.Services.AddRequestValidators();
builder.Services.AddApiDocumentation();
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddApiKeys(builder.Configuration);
builder.Services.AddApiRateLimits(builder.Configuration);
builder.Services.AddApiCors(builder.Configuration);
builder.Services.AddApiMetrics(builder.Configuration);

var app = builder.Build();
if (!StartupChecks.Pass(app))
{
    await app.DisposeAsync();
    return 1;
}

app.UseTrustedProxies();
app.UseRequestLogging();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHeadAsGet();
app.UseRouting();
app.UseReferencePage();
app.UseApiCors();
app.UseApiKeys();
app.UseRateLimiter();
app.UseRequestBodyLimit();
app.UseApiDocumentation();

var api = app.MapGroup("/api/v1");
api.MapArticles();
api.MapSearch();
api.MapStudies();
api.MapScreening();
api.MapMagnesium();
api.MapGuidance();
api.MapRules();
app.MapHealth();
app.MapMetrics();

app.Run();
return 0;
