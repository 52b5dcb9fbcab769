using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace IomAssistant.Bot.Tests.Web;

/// <summary>The real app for the web page's tests, with a rate limit no test run reaches.</summary>
public class WebBotFactory : BotFactory
{
    public RecordedFeedback Feedback { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Web:RequestsPerMinute"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected virtual int RequestsPerMinute => 100_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(Feedback.Replace);
    }
}

/// <summary>The app with a tiny rate limit, to see the 429.</summary>
public sealed class RateLimitedWebBotFactory : WebBotFactory
{
    protected override int RequestsPerMinute => 2;
}
