using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Tests.Slack;
using IomAssistant.Bot.Tests.Teams.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Protection;

/// <summary>Every text field of every channel has a limit: beyond it, a 400 naming the field, or a message saying how long it may be.</summary>
public sealed class LengthLimitTests(LengthLimitTests.Bot bot) : IClassFixture<LengthLimitTests.Bot>
{
    public sealed class Bot : BotFactory;

    private static string Long(int length) => new('x', length);

    private async Task<(HttpStatusCode Status, string Body)> Post(string path, string json)
    {
        var response = await bot.CreateClient().PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/ask", """{"question": "staff?", "locale": "LOCALE36"}""", "locale")]
    [InlineData("/api/card", """{"question": "staff?", "locale": "LOCALE36"}""", "locale")]
    [InlineData("/api/ask", """{"question": "staff?", "context": {"entity": "ID101"}}""", "context.entity")]
    [InlineData("/api/ask", """{"question": "staff?", "context": {"attribute": "ID101"}}""", "context.attribute")]
    [InlineData("/api/ask", """{"question": "Q2001"}""", "question")]
    [InlineData("/api/feedback", """{"action": "feedback", "helpful": true, "answer": "T301", "lang": "en"}""", "answer")]
    [InlineData("/api/feedback", """{"action": "feedback", "helpful": true, "answer": "Peru", "question": "Q2001", "lang": "en"}""", "question")]
    [InlineData("/api/feedback", """{"action": "feedback", "helpful": true, "answer": "Peru", "lang": "english-US"}""", "lang")]
    public async Task The_web_api_refuses_an_over_long_field_naming_it(string path, string template, string field)
    {
        var json = template.Replace("LOCALE36", Long(TextLimits.Locale + 1)).Replace("ID101", Long(TextLimits.ContextValue + 1))
            .Replace("Q2001", Long(TextLimits.Question + 1)).Replace("T301", Long(TextLimits.AnswerTitle + 1));

        var (status, body) = await Post(path, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith($"\"{field}\" is longer than", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_welcome_card_refuses_an_over_long_locale()
    {
        var response = await bot.CreateClient().GetAsync("/api/welcome?locale=" + Long(TextLimits.Locale + 1));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("locale", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fields_at_their_limit_are_accepted()
    {
        var json = JsonSerializer.Serialize(new { question = "How many staff?", locale = "es-" + Long(TextLimits.Locale - 3), context = new { entity = Long(TextLimits.ContextValue) } });
        Assert.Equal(HttpStatusCode.OK, (await Post("/api/ask", json)).Status);
    }
}

/// <summary>The Teams side of the limits, through real tokens.</summary>
public sealed class TeamsLengthLimitTests : TeamsBotHarness
{
    private Task<HttpResponseMessage> Send(object activity) => BotHost.PostActivityAsync(activity, Channel.SignToken());

    [Theory]
    [InlineData("locale")]
    [InlineData("conversation.id")]
    [InlineData("from.id")]
    public async Task An_activity_with_an_over_long_protocol_field_is_refused_naming_it(string field)
    {
        var activity = Activities.Message(Channel.ServiceUrl, "How many staff?");
        var tooLong = new string('x', field == "locale" ? TextLimits.Locale + 1 : TextLimits.ChannelId + 1);
        switch (field)
        {
            case "locale": activity["locale"] = tooLong; break;
            case "conversation.id": activity["conversation"] = new { id = tooLong, conversationType = "personal" }; break;
            case "from.id": activity["from"] = new { id = tooLong, name = "Test User" }; break;
        }

        var response = await Send(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
        Assert.Empty(Channel.Posts);
        Assert.Empty(BotHost.Engine.Questions);
    }

    [Fact]
    public async Task An_over_long_search_gets_a_message_saying_how_long_it_may_be()
    {
        var response = await Send(Activities.Invoke(Channel.ServiceUrl, "composeExtension/query",
            new { commandId = "searchKnowledge", parameters = new[] { new { name = "searchQuery", value = new string('x', TextLimits.SearchQuery + 1) } } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!;
        Assert.Equal(("message", UiText.English.SearchTooLong), ((string?)result["type"], (string?)result["text"]));
    }

    [Fact]
    public async Task Over_long_feedback_is_not_recorded_and_the_user_is_told()
    {
        var conversationId = Activities.NewConversationId();
        var response = await Send(Activities.Submit(Channel.ServiceUrl,
            new { action = "feedback", helpful = false, answer = new string('t', TextLimits.AnswerTitle + 1), question = "staff?", lang = "es" }, conversationId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UiText.Spanish.FeedbackTooLong, (string?)Assert.Single(Channel.PostsTo(conversationId)).Body["text"]);
        Assert.DoesNotContain(BotHost.Feedback.Entries, e => e.Question == "staff?" && e.Channel == "teams");
    }
}

/// <summary>The Slack side of the limits, through real signatures.</summary>
public sealed class SlackLengthLimitTests : SlackBotHarness
{
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task An_event_with_an_over_long_channel_is_refused_naming_it()
    {
        var channel = "C" + new string('x', TextLimits.ChannelId);
        var response = await Client.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, "How many staff?"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event.channel", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_command_with_an_over_long_response_url_is_refused()
    {
        var responseUrl = new Uri(WebApi.BaseUrl + "/commands/" + new string('x', TextLimits.ChannelId));
        var response = await Client.SendAsync(Signed("/slack/commands", Command("How many staff?", responseUrl), Form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("response_url", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_feedback_button_with_an_over_long_title_is_refused_naming_it()
    {
        var value = JsonSerializer.Serialize(new { Title = new string('t', TextLimits.AnswerTitle + 1), Question = "staff?", Language = "en" });
        var button = new JsonObject { ["action_id"] = "feedback_helpful", ["value"] = value };
        var response = await Client.SendAsync(Signed("/slack/interactivity", ButtonPress(button, NewId("C"), WebApi.NewResponseUrl(), ephemeral: false), Form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"title\" is longer than", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_button_with_an_over_long_value_is_refused()
    {
        var button = new JsonObject { ["action_id"] = "follow_up_0", ["value"] = new string('x', 3000) };
        var response = await Client.SendAsync(Signed("/slack/interactivity", ButtonPress(button, NewId("C"), WebApi.NewResponseUrl(), ephemeral: false), Form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("actions.value", await response.Content.ReadAsStringAsync());
    }
}
