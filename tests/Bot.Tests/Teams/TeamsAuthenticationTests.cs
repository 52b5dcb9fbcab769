using System.Net;
using Microsoft.Extensions.Time.Testing;
using IomAssistant.Bot.Tests.Teams.Fakes;

namespace IomAssistant.Bot.Tests.Teams;

/// <summary>Every token the Bot Framework channel would not have sent is refused, and nothing is answered.</summary>
public sealed class TeamsAuthenticationTests : TeamsBotHarness
{

    public static TheoryData<string> RejectedTokens =>
    [
        "no header", "expired", "not yet valid", "wrong audience", "wrong issuer", "wrong key",
        "alg none", "serviceurl mismatch", "unendorsed channel", "malformed token", "HS256",
    ];

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Refuses_the_request_and_posts_nothing(string tokenCase)
    {
        var now = DateTime.UtcNow;
        var token = tokenCase switch
        {
            "no header" => null,
            "expired" => Channel.SignToken(notBefore: now.AddHours(-2), expires: now.AddHours(-1)),
            "not yet valid" => Channel.SignToken(notBefore: now.AddHours(1), expires: now.AddHours(2)),
            "wrong audience" => Channel.SignToken(audience: "00000000-0000-4000-8000-0000000000ff"),
            "wrong issuer" => Channel.SignToken(issuer: "https://api.botframework.test"),
            "wrong key" => Channel.SignToken(Channel.UnpublishedKey, kid: Channel.TeamsKey.Kid),
            "alg none" => Channel.UnsignedToken(),
            "serviceurl mismatch" => Channel.SignToken(serviceUrl: Channel.BaseUrl + "/emea/"),
            "unendorsed channel" => Channel.SignToken(Channel.WebChatKey),
            "malformed token" => "eyJhbGciOiJSUzI1NiJ9.not-a-jwt-payload",
            "HS256" => HmacToken(),
            _ => throw new ArgumentOutOfRangeException(nameof(tokenCase)),
        };
        var activity = Activities.Message(Channel.ServiceUrl, "How many staff does the regional office have?");

        var response = await BotHost.PostActivityAsync(activity, token);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        await Task.Delay(200);
        Assert.Empty(Channel.Posts);
        Assert.Empty(BotHost.Engine.Questions);
        Assert.Equal(0, Channel.TokensIssued);
    }

    [Fact]
    public async Task Refreshes_on_an_unknown_kid_at_most_once_every_five_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = new TeamsBotHost(Channel, time: time);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "first"), Channel.SignToken())).StatusCode);
        using var rolledKey = new ChannelKey("rolled-key", "msteams");
        Channel.Publish(rolledKey);

        // Keys were fetched a moment ago: a kid we do not know is refused without fetching again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "second"), Channel.SignToken(rolledKey))).StatusCode);
        Assert.Equal(1, Channel.KeySetFetches);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "third"), Channel.SignToken(rolledKey))).StatusCode);
        Assert.Equal(2, Channel.KeySetFetches);

        // A flood of forged kids right after costs no fetch at all.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "forged"), Channel.SignToken(Channel.UnpublishedKey, kid: "forged-" + i))).StatusCode);
        Assert.Equal(2, Channel.KeySetFetches);
    }

    [Fact]
    public async Task Refreshes_the_keys_in_the_background_every_day()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = new TeamsBotHost(Channel, time: time);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "first"), Channel.SignToken())).StatusCode);
        using var rolledKey = new ChannelKey("rolled-key", "msteams");
        Channel.Publish(rolledKey);

        time.Advance(TimeSpan.FromHours(24));
        await WaitForKeySetFetchesAsync(2);

        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "second"), Channel.SignToken(rolledKey))).StatusCode);
        Assert.Equal(2, Channel.KeySetFetches);
    }

    [Fact]
    public async Task Keeps_serving_the_last_good_keys_when_a_refresh_fails()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = new TeamsBotHost(Channel, time: time);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "first"), Channel.SignToken())).StatusCode);
        Channel.KeySetFails = true;

        time.Advance(TimeSpan.FromHours(24));
        await WaitForKeySetFetchesAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "after a failed daily refresh"), Channel.SignToken())).StatusCode);

        // A failed refresh is retried five minutes later, not a day later.
        time.Advance(TimeSpan.FromMinutes(5));
        await WaitForKeySetFetchesAsync(3);
        using var rolledKey = new ChannelKey("rolled-key", "msteams");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "unknown kid"), Channel.SignToken(rolledKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "after a failed forced refresh"), Channel.SignToken())).StatusCode);
    }

    [Fact]
    public async Task Too_many_failed_authentications_from_one_address_are_answered_429_without_work()
    {
        var settings = TeamsBotHost.Registered(Channel);
        settings["RateLimits:FailedAuthentication:PermitLimit"] = "3";
        await using var bot = new TeamsBotHost(Channel, settings: settings);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "guess"), Channel.SignToken(audience: "00000000-0000-4000-8000-0000000000ff"))).StatusCode);
        var fetches = Channel.KeySetFetches;

        var refused = await bot.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "and a good one"), Channel.SignToken());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal(fetches, Channel.KeySetFetches);
        Assert.Empty(Channel.Posts);
    }

    private async Task WaitForKeySetFetchesAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Channel.KeySetFetches < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(count, Channel.KeySetFetches);
    }

    [Fact]
    public async Task Reads_the_key_set_once_for_many_requests()
    {
        for (var i = 0; i < 3; i++)
            await BotHost.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "question " + i), Channel.SignToken());

        Assert.Equal(1, Channel.KeySetFetches);
    }

    [Fact]
    public async Task Validates_the_token_before_reading_the_body()
    {
        var response = await BotHost.PostActivityAsync("{\"type\":\"message\",", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private string HmacToken()
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]) { KeyId = Channel.TeamsKey.Kid };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = FakeBotFrameworkChannel.Issuer,
            Audience = FakeBotFrameworkChannel.AppId,
            Claims = new Dictionary<string, object> { ["serviceurl"] = Channel.ServiceUrl },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }
}
