using System.Globalization;
using System.Threading.RateLimiting;
using IomAssistant.Bot.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Protection;

public static class ProtectionHosting
{
    /// <summary>Rate-limit policy of the Teams and Slack endpoints: per authenticated caller.</summary>
    public const string ChannelPolicy = "channels";

    /// <summary>Rate-limit policy of /api/ask: per client.</summary>
    public const string ApiPolicy = "api";

    public static WebApplicationBuilder AddRequestProtection(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<FailedAuthentications>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(ChannelPolicy, context =>
                Partition(limits, limits.Channels, context.Features.Get<Caller>()?.Partition ?? "address:" + context.Connection.RemoteIpAddress));
            limiter.AddPolicy(ApiPolicy, context => Partition(limits, limits.Api, ApiClient(context, limits.ApiClientHeader)));
        });
        return builder;
    }

    /// <summary>Gates first (they authenticate and name the caller), then the limits.</summary>
    public static WebApplication UseRequestProtection(this WebApplication app)
    {
        app.UseRequestGates();
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> Partition(RateLimitOptions options, RateLimit limit, string key) =>
        options.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(key);

    private static string ApiClient(HttpContext context, string header)
    {
        if (header.Length > 0 && context.Request.Headers[header].ToString() is { Length: > 0 and <= 200 } client)
            return "client:" + client;
        return "address:" + context.Connection.RemoteIpAddress;
    }

    /// <summary>Every limited endpoint (channels, /api/ask, the web page's API) answers alike.</summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        // The caller's id is personal data: the path is enough to see which limit trips.
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Protection.RateLimits")
            .LogWarning("Rate limit reached on {Path}; answered 429", context.Request.Path);
        await context.Response.WriteAsJsonAsync(new ApiError("Too many requests: please wait a moment and try again."), cancellationToken);
    }
}
