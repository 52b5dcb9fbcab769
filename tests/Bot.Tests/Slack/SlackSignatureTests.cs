using System.Net;
using System.Text;
using IomAssistant.Bot.Slack;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Slack;

public sealed class SlackSignatureTests
{
    // The worked example of Slack's "Verifying requests from Slack" documentation.
    private const string DocumentedSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocumentedTimestamp = "1531420618";
    private const string DocumentedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string DocumentedBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V" +
        "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=" +
        "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN" +
        "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset DocumentedNow = DateTimeOffset.FromUnixTimeSeconds(1531420618 + 30);

    [Fact]
    public void Slacks_documented_example_is_valid()
    {
        var check = SlackSignature.Verify(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody), DocumentedNow);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void The_test_signer_agrees_with_slacks_documented_example() =>
        Assert.Equal(DocumentedSignature, Signature(DocumentedSecret, DocumentedTimestamp, DocumentedBody));

    [Theory]
    [InlineData(DocumentedBody + "&x=1")]
    [InlineData("token=xyzz0WbapA4vBCDEFasx0q6G")]
    [InlineData("")]
    public void A_changed_body_does_not_match(string body) =>
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(body), DocumentedNow));

    [Fact]
    public void Another_secret_does_not_match() =>
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify("ffffffffffffffffffffffffffffffff", DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody), DocumentedNow));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-6 * 60)]
    [InlineData(6 * 60)]
    public void Timestamps_more_than_five_minutes_off_in_either_direction_are_refused(int offsetSeconds)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1531420618 - offsetSeconds);

        Assert.Equal(SignatureCheck.TimestampOutOfWindow, SlackSignature.Verify(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody), now));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Timestamps_exactly_five_minutes_off_are_accepted(int offsetSeconds)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1531420618 - offsetSeconds);

        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Encoding.UTF8.GetBytes(DocumentedBody), now));
    }

    [Theory]
    [InlineData(null, DocumentedSignature, SignatureCheck.MissingHeaders)]
    [InlineData(DocumentedTimestamp, null, SignatureCheck.MissingHeaders)]
    [InlineData("", DocumentedSignature, SignatureCheck.MissingHeaders)]
    [InlineData("1531420618.5", DocumentedSignature, SignatureCheck.MalformedTimestamp)]
    [InlineData("-1531420618", DocumentedSignature, SignatureCheck.MalformedTimestamp)]
    [InlineData("99999999999999999999999", DocumentedSignature, SignatureCheck.MalformedTimestamp)]
    [InlineData(DocumentedTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.MalformedSignature)]
    [InlineData(DocumentedTimestamp, "v0=a2114d57", SignatureCheck.MalformedSignature)]
    [InlineData(DocumentedTimestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.MalformedSignature)]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, SlackSignature.Verify(DocumentedSecret, timestamp, signature, Encoding.UTF8.GetBytes(DocumentedBody), DocumentedNow));
}

public sealed class SlackRequestRejectionTests : IAsyncLifetime
{
    private FakeSlackWebApi _slack = null!;
    private SlackBotFactory _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackWebApi.StartAsync();
        _bot = new SlackBotFactory(_slack);
        _client = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    public static TheoryData<string> Paths => new() { "/slack/events", "/slack/commands", "/slack/interactivity" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Unsigned_requests_are_refused_with_401(string path)
    {
        var response = await _client.SendAsync(Unsigned(path, EventCallback(NewId("Ev"), Mention(NewId("C"), "How many staff?"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refused_requests_are_never_answered()
    {
        var channels = new List<string>();
        HttpRequestMessage Mentioning(Func<string, HttpRequestMessage> build)
        {
            var channel = NewId("C");
            channels.Add(channel);
            return build(EventCallback(NewId("Ev"), Mention(channel, "How many staff?")));
        }

        var requests = new[]
        {
            Mentioning(body => Unsigned("/slack/events", body)),
            Mentioning(body => Signed("/slack/events", body, secret: "ffffffffffffffffffffffffffffffff")),
            Mentioning(body => Signed("/slack/events", body, at: DateTimeOffset.UtcNow.AddMinutes(-6))),
            Mentioning(body => Signed("/slack/events", body, at: DateTimeOffset.UtcNow.AddMinutes(6))),
            Mentioning(body =>
            {
                var signed = Signed("/slack/events", body);
                signed.Content = new StringContent(body.Replace("How many staff?", "Post this to everyone"), Encoding.UTF8, "application/json");
                return signed;
            }),
        };

        foreach (var request in requests)
            Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendAsync(request)).StatusCode);

        var control = NewId("C");
        await _client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(control, "How many staff?"))));
        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == control);
        await Task.Delay(200);
        Assert.All(channels, channel => Assert.Empty(_slack.To(channel)));
    }

    public static TheoryData<string, string> Garbage => new()
    {
        { "/slack/events", "{\"type\":\"event_callback\",\"event_id\":{},\"team_id\":[],\"event\":{\"type\":\"app_mention\",\"text\":7}}" },
        { "/slack/events", "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"team_id\":\"T1\",\"event\":{\"type\":\"app_mention\",\"user\":\"U1\",\"channel\":\"C1\",\"ts\":\"1\",\"text\":null}}" },
        { "/slack/events", new string('[', 5000) },
        { "/slack/events", "{\"type\":\"url_verification\",\"challenge\":5}" },
        { "/slack/commands", "command=%2Fask&text=%FF%FE&team_id=T1&channel_id=C1&user_id=U1&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fx" },
        { "/slack/commands", "command=%2Fask&command=%2Fask&text=a&text=b" },
        { "/slack/interactivity", "payload=" + Uri.EscapeDataString(new string('{', 5000)) },
        { "/slack/interactivity", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":5,\"actions\":[{\"action_id\":\"feedback_helpful\",\"value\":\"null\"}]}") },
        { "/slack/interactivity", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"},\"channel\":{\"id\":\"C1\"},\"actions\":[{\"action_id\":\"share_in_channel\",\"value\":\"x\"}]}") },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Signed_nonsense_is_never_a_server_error(string path, string body)
    {
        var response = await _client.SendAsync(Signed(path, body, path == "/slack/events" ? "application/json" : "application/x-www-form-urlencoded"));

        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Signed_random_bytes_are_never_a_server_error()
    {
        var random = new Random(20240611);
        foreach (var path in new[] { "/slack/events", "/slack/commands", "/slack/interactivity" })
        {
            for (var i = 0; i < 30; i++)
            {
                var body = new byte[random.Next(0, 400)];
                random.NextBytes(body);
                var response = await _client.SendAsync(SignedBytes(path, body, i % 2 == 0 ? "application/json" : "application/x-www-form-urlencoded"));
                Assert.True((int)response.StatusCode < 500, $"{path}: HTTP {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_anything_else()
    {
        var response = await _client.SendAsync(Signed("/slack/events", new string('x', IomAssistant.Bot.Protection.RequestBody.BotEndpointLimit + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Without_slack_settings_every_endpoint_is_404(string path)
    {
        await using var unconfigured = new SlackBotFactory(slack: null);
        var client = unconfigured.CreateClient();

        var signed = await client.SendAsync(Signed(path, EventCallback(NewId("Ev"), Mention(NewId("C"), "How many staff?"))));
        var unsigned = await client.SendAsync(Unsigned(path, "{}"));

        Assert.Equal(HttpStatusCode.NotFound, signed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unsigned.StatusCode);
    }
}
