using System.Net;
using Microsoft.Extensions.Options;
using IomAssistant.Bot.Tests.Teams.Fakes;

namespace IomAssistant.Bot.Tests.Teams;

/// <summary>How the settings open, close or stop the Teams endpoint.</summary>
public sealed class TeamsStartupTests : IAsyncLifetime
{
    private FakeBotFrameworkChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeBotFrameworkChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task Without_an_app_id_outside_development_refuses_every_request()
    {
        await using var bot = new TeamsBotHost(null, "Production", new Dictionary<string, string?>());

        var response = await bot.PostActivityAsync(Activities.Message(_channel.ServiceUrl, "How many staff?"), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(_channel.Posts);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", "true")]
    public async Task Emulator_mode_accepts_requests_without_authorization_and_replies_without_a_token(string environment, string? allowEmulator)
    {
        var settings = new Dictionary<string, string?> { ["Bot:AllowUnauthenticatedEmulator"] = allowEmulator };
        await using var bot = new TeamsBotHost(null, environment, settings);
        var activity = Activities.Message(_channel.ServiceUrl, "How many staff?");

        var response = await bot.PostActivityAsync(activity, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(_channel.Posts);
        Assert.Null(post.Authorization);
        Assert.Equal(0, _channel.TokensIssued);
    }

    [Fact]
    public async Task Emulator_mode_still_refuses_a_token_it_cannot_validate()
    {
        await using var bot = new TeamsBotHost(null, "Development", new Dictionary<string, string?>());

        var response = await bot.PostActivityAsync(Activities.Message(_channel.ServiceUrl, "How many staff?"), "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Bot:MicrosoftAppPassword", "Bot:MicrosoftAppPassword")]
    [InlineData("Bot:MicrosoftAppTenantId", "Bot:MicrosoftAppTenantId")]
    public void An_app_id_without_its_password_or_tenant_fails_start_up_naming_the_setting(string missing, string named)
    {
        var settings = TeamsBotHost.Registered(_channel);
        settings["Bot:TokenEndpoint"] = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";
        settings[missing] = "";
        var validation = StartupFailure.Of(() => new TeamsBotHost(_channel, "Production", settings));

        Assert.Contains(validation.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_multi_tenant_bot_needs_no_tenant_id()
    {
        var settings = TeamsBotHost.Registered(_channel);
        settings["Bot:MicrosoftAppTenantId"] = "";
        settings["Bot:MicrosoftAppType"] = "MultiTenant";
        await using var bot = new TeamsBotHost(_channel, "Production", settings);

        var response = await bot.PostActivityAsync(Activities.Message(_channel.ServiceUrl, "How many staff?"), _channel.SignToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_channel.Posts);
    }
}
