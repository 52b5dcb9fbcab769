using System.Net;
using System.Net.Http.Json;
using System.Text;
using IomAssistant.Bot.Tests.Slack;
using IomAssistant.Bot.Tests.Teams.Fakes;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Tests.Protection;

/// <summary>Body limits per endpoint and rate limits per authenticated caller, through real HTTP.</summary>
public sealed class ProtectionTests
{
    private const string ServiceUrl = "http://127.0.0.1:9/";

    private static Dictionary<string, string?> EmulatorWithChannelLimit(int permits) => new()
    {
        ["RateLimits:Channels:PermitLimit"] = permits.ToString(),
        ["RateLimits:Channels:WindowSeconds"] = "60",
    };

    private static object ActivityFrom(string user) => new Dictionary<string, object?>
    {
        ["type"] = "message",
        ["deliveryMode"] = "expectReplies",
        ["id"] = "act-" + Guid.NewGuid().ToString("N"),
        ["serviceUrl"] = ServiceUrl,
        ["channelId"] = "emulator",
        ["text"] = "How many staff?",
        ["from"] = new { id = "29:" + user, aadObjectId = user },
        ["recipient"] = new { id = "bot" },
        ["conversation"] = new { id = "conversation-shared-by-everyone" },
    };

    [Fact]
    public async Task Teams_is_limited_per_user_after_authentication_with_retry_after()
    {
        await using var bot = new TeamsBotHost(null, "Development", EmulatorWithChannelLimit(2));

        // Refused requests spend no permit: the limit counts authenticated activities only.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await bot.PostActivityAsync("{not json", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(ActivityFrom("alice"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(ActivityFrom("alice"), null)).StatusCode);

        var limited = await bot.PostActivityAsync(ActivityFrom("alice"), null);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        // Same address, same conversation, another person: not limited.
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(ActivityFrom("bob"), null)).StatusCode);
    }

    [Fact]
    public async Task Slack_is_limited_per_user_of_the_verified_request()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var bot = new SlackBotFactory(slack, settings: new Dictionary<string, string> { ["RateLimits:Channels:PermitLimit"] = "2" });
        var client = bot.CreateClient();
        HttpRequestMessage Help(string user) => SignedSlackRequests.Signed("/slack/commands",
            SignedSlackRequests.Command("help", slack.NewResponseUrl()).Replace("user_id=" + SignedSlackRequests.User, "user_id=" + user), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(SignedSlackRequests.Unsigned("/slack/commands", "command=/ask", "application/x-www-form-urlencoded"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Help("U1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Help("U1"))).StatusCode);
        var limited = await client.SendAsync(Help("U1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Help("U2"))).StatusCode);
    }

    [Fact]
    public async Task The_answer_api_is_limited_per_client()
    {
        await using var bot = new LimitedApi();
        var client = bot.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/ask", new { question = "How many staff?" })).StatusCode);
        var limited = await client.PostAsJsonAsync("/api/ask", new { question = "How many staff?" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        // Health and metrics are never limited: probes must always get through.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Teams_bodies_over_256_KB_are_refused_with_413_whether_or_not_their_length_is_announced(bool announced)
    {
        await using var bot = new TeamsBotHost(null, "Development", EmulatorWithChannelLimit(100));
        var body = Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('a', 256 * 1024) + "\"}");
        HttpContent content = announced ? new ByteArrayContent(body) : new StreamContent(new UnannouncedLength(body));
        content.Headers.ContentType = new("application/json");

        var response = await bot.CreateClient().PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("RateLimits:Channels:PermitLimit", "0")]
    [InlineData("RateLimits:Api:WindowSeconds", "0")]
    public void Wrong_limits_fail_start_up_naming_the_setting(string setting, string value)
    {
        var validation = StartupFailure.Of(() => new TeamsBotHost(null, "Development", new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains(validation.Failures, f => f.Contains(setting, StringComparison.Ordinal));
    }

    private sealed class LimitedApi : BotFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimits:Api:PermitLimit"] = "2" };
    }

    /// <summary>A body sent chunked, so only reading it shows its size.</summary>
    private sealed class UnannouncedLength(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
