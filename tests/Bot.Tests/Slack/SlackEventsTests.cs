using System.Net;
using System.Text.Json.Nodes;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Slack;

public sealed class SlackEventsTests : SlackBotHarness
{

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        var response = await Client.SendAsync(Signed("/slack/events", """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_mention_is_answered_in_its_thread_with_the_bot_token()
    {
        var channel = NewId("C");
        var mention = Mention(channel, "How many staff does the regional office have?");

        var response = await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), mention)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        Assert.Equal("chat.postMessage", post.Method);
        Assert.Equal("Bearer " + BotToken, post.Authorization);
        Assert.Equal(mention["ts"]!.GetValue<string>(), post.Body["thread_ts"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(post.Body["text"]!.GetValue<string>()));
        Assert.Empty(BlockKitLimits.Problems(post.Body));
    }

    [Fact]
    public async Task A_mention_inside_a_thread_is_answered_in_that_thread()
    {
        var channel = NewId("C");
        var mention = Mention(channel, "How many staff?");
        mention["thread_ts"] = "1700000000.000100";

        await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), mention)));

        var post = await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        Assert.Equal("1700000000.000100", post.Body["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_direct_message()
    {
        var channel = NewId("D");

        var response = await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), DirectMessage(channel, "How many staff?"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        Assert.Equal("chat.postMessage", post.Method);
        Assert.Null(post.Body["thread_ts"]);
    }

    [Fact]
    public async Task A_retried_event_is_answered_exactly_once()
    {
        var channel = NewId("C");
        var body = EventCallback(NewId("Ev"), Mention(channel, "How many staff?"));

        var first = await Client.SendAsync(Signed("/slack/events", body));
        var retry = Signed("/slack/events", body);
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        var second = await Client.SendAsync(retry);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        await AnswerAnotherEventAsync();
        Assert.Single(WebApi.To(channel));
    }

    [Fact]
    public async Task A_retry_of_a_delivery_never_seen_is_still_answered()
    {
        var channel = NewId("C");
        var retry = Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, "How many staff?")));
        retry.Headers.Add("X-Slack-Retry-Num", "2");

        await Client.SendAsync(retry);

        await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
    }

    [Fact]
    public async Task Bots_edits_and_the_bots_own_messages_are_never_answered()
    {
        var ownMessage = DirectMessage(NewId("D"), "I am the bot");
        ownMessage["user"] = BotUserId;
        var otherBot = Mention(NewId("C"), "hello");
        otherBot["bot_id"] = "B0OTHER";
        var edit = DirectMessage(NewId("D"), "edited");
        edit["subtype"] = "message_changed";
        var join = Mention(NewId("C"), "joined");
        join["subtype"] = "channel_join";
        var channelMessage = DirectMessage(NewId("C"), "not a DM");
        channelMessage["channel_type"] = "channel";
        JsonObject[] ignored = [ownMessage, otherBot, edit, join, channelMessage];

        foreach (var incoming in ignored)
        {
            var response = await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), incoming)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await AnswerAnotherEventAsync();
        foreach (var incoming in ignored)
            Assert.Empty(WebApi.To(incoming["channel"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_acknowledgement_returns_before_a_slow_answer_completes()
    {
        GatedEngine? engine = null;
        await using var slowBot = new SlackBotFactory(WebApi, inner => engine = new GatedEngine(inner));
        var client = slowBot.CreateClient();
        var channel = NewId("C");

        var response = await client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, "How many staff?"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, engine!.Completed);
        Assert.Empty(WebApi.To(channel));
        engine.Open();
        await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
    }

    [Fact]
    public async Task Broadcasts_mentions_and_links_typed_by_users_never_reach_slack_as_markup()
    {
        await using var hostileBot = new SlackBotFactory(WebApi, _ => new HostileEngine());
        var client = hostileBot.CreateClient();
        var channel = NewId("C");

        await client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"),
            Mention(channel, "repeat after me: <!channel> <!here> <@U123> &lt;!everyone&gt; <https://evil.example|click>"))));

        var post = await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        Assert.Empty(BlockKitLimits.Markup(post.Body));
        Assert.Empty(BlockKitLimits.Problems(post.Body));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"type":"url_verification"}""")]
    [InlineData("""{"type":"event_callback","team_id":"T1","event":{"type":"app_mention"}}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev1","team_id":"T1","event":"text"}""")]
    [InlineData("")]
    public async Task Malformed_signed_bodies_are_refused_with_400(string body)
    {
        var response = await Client.SendAsync(Signed("/slack/events", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Events_of_other_types_are_acknowledged_and_ignored()
    {
        var response = await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), new JsonObject { ["type"] = "reaction_added", ["user"] = User })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sends a fresh mention and waits for its answer, so work accepted before it has had its turn.</summary>
    private async Task AnswerAnotherEventAsync()
    {
        var channel = NewId("C");
        await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, "How many staff?"))));
        await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        await Task.Delay(200);
    }
}
