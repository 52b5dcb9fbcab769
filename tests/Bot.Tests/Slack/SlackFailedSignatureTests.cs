using System.Net;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>Requests whose signature fails are counted per address; past the limit the address gets 429 before any check.</summary>
public sealed class SlackFailedSignatureTests : IAsyncLifetime
{
    private FakeSlackWebApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackWebApi.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task Too_many_bad_signatures_from_one_address_are_answered_429()
    {
        await using var bot = new SlackBotFactory(_slack, settings: new Dictionary<string, string> { ["RateLimits:FailedAuthentication:PermitLimit"] = "3" });
        var client = bot.CreateClient();
        var channel = NewId("C");
        var body = EventCallback(NewId("Ev"), Mention(channel, "How many staff?"));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Signed("/slack/events", body, secret: "not-the-signing-secret"))).StatusCode);

        var refused = await client.SendAsync(Signed("/slack/events", body));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Empty(_slack.To(channel));
    }

    [Fact]
    public async Task Good_signatures_spend_nothing_of_the_failure_limit()
    {
        await using var bot = new SlackBotFactory(_slack, settings: new Dictionary<string, string> { ["RateLimits:FailedAuthentication:PermitLimit"] = "1" });
        var client = bot.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Signed("/slack/events", """{"type":"url_verification","challenge":"c"}"""))).StatusCode);
    }
}
