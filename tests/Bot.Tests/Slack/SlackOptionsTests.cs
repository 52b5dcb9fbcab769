using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Deduplication;
using IomAssistant.Bot.Gaps;
using IomAssistant.Bot.Hosting;
using IomAssistant.Bot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Tests.Slack;

public sealed class SlackOptionsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Slack:SigningSecret"] = SignedSlackRequests.Secret,
        ["Slack:BotToken"] = SignedSlackRequests.BotToken,
    };

    [Theory]
    [InlineData("Slack:ApiBaseUrl", "not a url")]
    [InlineData("Slack:ApiBaseUrl", "ftp://slack.example/api")]
    [InlineData("Slack:CommandName", "ask")]
    [InlineData("Slack:CommandName", "/ask me")]
    [InlineData("Slack:BotToken", "")]
    [InlineData("Slack:BotToken", "xoxp-user-token")]
    public async Task Invalid_settings_stop_the_start_naming_the_setting(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new(Valid) { [key] = value }));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task A_token_without_a_signing_secret_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Slack:BotToken"] = SignedSlackRequests.BotToken }));

        Assert.Contains("Slack:SigningSecret", error.Message);
    }

    [Fact]
    public async Task An_app_token_without_a_bot_token_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { ["Slack:AppToken"] = FakeSlackSocketMode.AppToken }, socketMode: true));

        Assert.Contains("Slack:BotToken", error.Message);
    }

    [Fact]
    public async Task An_app_token_that_is_not_one_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new(Valid) { ["Slack:AppToken"] = "xoxb-not-an-app-token" }, socketMode: true));

        Assert.Contains("Slack:AppToken", error.Message);
    }

    [Fact]
    public async Task No_slack_settings_at_all_start_fine() => await StartAsync([]);

    private static async Task StartAsync(Dictionary<string, string?> settings, bool socketMode = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAssistantDefaults();
        if (socketMode)
        {
            // What the Socket Mode connection needs to be built.
            builder.AddKnowledgeEngine();
            builder.AddGapStore();
            builder.AddConversation();
            builder.AddDeliveryDeduplication();
        }
        builder.AddSlackChannel();
        await using var app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
    }
}
