using System.Net;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Conversation;
using Microsoft.Extensions.DependencyInjection;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Slack;

public sealed class SlackInteractivityTests : SlackBotHarness
{
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task A_follow_up_button_in_a_thread_is_answered_in_that_thread()
    {
        var (channel, mentionTs, answer) = await MentionAsync();
        var followUp = SlackCommandTests.Buttons(answer.Body).First(b => b["action_id"]!.GetValue<string>().StartsWith("follow_up"));

        var response = await Client.SendAsync(Signed("/slack/interactivity", ButtonPress(followUp, channel, WebApi.NewResponseUrl(), ephemeral: false, threadTs: mentionTs), Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForPostsAsync(channel, 2);
        var reply = WebApi.To(channel)[1];
        Assert.Equal("chat.postMessage", reply.Method);
        Assert.Equal(mentionTs, reply.Body["thread_ts"]!.GetValue<string>());
        Assert.Empty(BlockKitLimits.Problems(reply.Body));
    }

    [Fact]
    public async Task Feedback_on_a_channel_answer_is_recorded_and_thanked_only_to_the_user()
    {
        var (channel, mentionTs, answer) = await MentionAsync();
        var helpful = SlackCommandTests.Buttons(answer.Body).Single(b => b["action_id"]!.GetValue<string>() == "feedback_helpful");

        await Client.SendAsync(Signed("/slack/interactivity", ButtonPress(helpful, channel, WebApi.NewResponseUrl(), ephemeral: false, threadTs: mentionTs), Form));

        await WaitForPostsAsync(channel, 2);
        var thanks = WebApi.To(channel)[1];
        Assert.Equal("chat.postEphemeral", thanks.Method);
        Assert.Equal(User, thanks.Body["user"]!.GetValue<string>());
        Assert.Equal(UiText.English.ThanksForFeedback, thanks.Body["text"]!.GetValue<string>());
        Assert.Contains(BotHost.Feedback.Entries, e => e.Helpful && e.Question == "How many staff?");
    }

    [Theory]
    [InlineData("")]
    [InlineData("payload=")]
    [InlineData("payload=%7Bnot%20json")]
    [InlineData("payload=%5B1%5D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22follow_up_0%22%7D%5D%7D")]
    public async Task Malformed_payloads_are_refused_with_400(string body)
    {
        var response = await Client.SendAsync(Signed("/slack/interactivity", body, Form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Other_interactions_and_unknown_buttons_are_acknowledged_and_ignored()
    {
        var shortcut = "payload=" + Uri.EscapeDataString("""{"type":"shortcut","callback_id":"x"}""");
        var unknown = ButtonPress(new JsonObject { ["action_id"] = "something_else", ["value"] = "x" }, NewId("C"), WebApi.NewResponseUrl(), ephemeral: false);
        var forgedFeedback = ButtonPress(new JsonObject { ["action_id"] = "feedback_helpful", ["value"] = "not json" }, NewId("C"), WebApi.NewResponseUrl(), ephemeral: false);

        foreach (var body in new[] { shortcut, unknown, forgedFeedback })
            Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(Signed("/slack/interactivity", body, Form))).StatusCode);
    }

    private async Task<(string Channel, string MentionTs, RecordedCall Answer)> MentionAsync()
    {
        var channel = NewId("C");
        var mention = Mention(channel, "How many staff?");
        await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), mention)));
        var answer = await WebApi.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        return (channel, mention["ts"]!.GetValue<string>(), answer);
    }

    private async Task WaitForPostsAsync(string channel, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (WebApi.To(channel).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(count, WebApi.To(channel).Count);
    }
}
