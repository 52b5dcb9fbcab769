using System.Net;
using System.Text.Json.Nodes;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>
/// The real bot in Socket Mode (Slack:AppToken, no signing secret) against a loopback Slack:
/// apps.connections.open, the WebSocket carrying envelopes and acknowledgements, and the Web API
/// and response_url the answers go to.
/// </summary>
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private FakeSlackWebApi _slack = null!;
    private SlackBotFactory _bot = null!;

    private FakeSlackSocketMode SocketMode => _slack.SocketMode;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackWebApi.StartAsync();
        _bot = new SlackBotFactory(_slack, settings: new Dictionary<string, string>
        {
            ["Slack:SigningSecret"] = "",
            ["Slack:AppToken"] = FakeSlackSocketMode.AppToken,
            ["Slack:BotUserId"] = BotUserId,
        });
        // Starting the host starts the Socket Mode connection.
        _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task A_mention_over_the_socket_is_acknowledged_and_answered_in_its_thread()
    {
        var socket = await SocketMode.NextConnectionAsync();
        var channel = NewId("C");
        var mention = Mention(channel, "How many staff does the regional office have?");

        var ack = await socket.ExchangeAsync(EventsApi(mention));

        Assert.Null(ack["payload"]);
        var post = await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        Assert.Equal("chat.postMessage", post.Method);
        Assert.Equal("Bearer " + BotToken, post.Authorization);
        Assert.Equal(mention["ts"]!.GetValue<string>(), post.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("515", post.Body.ToJsonString());
        Assert.Empty(BlockKitLimits.Problems(post.Body));
    }

    [Fact]
    public async Task A_slash_command_is_acknowledged_and_answered_through_its_response_url()
    {
        var socket = await SocketMode.NextConnectionAsync();
        var responseUrl = _slack.NewResponseUrl();

        await socket.ExchangeAsync(SlashCommand("¿Qué oficina coordina Surinam?", responseUrl));

        var reply = await _slack.WaitForAsync(c => c.Method == "response_url" && c.Path == responseUrl.AbsolutePath);
        Assert.Equal("ephemeral", reply.Body["response_type"]!.GetValue<string>());
        Assert.Contains("San Jos", reply.Body.ToJsonString());
    }

    [Fact]
    public async Task Help_comes_back_in_the_acknowledgement_itself()
    {
        var socket = await SocketMode.NextConnectionAsync();

        var ack = await socket.ExchangeAsync(SlashCommand("ayuda", _slack.NewResponseUrl()));

        Assert.Equal("ephemeral", ack["payload"]!["response_type"]!.GetValue<string>());
        Assert.Empty(BlockKitLimits.Problems(ack["payload"]!.AsObject()));
    }

    [Fact]
    public async Task A_follow_up_button_is_answered_in_the_thread()
    {
        var socket = await SocketMode.NextConnectionAsync();
        var channel = NewId("C");
        var mention = Mention(channel, "How many staff does the regional office have?");
        await socket.ExchangeAsync(EventsApi(mention));
        var answer = await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        var followUp = SlackCommandTests.Buttons(answer.Body).First(b => b["action_id"]!.GetValue<string>().StartsWith("follow_up"));
        var form = ButtonPress(followUp, channel, _slack.NewResponseUrl(), ephemeral: false, threadTs: mention["ts"]!.GetValue<string>());

        await socket.ExchangeAsync(Envelope("interactive", JsonNode.Parse(Uri.UnescapeDataString(form["payload=".Length..]))!.AsObject()));

        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel && c != answer);
        Assert.All(_slack.To(channel), post => Assert.Equal(mention["ts"]!.GetValue<string>(), post.Body["thread_ts"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_and_answered_once()
    {
        var socket = await SocketMode.NextConnectionAsync();
        var channel = NewId("C");
        var payload = JsonNode.Parse(EventCallback(NewId("Ev"), Mention(channel, "How many staff?")))!.AsObject();

        await socket.ExchangeAsync(Envelope("events_api", payload));
        var retry = Envelope("events_api", payload.DeepClone().AsObject());
        retry["retry_attempt"] = 1;
        retry["retry_reason"] = "timeout";
        await socket.ExchangeAsync(retry);

        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        // Another event answered after the retry proves the retry was dropped, not still queued.
        var later = NewId("C");
        await socket.ExchangeAsync(EventsApi(Mention(later, "How many staff?")));
        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == later);
        Assert.Single(_slack.To(channel));
    }

    [Fact]
    public async Task After_a_disconnect_message_it_opens_a_new_connection_and_answers_on_it()
    {
        var first = await SocketMode.NextConnectionAsync();
        var opensBefore = SocketMode.Opens;

        await first.DisconnectAsync();
        var second = await SocketMode.NextConnectionAsync();
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(SocketMode.Opens > opensBefore);
        var channel = NewId("C");
        await second.ExchangeAsync(EventsApi(Mention(channel, "Who coordinates the IOM mission in Guyana?")));
        var post = await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        Assert.Contains("San Jos", post.Body.ToJsonString());
    }

    [Fact]
    public async Task After_a_dropped_connection_it_reconnects_and_answers_again()
    {
        var first = await SocketMode.NextConnectionAsync();

        first.Drop();
        var second = await SocketMode.NextConnectionAsync();

        var channel = NewId("C");
        await second.ExchangeAsync(EventsApi(Mention(channel, "How many staff?")));
        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
    }

    [Fact]
    public async Task The_http_endpoints_stay_closed_without_a_signing_secret()
    {
        await SocketMode.NextConnectionAsync();

        var response = await _bot.CreateClient().SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(NewId("C"), "How many staff?"))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonObject EventsApi(JsonObject incoming) =>
        Envelope("events_api", JsonNode.Parse(EventCallback(NewId("Ev"), incoming))!.AsObject());

    private static JsonObject SlashCommand(string text, Uri responseUrl) => Envelope("slash_commands", new JsonObject
    {
        ["token"] = "legacy",
        ["team_id"] = Team,
        ["channel_id"] = "C0CMD",
        ["user_id"] = User,
        ["command"] = "/ask",
        ["text"] = text,
        ["response_url"] = responseUrl.ToString(),
        ["trigger_id"] = "1.2.3",
    }, acceptsResponsePayload: true);

    private static JsonObject Envelope(string type, JsonObject payload, bool acceptsResponsePayload = false) => new()
    {
        ["envelope_id"] = Guid.NewGuid().ToString(),
        ["type"] = type,
        ["accepts_response_payload"] = acceptsResponsePayload,
        ["retry_attempt"] = 0,
        ["payload"] = payload,
    };
}
