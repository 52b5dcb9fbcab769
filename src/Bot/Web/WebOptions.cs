using System.ComponentModel.DataAnnotations;
using IomAssistant.Knowledge.Audiences;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Web;

/// <summary>Settings of the web page (appsettings section "Web").</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Requests per minute one client address may make to the page's API; more get 429.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>
    /// The header an authenticating gateway in front of the bot sets on the requests of signed-in
    /// users (e.g. X-Assistant-Audience); empty: every web and /api/ask caller is the public.
    /// </summary>
    public string AudienceHeader { get; set; } = "";

    /// <summary>The shared secret the gateway sends in <see cref="AudienceHeader"/> (from the environment, never the repository).</summary>
    public string TrustedAudienceHeaderValue { get; set; } = "";

    /// <summary>The audiences of a caller the gateway vouches for, e.g. [staff].</summary>
    public List<string> TrustedAudiences { get; set; } = [];
}

/// <summary>Checks the gateway settings at start-up, naming the one that is wrong.</summary>
public sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public const int MinSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var failures = new List<string>();
        var gateway = options.AudienceHeader.Length > 0 || options.TrustedAudienceHeaderValue.Length > 0 || options.TrustedAudiences.Count > 0;
        if (gateway)
        {
            if (options.AudienceHeader.Length == 0 || !options.AudienceHeader.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                failures.Add("Web:AudienceHeader must name the header the gateway sets (letters, digits and '-', e.g. X-Assistant-Audience) when Web:TrustedAudienceHeaderValue or Web:TrustedAudiences is set.");
            if (options.TrustedAudienceHeaderValue.Length < MinSecretLength)
                failures.Add($"Web:TrustedAudienceHeaderValue must be a secret of at least {MinSecretLength} characters shared with the gateway (set it as the environment variable Web__TrustedAudienceHeaderValue).");
            if (options.TrustedAudiences.Count == 0 || options.TrustedAudiences.Any(a => !Audience.IsValidName(a)))
                failures.Add("Web:TrustedAudiences must list audience names (lower case letters, digits, '-' and '_'), e.g. staff.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
