using System.Net;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Conversation;
using Microsoft.Extensions.DependencyInjection;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Slack;

public sealed class SlackCommandTests : SlackBotHarness
{
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task A_question_is_answered_privately_through_response_url_with_a_share_button()
    {
        var responseUrl = WebApi.NewResponseUrl();

        var response = await Client.SendAsync(Signed("/slack/commands", Command("How many staff does the regional office have?", responseUrl), Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var post = await WebApi.WaitForAsync(c => c.Path == responseUrl.AbsolutePath);
        Assert.Null(post.Authorization);
        Assert.Equal("ephemeral", post.Body["response_type"]!.GetValue<string>());
        Assert.Empty(BlockKitLimits.Problems(post.Body));
        Assert.Contains(Buttons(post.Body), b => b["action_id"]!.GetValue<string>() == "share_in_channel" && b["text"]!["text"]!.GetValue<string>() == "Share in channel");
    }

    [Theory]
    [InlineData("", "How many staff work at the Regional Office for South America?")]
    [InlineData("help", "How many staff work at the Regional Office for South America?")]
    [InlineData("ayuda", "¿Cuántos funcionarios tiene la oficina regional?")]
    [InlineData("ajuda", "Quantos projetos tem o escritório regional?")]
    public async Task Help_or_nothing_shows_what_it_can_answer_at_once(string text, string example)
    {
        var response = await Client.SendAsync(Signed("/slack/commands", Command(text, WebApi.NewResponseUrl()), Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        Assert.Contains(Buttons(body), b => b["text"]!["text"]!.GetValue<string>() == example);
        Assert.Empty(BlockKitLimits.Problems(body));
    }

    [Fact]
    public async Task A_question_over_the_length_limit_is_declined_politely()
    {
        var responseUrl = WebApi.NewResponseUrl();

        await Client.SendAsync(Signed("/slack/commands", Command(new string('a', ConversationService.MaxQuestionLength + 1), responseUrl), Form));

        var post = await WebApi.WaitForAsync(c => c.Path == responseUrl.AbsolutePath);
        Assert.Equal(UiText.English.QuestionTooLong, post.Body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Slacks_ssl_check_is_acknowledged_once_signed()
    {
        var response = await Client.SendAsync(Signed("/slack/commands", "ssl_check=1&token=legacy", Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("command=%2Fask&text=hi")]
    [InlineData("command=%2Fask&text=hi&team_id=T1&channel_id=C1&user_id=U1&response_url=javascript%3Aalert(1)")]
    [InlineData("command=%2Fother&text=hi&team_id=T1&channel_id=C1&user_id=U1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx")]
    [InlineData("%%%&&&==")]
    [InlineData("")]
    public async Task Malformed_commands_are_refused_with_400(string body)
    {
        var response = await Client.SendAsync(Signed("/slack/commands", body, Form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_command_name_comes_from_settings()
    {
        await using var renamed = new SlackBotFactory(WebApi, settings: new Dictionary<string, string> { ["Slack:CommandName"] = "/iom" });
        var client = renamed.CreateClient();
        var responseUrl = WebApi.NewResponseUrl();

        var ours = await client.SendAsync(Signed("/slack/commands", Command("How many staff?", responseUrl, command: "/iom"), Form));
        var default_ = await client.SendAsync(Signed("/slack/commands", Command("How many staff?", WebApi.NewResponseUrl(), command: "/ask"), Form));

        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, default_.StatusCode);
        await WebApi.WaitForAsync(c => c.Path == responseUrl.AbsolutePath);
    }

    [Fact]
    public async Task Share_in_channel_posts_the_answer_for_everyone_and_removes_the_private_copy()
    {
        var responseUrl = WebApi.NewResponseUrl();
        await Client.SendAsync(Signed("/slack/commands", Command("How many staff?", responseUrl), Form));
        var answer = await WebApi.WaitForAsync(c => c.Path == responseUrl.AbsolutePath);
        var share = Buttons(answer.Body).Single(b => b["action_id"]!.GetValue<string>() == "share_in_channel");
        var buttonUrl = WebApi.NewResponseUrl();

        var response = await Client.SendAsync(Signed("/slack/interactivity", ButtonPress(share, "C0CMD", buttonUrl, ephemeral: true), Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shared = await WebApi.WaitForAsync(c => c.Path == buttonUrl.AbsolutePath && c.Body["response_type"]?.GetValue<string>() == "in_channel");
        Assert.Equal(answer.Body["text"]!.GetValue<string>(), shared.Body["text"]!.GetValue<string>());
        Assert.DoesNotContain(Buttons(shared.Body), b => b["action_id"]!.GetValue<string>() == "share_in_channel");
        await WebApi.WaitForAsync(c => c.Path == buttonUrl.AbsolutePath && c.Body["delete_original"]?.GetValue<bool>() == true);
    }

    [Fact]
    public async Task Feedback_is_recorded_and_acknowledged_privately()
    {
        var responseUrl = WebApi.NewResponseUrl();
        await Client.SendAsync(Signed("/slack/commands", Command("How many staff?", responseUrl), Form));
        var answer = await WebApi.WaitForAsync(c => c.Path == responseUrl.AbsolutePath);
        var notHelpful = Buttons(answer.Body).Single(b => b["action_id"]!.GetValue<string>() == "feedback_not_helpful");
        var buttonUrl = WebApi.NewResponseUrl();

        var response = await Client.SendAsync(Signed("/slack/interactivity", ButtonPress(notHelpful, "C0CMD", buttonUrl, ephemeral: true), Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(BotHost.Feedback.Entries, e => e.Question == "How many staff?");
        Assert.Equal("slack", entry.Channel);
        Assert.False(entry.Helpful);
        Assert.Equal(answer.Body["blocks"]![0]!["text"]!["text"]!.GetValue<string>(), entry.AnswerTitle);
        var thanks = await WebApi.WaitForAsync(c => c.Path == buttonUrl.AbsolutePath);
        Assert.Equal(UiText.English.ThanksForFeedback, thanks.Body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_follow_up_on_a_private_answer_is_answered_privately()
    {
        var responseUrl = WebApi.NewResponseUrl();
        await Client.SendAsync(Signed("/slack/commands", Command("How many staff?", responseUrl), Form));
        var answer = await WebApi.WaitForAsync(c => c.Path == responseUrl.AbsolutePath);
        var followUp = Buttons(answer.Body).First(b => b["action_id"]!.GetValue<string>().StartsWith("follow_up"));
        var buttonUrl = WebApi.NewResponseUrl();

        await Client.SendAsync(Signed("/slack/interactivity", ButtonPress(followUp, "C0CMD", buttonUrl, ephemeral: true), Form));

        var reply = await WebApi.WaitForAsync(c => c.Path == buttonUrl.AbsolutePath);
        Assert.Equal("ephemeral", reply.Body["response_type"]!.GetValue<string>());
        Assert.False(reply.Body["replace_original"]!.GetValue<bool>());
        Assert.Empty(BlockKitLimits.Problems(reply.Body));
    }

    internal static IEnumerable<JsonObject> Buttons(JsonObject message) =>
        message["blocks"]!.AsArray().OfType<JsonObject>()
            .Where(b => b["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>());
}
