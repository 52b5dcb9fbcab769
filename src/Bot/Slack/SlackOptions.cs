using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// The "Slack" settings section. Empty secrets switch Slack off; the signing secret opens the
/// HTTP endpoints, the app token Socket Mode (the bot connects to Slack instead).
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Signing secret of the Slack app; every request is verified with it.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>Bot user OAuth token (xoxb-...) for the Web API.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>App-level token (xapp-..., scope connections:write): Socket Mode, no public endpoint needed.</summary>
    public string AppToken { get; set; } = "";

    public string ApiBaseUrl { get; set; } = "https://slack.com/api";

    /// <summary>The slash command as declared in the Slack app, e.g. /ask.</summary>
    public string CommandName { get; set; } = "/ask";

    /// <summary>The bot's own user id, when known, so its mention is stripped and its messages ignored.</summary>
    public string BotUserId { get; set; } = "";

    /// <summary>Which workspaces and channels ask as which audiences; everywhere else asks as the public.</summary>
    public List<SlackAudienceMapping> Audiences { get; set; } = [];

    /// <summary>The HTTP endpoints are served (signed requests from Slack).</summary>
    public bool IsConfigured => SigningSecret.Length > 0;

    public bool UsesSocketMode => AppToken.Length > 0;

    /// <summary>The Web API base with a trailing slash, so relative method names resolve under it.</summary>
    public Uri ApiBaseUri => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/");
}

/// <summary>Checks the Slack settings at start-up, naming the setting that is wrong.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
            failures.Add("Slack:ApiBaseUrl must be an absolute http(s) URL, e.g. https://slack.com/api.");
        if (options.CommandName.Length < 2 || options.CommandName[0] != '/' || options.CommandName.Any(char.IsWhiteSpace))
            failures.Add("Slack:CommandName must be a slash command such as /ask.");
        if (options.SigningSecret.Length > 0 && options.BotToken.Length == 0)
            failures.Add("Slack:BotToken must be set (xoxb-...) when Slack:SigningSecret is set, or the bot could not reply.");
        if (options.BotToken.Length > 0 && options.SigningSecret.Length == 0 && options.AppToken.Length == 0)
            failures.Add("Slack:SigningSecret (HTTP endpoints) or Slack:AppToken (Socket Mode) must be set when Slack:BotToken is set, or no Slack request could reach the bot.");
        if (options.AppToken.Length > 0 && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            failures.Add("Slack:AppToken must be an app-level token (xapp-...) with the connections:write scope.");
        if (options.AppToken.Length > 0 && options.BotToken.Length == 0)
            failures.Add("Slack:BotToken must be set (xoxb-...) when Slack:AppToken is set, or the bot could not reply.");
        if (options.BotToken.Length > 0 && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
            failures.Add("Slack:BotToken must be a bot token (xoxb-...).");
        failures.AddRange(SlackAudiences.Problems(options.Audiences));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
