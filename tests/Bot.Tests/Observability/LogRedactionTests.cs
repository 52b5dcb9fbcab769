using System.Text.Json.Nodes;
using IomAssistant.Bot.Slack;
using IomAssistant.Bot.Tests.Slack;
using IomAssistant.Bot.Tests.Teams.Fakes;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Observability;

/// <summary>
/// Whole Slack and Teams exchanges logged at Trace, every category: no line, state value or
/// scope value holds a token, a secret, a signature or the path of a Slack response_url.
/// </summary>
public sealed class LogRedactionTests
{
    private static readonly Dictionary<string, string> TraceEverything = new()
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:System"] = "Trace",
    };

    private static IEnumerable<string> Everything(LogCapture logs) =>
        logs.Entries.SelectMany(e => new[] { e.Message }.Concat(e.Scope.Values.Select(v => v?.ToString() ?? "")));

    private static void AssertNoneOf(LogCapture logs, IEnumerable<string> secrets)
    {
        var lines = Everything(logs).ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log values were captured");
        foreach (var secret in secrets)
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slack_exchange_logs_no_secret_token_signature_or_response_url_path()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        var logs = new LogCapture();
        await using var bot = new SlackBotFactory(slack, settings: TraceEverything, logs: logs);
        var client = bot.CreateClient();
        var channel = NewId("C");
        var commandUrl = slack.NewResponseUrl();
        var shareUrl = slack.NewResponseUrl();
        var failingUrl = slack.NewResponseUrl();
        var mention = Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, "How many staff does the regional office have?")));
        var signature = mention.Headers.GetValues("X-Slack-Signature").Single();

        await client.SendAsync(mention);
        await slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        await client.SendAsync(Signed("/slack/commands", Command("How many staff does the regional office have?", commandUrl), "application/x-www-form-urlencoded"));
        await slack.WaitForAsync(c => c.Path == commandUrl.AbsolutePath);
        var share = new JsonObject { ["action_id"] = BlockKitRenderer.ShareAction, ["value"] = "How many staff?" };
        await client.SendAsync(Signed("/slack/interactivity", ButtonPress(share, channel, shareUrl, ephemeral: true), "application/x-www-form-urlencoded"));
        await slack.WaitForAsync(c => c.Path == shareUrl.AbsolutePath && c.Body["delete_original"] is not null);
        slack.ThenAnswer(404, "no_such_response_url");
        await client.SendAsync(Signed("/slack/commands", Command("How many staff?", failingUrl), "application/x-www-form-urlencoded"));
        await slack.WaitForAsync(c => c.Path == failingUrl.AbsolutePath);
        await client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, "forged")), secret: "not-the-signing-secret"));
        await bot.DisposeAsync();

        AssertNoneOf(logs, [Secret, BotToken, signature, .. new[] { commandUrl, shareUrl, failingUrl }.Select(u => u.AbsolutePath.Split('/').Last())]);
    }

    [Fact]
    public async Task A_teams_exchange_logs_no_token_or_app_password()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        var logs = new LogCapture();
        var settings = TeamsBotHost.Registered(channel);
        foreach (var (key, value) in TraceEverything)
            settings[key] = value;
        await using var bot = new TeamsBotHost(channel, settings: settings, logs: logs);
        var token = channel.SignToken();

        await bot.PostActivityAsync(Activities.Message(channel.ServiceUrl, "How many staff does the regional office have?"), token);
        await bot.PostActivityAsync(Activities.Message(channel.ServiceUrl, "and how many projects?"), token);
        await bot.PostActivityAsync(Activities.Message(channel.ServiceUrl, "forged"), channel.SignToken(audience: "00000000-0000-4000-8000-0000000000ff"));
        Assert.Equal(2, channel.Posts.Count);
        await bot.DisposeAsync();

        AssertNoneOf(logs, [FakeBotFrameworkChannel.AppPassword, "connector-token-", token, token.Split('.')[2]]);
    }
}
