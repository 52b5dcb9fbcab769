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
        services.TryAddSingleton<AdaptiveCardRenderer>();
        services.TryAddSingleton(TimeProvider.System);
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
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                SecurityHeaders.Apply(response);
                await response.WriteAsJsonAsync(new { error = "Too many requests: please wait a moment and try again." }, cancellationToken);
            };
        });
        return builder;
    }

    /// <summary>The page (/, /knowledge, /source), its assets, and the API it calls.</summary>
    public static WebApplication MapWeb(this WebApplication app)
    {
        // Fails at start-up, not on the first visitor, when the page was not built into the app.
        app.Services.GetRequiredService<WebAssets>();
        app.UseRateLimiter();
        app.MapWebPage();
        app.MapCardApi();
        app.MapKnowledgeApi();
        return app;
    }
}
