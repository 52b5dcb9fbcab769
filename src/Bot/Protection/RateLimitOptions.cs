using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Protection;

/// <summary>One limit: at most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/> for each caller.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>The "RateLimits" settings section.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off only for load tests; a public bot needs them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Teams and Slack, per user (or conversation, when the channel names no user).</summary>
    public RateLimit Channels { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>
    /// /api/ask, per client: the value of <see cref="ApiClientHeader"/> when set, the remote
    /// address otherwise. Generous, since a whole office may share one address.
    /// </summary>
    public RateLimit Api { get; set; } = new() { PermitLimit = 6000, WindowSeconds = 60 };

    /// <summary>Failed authentications (Teams token, Slack signature) per client address; beyond, 429 until the window ends.</summary>
    public RateLimit FailedAuthentication { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    /// <summary>
    /// A header that a trusted gateway in front of the bot sets to the client's identity (an API
    /// key id, a subscription); empty to count by remote address. Never set it without such a
    /// gateway: clients could choose their own bucket.
    /// </summary>
    public string ApiClientHeader { get; set; } = "";
}

/// <summary>Fails start-up with a message naming the setting to fix.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        Check(options.Channels, "Channels", errors);
        Check(options.Api, "Api", errors);
        Check(options.FailedAuthentication, "FailedAuthentication", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(RateLimit? limit, string name, List<string> errors)
    {
        if (limit is null)
        {
            errors.Add($"{RateLimitOptions.Section}:{name} must be set.");
            return;
        }
        if (limit.PermitLimit is < 1 or > 1_000_000)
            errors.Add($"{RateLimitOptions.Section}:{name}:PermitLimit must be between 1 and 1000000 (requests per window).");
        if (limit.WindowSeconds is < 1 or > 3600)
            errors.Add($"{RateLimitOptions.Section}:{name}:WindowSeconds must be between 1 and 3600.");
    }
}
