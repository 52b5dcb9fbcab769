using System.ComponentModel.DataAnnotations;

namespace IomAssistant.Bot.Web;

/// <summary>Settings of the web page (appsettings section "Web").</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Requests per minute one client address may make to the page's API; more get 429.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 60;
}
