using System.Threading.RateLimiting;
using IomAssistant.Bot.Cards;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Web;

public static class WebHosting
{
    /// <summary>Rate-limit policy of the page's API: per client address, per minute.</summary>
    public const string RateLimitPolicy = "web";

    public static WebApplicationBuilder AddWebPage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddSingleton<WebAudiences>();
        services.TryAddSingleton<AdaptiveCardRenderer>();
        services.AddSingleton<WebAssets>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.RequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    /// <summary>
    /// The page (/, /knowledge, /source), its assets, and the API it calls (/api/card, /api/welcome,
    /// /api/feedback, /api/topics, /api/source): every response with the security headers, every
    /// API call counted against the page's rate limit.
    /// </summary>
    public static WebApplication MapWeb(this WebApplication app)
    {
        // Fails at start-up, not on the first visitor, when the page was not built into the app.
        app.Services.GetRequiredService<WebAssets>();
        var page = app.MapGroup("").AddEndpointFilter<SecurityHeaders>();
        page.MapWebPage();
        var api = page.MapGroup("/api").RequireRateLimiting(RateLimitPolicy);
        api.MapCardApi();
        api.MapKnowledgeApi();
        return app;
    }
}
