using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Tests.Teams.Fakes;

namespace IomAssistant.Bot.Tests.Teams;

/// <summary>Activities in, replies out: through real HTTP, real tokens and a recording Connector.</summary>
public sealed class TeamsConversationTests : TeamsBotHarness
{
    private const string Question = "How many staff does the regional office have?";

    private Task<HttpResponseMessage> Send(object activity) => BotHost.PostActivityAsync(activity, Channel.SignToken());

    [Fact]
    public async Task A_message_is_answered_with_a_card_posted_to_the_connector_with_the_bot_token()
    {
        var activity = Activities.Message(Channel.ServiceUrl, Question, conversationId: "a:1conv/with;odd chars");

        var response = await Send(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(Channel.Posts);
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString("a:1conv/with;odd chars")}/activities/{activity["id"]}", post.Path);
        Assert.Equal("Bearer connector-token-1", post.Authorization);
        Assert.Equal("message", (string?)post.Body["type"]);
        Assert.Equal(activity["id"], (string?)post.Body["replyToId"]);
        Assert.Equal(Activities.BotId, (string?)post.Body["from"]?["id"]);
        Assert.Equal("29:1user", (string?)post.Body["recipient"]?["id"]);
        Assert.Contains("515", (string?)post.Body["summary"]);
        var card = post.Body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)card["contentType"]);
        Assert.Equal("1.5", (string?)card["content"]?["version"]);
        Assert.Equal([Question], BotHost.Engine.Questions);
    }

    [Fact]
    public async Task The_knowledge_engine_answers_a_teams_question_end_to_end()
    {
        await using var bot = new TeamsBotHost(Channel, realEngine: true);

        var response = await bot.PostActivityAsync(Activities.ChannelMention(Channel.ServiceUrl, Question), Channel.SignToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(Channel.Posts);
        Assert.Contains("515", (string?)post.Body["summary"]);
        Assert.Contains("iom-ro-south-america.txt", (string?)post.Body["summary"]);
    }

    [Fact]
    public async Task The_bot_token_is_requested_once_and_reused()
    {
        await Send(Activities.Message(Channel.ServiceUrl, Question));
        await Send(Activities.Message(Channel.ServiceUrl, Question));

        Assert.Equal(2, Channel.Posts.Count);
        Assert.Equal(1, Channel.TokensIssued);
    }

    [Fact]
    public async Task The_bots_own_mention_is_stripped_before_answering()
    {
        var response = await Send(Activities.ChannelMention(Channel.ServiceUrl, Question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Question], BotHost.Engine.Questions);
        Assert.Single(Channel.Posts);
    }

    [Fact]
    public async Task Other_mentions_keep_the_name()
    {
        var activity = Activities.ChannelMention(Channel.ServiceUrl, "which office does <at>Ana Souza</at> work in?");

        await Send(activity);

        Assert.Equal(["which office does Ana Souza work in?"], BotHost.Engine.Questions);
    }

    [Fact]
    public async Task A_message_that_is_only_the_mention_gets_the_help_card()
    {
        await Send(Activities.ChannelMention(Channel.ServiceUrl, ""));

        Assert.Empty(BotHost.Engine.Questions);
        var post = Assert.Single(Channel.Posts);
        Assert.Contains(BotHost.Engine.Greeting("en").Examples[0], post.Body.ToJsonString());
    }

    [Fact]
    public async Task The_bot_welcomes_a_conversation_once_when_it_is_added()
    {
        var conversationId = Activities.NewConversationId();

        await Send(Activities.BotAdded(Channel.ServiceUrl, conversationId));
        await Send(Activities.BotAdded(Channel.ServiceUrl, conversationId));
        await Send(Activities.BotAdded(Channel.ServiceUrl, conversationId, memberId: "29:1someone-else"));

        var welcome = Assert.Single(Channel.PostsTo(conversationId));
        Assert.Contains(BotHost.Engine.Greeting("en").Title, welcome.Body["summary"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", (string?)welcome.Body["attachments"]![0]!["content"]!["type"]);
    }

    [Fact]
    public async Task The_welcome_speaks_the_users_language()
    {
        var conversationId = Activities.NewConversationId();

        await Send(Activities.BotAdded(Channel.ServiceUrl, conversationId, locale: "es-AR"));

        var welcome = Assert.Single(Channel.PostsTo(conversationId));
        Assert.Contains(BotHost.Engine.Greeting("es").Title, (string?)welcome.Body["summary"]);
        Assert.Contains(BotHost.Engine.Greeting("es").Examples[0], (string?)welcome.Body["summary"]);
    }

    [Fact]
    public async Task Expect_replies_returns_the_replies_in_the_response_and_posts_nothing()
    {
        var activity = Activities.Message(Channel.ServiceUrl, Question);
        activity["deliveryMode"] = "expectReplies";

        var response = await Send(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var reply = Assert.Single(body["activities"]!.AsArray());
        Assert.Equal("message", (string?)reply!["type"]);
        Assert.Equal(activity["id"], (string?)reply["replyToId"]);
        await Task.Delay(200);
        Assert.Empty(Channel.Posts);
    }

    [Fact]
    public async Task A_follow_up_button_asks_its_question()
    {
        var conversationId = Activities.NewConversationId();

        await Send(Activities.Submit(Channel.ServiceUrl, new { action = "ask", question = ScriptedAnswerEngine.FollowUp }, conversationId));

        Assert.Equal([ScriptedAnswerEngine.FollowUp], BotHost.Engine.Questions);
        var post = Assert.Single(Channel.PostsTo(conversationId));
        Assert.Equal("AdaptiveCard", (string?)post.Body["attachments"]![0]!["content"]!["type"]);
    }

    [Fact]
    public async Task Feedback_is_recorded_and_acknowledged()
    {
        var conversationId = Activities.NewConversationId();

        await Send(Activities.Submit(Channel.ServiceUrl,
            new { action = "feedback", helpful = false, answer = ScriptedAnswerEngine.OfficeTitle, question = Question, lang = "pt" }, conversationId));

        var entry = Assert.Single(BotHost.Feedback.Entries);
        Assert.Equal(("teams", ScriptedAnswerEngine.OfficeTitle, Question, false), (entry.Channel, entry.AnswerTitle, entry.Question, entry.Helpful));
        var post = Assert.Single(Channel.PostsTo(conversationId));
        Assert.Equal(UiText.Portuguese.ThanksForFeedback, (string?)post.Body["text"]);
        Assert.Empty(BotHost.Engine.Questions);
    }

    [Fact]
    public async Task Feedback_from_the_card_renderer_round_trips()
    {
        var conversationId = Activities.NewConversationId();
        await Send(Activities.Message(Channel.ServiceUrl, Question, conversationId));
        var card = Channel.PostsTo(conversationId).Single().Body["attachments"]![0]!["content"]!;
        var helpful = card.ToJsonString().Contains("\"helpful\":true")
            ? FindSubmitData(card, d => (bool?)d["helpful"] == true)
            : throw new Xunit.Sdk.XunitException("no 👍 button on the answer card");

        await Send(Activities.Submit(Channel.ServiceUrl, helpful, conversationId));

        var entry = Assert.Single(BotHost.Feedback.Entries);
        Assert.True(entry.Helpful);
        Assert.Equal(Question, entry.Question);
    }

    [Fact]
    public async Task The_messaging_extension_lists_popular_topics_on_its_initial_run()
    {
        var response = await Send(Activities.Invoke(Channel.ServiceUrl, "composeExtension/query",
            new { commandId = "searchKnowledge", parameters = new[] { new { name = "initialRun", value = "true" } } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!;
        Assert.Equal("result", (string?)result["type"]);
        var attachments = result["attachments"]!.AsArray();
        Assert.Equal(2, attachments.Count);
        Assert.Equal(ScriptedAnswerEngine.OfficeTitle, (string?)attachments[0]!["preview"]!["content"]!["title"]);
        Assert.Equal("AdaptiveCard", (string?)attachments[0]!["content"]!["type"]);
        Assert.Empty(Channel.Posts);
    }

    [Fact]
    public async Task The_messaging_extension_searches_the_typed_text_within_five_seconds()
    {
        var watch = Stopwatch.StartNew();
        var response = await Send(Activities.Invoke(Channel.ServiceUrl, "composeExtension/query",
            new { commandId = "searchKnowledge", parameters = new[] { new { name = "searchQuery", value = "regional office staff" } }, queryOptions = new { skip = 0, count = 25 } }));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attachment = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!["attachments"]![0]!;
        Assert.Contains("515", (string?)attachment["preview"]!["content"]!["text"]);
        Assert.DoesNotContain("Action.Submit", attachment["content"]!.ToJsonString());
        Assert.Equal(["regional office staff"], BotHost.Engine.Questions);
    }

    [Fact]
    public async Task An_adaptive_card_action_invoke_is_answered_with_a_card()
    {
        var response = await Send(Activities.Invoke(Channel.ServiceUrl, "adaptiveCard/action",
            new { action = new { type = "Action.Execute", verb = "ask", data = new { action = "ask", question = Question } } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("AdaptiveCard", (string?)body["value"]!["type"]);
    }

    [Fact]
    public async Task An_unknown_invoke_gets_an_invoke_response_and_no_reply()
    {
        var response = await Send(Activities.Invoke(Channel.ServiceUrl, "task/fetch", new { data = new { } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(Channel.Posts);
    }

    [Theory]
    [InlineData("messageReaction")]
    [InlineData("typing")]
    [InlineData("somethingNew")]
    public async Task Other_activity_types_are_acknowledged_without_a_reply(string type)
    {
        var activity = Activities.Message(Channel.ServiceUrl, Question);
        activity["type"] = type;

        var response = await Send(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(Channel.Posts);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"text\":\"no type\"}")]
    [InlineData("{\"type\":\"message\",\"entities\":\"not a list\"}")]
    public async Task A_body_that_is_not_an_activity_is_a_400(string body)
    {
        var response = await BotHost.PostActivityAsync(body, Channel.SignToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Task.Delay(200);
        Assert.Empty(Channel.Posts);
    }

    [Fact]
    public async Task Replies_are_retried_on_429_and_503_honouring_retry_after()
    {
        Channel.FailNextConnectorPosts((429, "1"), (503, "1"));
        var watch = Stopwatch.StartNew();

        var response = await Send(Activities.Message(Channel.ServiceUrl, Question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Channel.ConnectorAttempts);
        Assert.Single(Channel.Posts);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"retried after {watch.Elapsed}, sooner than Retry-After");
    }

    [Fact]
    public async Task A_failing_engine_gets_an_apology_not_a_500()
    {
        BotHost.Engine.Override = _ => throw new InvalidOperationException("index unreadable");

        var response = await Send(Activities.Message(Channel.ServiceUrl, Question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UiText.English.SomethingWentWrong, (string?)Assert.Single(Channel.Posts).Body["text"]);
    }

    [Fact]
    public async Task A_too_long_question_is_not_sent_to_the_engine()
    {
        await Send(Activities.Message(Channel.ServiceUrl, new string('a', ConversationService.MaxQuestionLength + 1)));

        Assert.Empty(BotHost.Engine.Questions);
        Assert.Equal(UiText.English.QuestionTooLong, (string?)Assert.Single(Channel.Posts).Body["text"]);
    }

    [Fact]
    public async Task A_follow_up_in_the_same_conversation_is_asked_with_what_the_last_answer_was_about()
    {
        var conversationId = Activities.NewConversationId();

        await Send(Activities.Message(Channel.ServiceUrl, Question, conversationId));
        await Send(Activities.Message(Channel.ServiceUrl, "and how many projects?", conversationId));
        await Send(Activities.Message(Channel.ServiceUrl, "and how many projects?"));

        Assert.Equal([null, ScriptedAnswerEngine.Office.Context, null], BotHost.Engine.Contexts);
    }

    private static JsonObject FindSubmitData(JsonNode node, Func<JsonObject, bool> match)
    {
        foreach (var found in Descendants(node))
            if (found is JsonObject { } o && (string?)o["type"] == "Action.Submit" && o["data"] is JsonObject data && match(data))
                return data;
        throw new Xunit.Sdk.XunitException("no matching Action.Submit");
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var d in Descendants(child))
                yield return d;
    }
}
