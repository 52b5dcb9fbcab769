using System.Text.Json.Nodes;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Slack;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Tests.Slack;

public sealed class BlockKitRendererTests
{
    private static readonly Answer StaffAnswer = new()
    {
        Kind = "office",
        Title = "IOM Regional Office for South America",
        Text = "Based in Buenos Aires.",
        Facts = [new Fact("Staff", "515"), new Fact("Projects", "80")],
        Source = new SourceRef("iom-ro-south-america.txt", "Introduction", "515 Staff"),
        FollowUps = ["How many projects?"],
    };

    [Fact]
    public void An_answer_has_a_header_fields_quote_source_and_buttons()
    {
        var message = Render(new ConversationReply(StaffAnswer, [], "en"));

        var types = message["blocks"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).ToList();
        Assert.Equal("header", types[0]);
        Assert.Equal(StaffAnswer.Title, message["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        var fields = message["blocks"]!.AsArray().Single(b => b!["fields"] is not null)!["fields"]!.AsArray();
        Assert.Equal("*Staff*\n515", fields[0]!["text"]!.GetValue<string>());
        Assert.Contains(message["blocks"]!.AsArray(), b => b!["text"]?["text"]?.GetValue<string>() == "> _515 Staff_");
        Assert.Contains("Source: iom-ro-south-america.txt · Introduction", message.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var actions = SlackCommandTests.Buttons(message).Select(b => b["action_id"]!.GetValue<string>()).ToList();
        Assert.Equal(["follow_up_0", "feedback_helpful", "feedback_not_helpful", "share_in_channel"], actions);
        Assert.Equal("IOM Regional Office for South America: Staff: 515; Projects: 80", message["text"]!.GetValue<string>());
    }

    [Fact]
    public void The_source_names_every_other_document_the_facts_quote()
    {
        var answer = StaffAnswer with { Facts = [new Fact("Staff", "515", "iom-ro-south-america.txt", "515 Staff"), new Fact("Partners", "228", "r4v.txt", "228 partners")] };

        var message = Render(new ConversationReply(answer, [], "en"));

        Assert.Contains("Source: iom-ro-south-america.txt · Introduction; r4v.txt", message.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Facts_as_long_as_the_catalogs_are_shown_in_full()
    {
        var members = "Six: migrants' rights; freedom of movement and regional integration; migration dialogues; migration and development; environment and climate change; emergency response; and more";
        var answer = StaffAnswer with { Facts = [new Fact("Thematic areas", members)] };

        var message = Render(new ConversationReply(answer, [], "en"));

        Assert.Contains(Texts(message), t => t == $"*Thematic areas*\n{SlackText.Escape(members)}");
    }

    [Fact]
    public void The_largest_possible_card_keeps_every_block_kit_limit()
    {
        var huge = new string('é', 20_000) + "<!channel>&";
        var answer = new Answer
        {
            Kind = "passage",
            Title = huge,
            Text = huge,
            Facts = Enumerable.Range(0, 500).Select(i => new Fact(huge, huge)).ToList(),
            Source = new SourceRef(huge, huge, huge),
            FollowUps = Enumerable.Range(0, 100).Select(i => $"{i} {huge}").ToList(),
        };

        var message = Render(new ConversationReply(answer, Enumerable.Repeat(huge, 100).ToList(), "en"), huge);

        Assert.Equal([], BlockKitLimits.Problems(message));
        Assert.True(message["blocks"]!.AsArray().Count <= 50);
        Assert.True(BlockKitLimits.Length(message) < 10_000, $"{BlockKitLimits.Length(message)} characters");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    public void Shortening_never_splits_an_emoji(string shift)
    {
        var emoji = shift + string.Concat(Enumerable.Repeat("😀", 2000));
        var answer = new Answer
        {
            Kind = "passage",
            Title = emoji,
            Text = emoji,
            Facts = [new Fact(emoji, emoji)],
            Source = new SourceRef(emoji, emoji, emoji),
            FollowUps = [emoji],
        };

        var message = Render(new ConversationReply(answer, [], "en"), emoji);

        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        Assert.All(BlockKitLimits.Strings(message), text => strict.GetBytes(text));
        Assert.All(SlackCommandTests.Buttons(message).Where(b => b["action_id"]!.GetValue<string>().StartsWith("feedback")),
            b => strict.GetBytes(System.Text.Json.JsonSerializer.Deserialize<FeedbackValue>(b["value"]!.GetValue<string>())!.Title));
    }

    [Fact]
    public void Hostile_text_in_any_part_of_an_answer_is_escaped()
    {
        var engine = new HostileEngine();
        var result = engine.Ask("<!everyone> & <@U1>");

        var message = Render(new ConversationReply(result.Answer, result.Suggestions, "en"), "<!everyone> & <@U1>");
        var noAnswer = Render(new ConversationReply(null, [HostileEngine.Payload], "en"));

        Assert.Empty(BlockKitLimits.Markup(message));
        Assert.Empty(BlockKitLimits.Markup(noAnswer));
        Assert.Contains("&lt;!channel&gt;", message["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Contains("&amp; more", message["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en", "Source", "Was this helpful?", "👍 Helpful", "Share in channel")]
    [InlineData("es", "Fuente", "¿Le resultó útil?", "👍 Útil", "Compartir en el canal")]
    [InlineData("pt", "Fonte", "Isto foi útil?", "👍 Útil", "Compartilhar no canal")]
    public void Labels_follow_the_questions_language(string language, string source, string helpfulQuestion, string helpful, string share)
    {
        var message = Render(new ConversationReply(StaffAnswer, [], language));

        var texts = Texts(message);
        Assert.Contains(texts, t => t.StartsWith(source + ": "));
        Assert.Contains(helpfulQuestion, texts);
        Assert.Contains(helpful, texts);
        Assert.Contains(share, texts);
    }

    [Fact]
    public void No_answer_says_so_and_offers_what_it_can_answer()
    {
        var message = Render(new ConversationReply(null, ["¿Cuántos funcionarios tiene la oficina regional?"], "es"));

        Assert.Equal(UiText.Spanish.NoAnswer, message["text"]!.GetValue<string>());
        Assert.Contains("Puede preguntar", Texts(message));
        Assert.Contains("¿Cuántos funcionarios tiene la oficina regional?", Texts(message));
        Assert.DoesNotContain(SlackCommandTests.Buttons(message), b => b["action_id"]!.GetValue<string>().StartsWith("feedback"));
    }

    [Fact]
    public void Escaping_and_shortening_never_cut_an_entity_in_half()
    {
        var shortened = SlackText.EscapeWithin("aaaa<bbbb", 6);

        Assert.Equal("aaaa…", shortened);
    }

    [Theory]
    [InlineData("<@U0BOT> how many staff?", "how many staff?")]
    [InlineData("<@U0BOT> repeat <!channel> <!here> <@U123> &lt;b&gt; &amp; <https://x.example|click> <#C1|general>", "repeat channel here @U123 <b> & click general")]
    [InlineData("<!subteam^S123|@team> hi", "@team hi")]
    [InlineData("<!subteam^S123> hi", "subteam hi")]
    public void Slack_markup_in_questions_becomes_plain_words(string slackText, string question) =>
        Assert.Equal(question, SlackText.ToPlainQuestion(slackText, "U0BOT"));

    private static JsonObject Render(ConversationReply reply, string question = "How many staff?") =>
        BlockKitRenderer.Render(reply, new AnswerActions(question, OfferShare: true)).ToPayload();

    private static List<string> Texts(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v ? [v.GetValue<string>()] : Texts(p.Value!)).ToList(),
        JsonArray a => a.SelectMany(n => Texts(n!)).ToList(),
        _ => [],
    };
}
