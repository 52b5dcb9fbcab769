using System.Globalization;
using System.Threading.RateLimiting;
using IomAssistant.Bot.Api;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Protection;

/// <summary>
/// Failed authentications (a Bot Framework token or a Slack signature that does not check out)
/// counted per client address. Past RateLimits:FailedAuthentication:PermitLimit in a window, the
/// address is answered 429 with Retry-After before any token is parsed or key set fetched, so
/// guessing and key-refresh abuse stop early. Successful requests spend nothing here.
/// </summary>
public sealed class FailedAuthentications : IDisposable
{
    private readonly bool _enabled;
    private readonly PartitionedRateLimiter<string> _limiter;

    public FailedAuthentications(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        _enabled = settings.Enabled;
        var limit = settings.FailedAuthentication;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        }));
    }

    /// <summary>A 429 for an address that failed too often, or null to go on authenticating.</summary>
    public IResult? RefusalFor(HttpContext context)
    {
        if (!_enabled)
            return null;
        // Zero permits: asks whether any are left without spending one.
        using var lease = _limiter.AttemptAcquire(Address(context), 0);
        if (lease.IsAcquired)
            return null;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(new ApiError("Too many failed authentications from this address: please wait and try again."), statusCode: StatusCodes.Status429TooManyRequests);
    }

    public void Count(HttpContext context)
    {
        if (_enabled)
            _limiter.AttemptAcquire(Address(context)).Dispose();
    }

    /// <summary>The peer's address, or the client's as a trusted proxy states it (ForwardedHeaders).</summary>
    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _limiter.Dispose();
}
