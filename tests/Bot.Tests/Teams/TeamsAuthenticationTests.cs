using System.Net;
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
    public async Task Accepts_a_key_published_after_start_by_refreshing_the_key_set_on_an_unknown_kid()
    {
        var ok = await BotHost.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "first"), Channel.SignToken());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var rolledKey = new ChannelKey("rolled-key", "msteams");
        Channel.Publish(rolledKey);
        await Task.Delay(1100);

        var response = await BotHost.PostActivityAsync(Activities.Message(Channel.ServiceUrl, "second"), Channel.SignToken(rolledKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Channel.KeySetFetches);
        Assert.Equal(2, Channel.Posts.Count);
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
