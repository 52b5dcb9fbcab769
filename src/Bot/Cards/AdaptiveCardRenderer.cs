using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IomAssistant.Bot.Conversation;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Cards;

/// <summary>A card and the plain text shown where the card cannot be (notifications, text-only clients).</summary>
public sealed record RenderedCard(JsonObject Card, string FallbackText);

/// <summary>
/// Turns answers into Adaptive Cards 1.5 (what Teams desktop and mobile render), for Teams and
/// the web page alike. Every answer card cites its source and offers follow-ups and feedback;
/// labels come from <see cref="UiText"/> in the question's language. Long texts are cut so a
/// card stays well under Teams' 28 KB message limit.
/// </summary>
public sealed class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    private const int MaxTitle = 200;
    private const int MaxText = 2500;
    private const int MaxQuote = 1200;
    private const int MaxFacts = 25;
    private const int MaxFactLabel = 80;
    private const int MaxFallback = 2000;
    private const int MaxFactValue = 300;
    private const int MaxButtons = 3;
    private const int MaxButtonTitle = 120;
    private const int MaxQuestionInData = 500;

    /// <summary>The card for a conversation reply: the answer, or what the bot can answer instead.</summary>
    public RenderedCard RenderReply(ConversationReply reply, string? question = null) =>
        reply.Answer is { } answer
            ? RenderAnswer(answer, reply.Text, question, interactive: true)
            : RenderNoAnswer(reply.Suggestions, reply.Text);

    /// <summary>
    /// An answer card. <paramref name="interactive"/> false leaves out the buttons, for cards a
    /// user shares into a chat where the bot may not be listening.
    /// </summary>
    public RenderedCard RenderAnswer(Answer answer, UiText text, string? question, bool interactive)
    {
        var body = new JsonArray();
        if (KindLabel(answer.Kind, text) is { } kind)
            body.Add(TextBlock(kind, subtle: true, size: "Small", weight: "Bolder"));
        body.Add(TextBlock(Cut(answer.Title, MaxTitle), size: "Large", weight: "Bolder", spacing: "None"));
        if (!string.IsNullOrWhiteSpace(answer.Text))
            body.Add(TextBlock(Cut(answer.Text, MaxText)));
        var facts = answer.Facts.Take(MaxFacts).ToList();
        if (facts.Count > 0)
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = Cut(f.Label, MaxFactLabel), ["value"] = Cut(f.Value, MaxFactValue) }).ToArray()),
            });
        if (answer.Kind == "passage" && !string.IsNullOrWhiteSpace(answer.Source.Quote))
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["style"] = "emphasis",
                ["items"] = new JsonArray(Quote(Cut(answer.Source.Quote, MaxQuote), answer.Highlights)),
            });
        body.Add(TextBlock(SourceLine(answer, text), subtle: true, size: "Small", separator: true));

        var card = Card(body);
        if (interactive)
        {
            var title = Cut(answer.Title, MaxTitle);
            body.Add(TextBlock(text.WasThisHelpful, size: "Small", weight: "Bolder"));
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray(
                    Submit(text.Helpful, CardSubmit.FeedbackData(true, title, CutOrNull(question, MaxQuestionInData), text.Language)),
                    Submit(text.NotHelpful, CardSubmit.FeedbackData(false, title, CutOrNull(question, MaxQuestionInData), text.Language))),
            });
            AddQuestionButtons(card, answer.FollowUps);
        }
        return new RenderedCard(card, AnswerFallback(answer, text));
    }

    /// <summary>Said when the documents do not hold the answer: what the bot can answer, as buttons.</summary>
    public RenderedCard RenderNoAnswer(IReadOnlyList<string> suggestions, UiText text)
    {
        var body = new JsonArray
        {
            TextBlock(text.NoAnswer, weight: "Bolder"),
            TextBlock(text.Help),
        };
        var shown = suggestions.Take(MaxButtons).ToList();
        if (shown.Count > 0)
            body.Add(TextBlock(text.YouCouldAsk, subtle: true, size: "Small"));
        var card = Card(body);
        AddQuestionButtons(card, shown);
        var fallback = new StringBuilder(text.NoAnswer);
        if (shown.Count > 0)
            fallback.Append(' ').Append(text.YouCouldAsk).Append(": ").AppendJoin("; ", shown);
        return new RenderedCard(card, fallback.ToString());
    }

    /// <summary>Welcome (on install) and help (on an empty message): what the bot does, with example questions.</summary>
    public RenderedCard RenderWelcome(UiText text)
    {
        var examples = text.Examples;
        var card = Card(
        [
            TextBlock(text.WelcomeTitle, size: "Large", weight: "Bolder"),
            TextBlock(text.Welcome),
            TextBlock(text.Help, subtle: true),
            TextBlock(text.YouCouldAsk, size: "Small", weight: "Bolder"),
        ]);
        AddQuestionButtons(card, examples);
        return new RenderedCard(card, $"{text.WelcomeTitle}. {text.Welcome} {text.YouCouldAsk}: {string.Join("; ", examples)}");
    }

    /// <summary>A short card for a topic in a list (messaging extension's popular topics).</summary>
    public RenderedCard RenderTopic(TopicSummary topic, UiText text)
    {
        var body = new JsonArray();
        if (KindLabel(topic.Kind, text) is { } kind)
            body.Add(TextBlock(kind, subtle: true, size: "Small", weight: "Bolder"));
        body.Add(TextBlock(Cut(topic.Title, MaxTitle), size: "Medium", weight: "Bolder", spacing: "None"));
        if (!string.IsNullOrWhiteSpace(topic.Summary))
            body.Add(TextBlock(Cut(topic.Summary, MaxText)));
        return new RenderedCard(Card(body), string.IsNullOrWhiteSpace(topic.Summary) ? topic.Title : $"{topic.Title}: {topic.Summary}");
    }

    private static string? KindLabel(string kind, UiText text) => kind switch
    {
        "office" => text.Office,
        "country" => text.Country,
        "strategy" => text.StrategyArea,
        "passage" => text.Passage,
        _ => null,
    };

    /// <summary>The card's document and section, then the other documents its facts quote.</summary>
    private static string SourceLine(Answer answer, UiText text)
    {
        var source = answer.Source;
        var line = string.IsNullOrWhiteSpace(source.Section)
            ? $"{text.Source}: {source.Document}"
            : $"{text.Source}: {source.Document}, {source.Section}";
        var others = answer.OtherFactDocuments;
        return others.Count == 0 ? line : $"{line}; {string.Join("; ", others)}";
    }

    private static string AnswerFallback(Answer answer, UiText text)
    {
        var fallback = new StringBuilder(Cut(answer.Title, MaxTitle));
        if (!string.IsNullOrWhiteSpace(answer.Text))
            fallback.Append(". ").Append(Cut(answer.Text, 600));
        foreach (var fact in answer.Facts.Take(MaxFacts))
            fallback.Append(". ").Append(Cut(fact.Label, MaxFactLabel)).Append(": ").Append(Cut(fact.Value, MaxFactValue));
        if (answer.Kind == "passage" && !string.IsNullOrWhiteSpace(answer.Source.Quote))
            fallback.Append(". \"").Append(Cut(answer.Source.Quote, 600)).Append('"');
        // The source is what makes an answer checkable: keep it even when the rest is cut.
        var source = ". " + SourceLine(answer, text);
        return Cut(fallback.ToString(), MaxFallback - source.Length) + source;
    }

    /// <summary>The quote as one rich text block, with the question's words in bold.</summary>
    private static JsonObject Quote(string quote, IReadOnlyList<string> highlights)
    {
        var words = highlights.Where(h => !string.IsNullOrWhiteSpace(h)).Select(Regex.Escape).ToList();
        var parts = words.Count == 0
            ? [quote]
            : Regex.Split(quote, $@"(\b(?:{string.Join('|', words)})\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        var inlines = new JsonArray();
        foreach (var part in parts.Where(p => p.Length > 0))
        {
            var run = new JsonObject { ["type"] = "TextRun", ["text"] = part, ["italic"] = true };
            if (words.Count > 0 && highlights.Any(h => string.Equals(h, part, StringComparison.OrdinalIgnoreCase)))
                run["weight"] = "Bolder";
            inlines.Add(run);
        }
        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = inlines };
    }

    private static void AddQuestionButtons(JsonObject card, IEnumerable<string> questions)
    {
        var buttons = questions.Where(q => !string.IsNullOrWhiteSpace(q)).Distinct().Take(MaxButtons)
            .Select(q => (JsonNode)Submit(Cut(q, MaxButtonTitle), CardSubmit.AskData(Cut(q, MaxQuestionInData))))
            .ToArray();
        if (buttons.Length > 0)
            card["actions"] = new JsonArray(buttons);
    }

    private static JsonObject Card(JsonArray body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = Version,
        ["body"] = body,
    };

    private static JsonObject Submit(string title, JsonObject data) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = data,
    };

    private static JsonObject TextBlock(string text, bool subtle = false, string? size = null, string? weight = null, string? spacing = null, bool separator = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle) block["isSubtle"] = true;
        if (size is not null) block["size"] = size;
        if (weight is not null) block["weight"] = weight;
        if (spacing is not null) block["spacing"] = spacing;
        if (separator) block["separator"] = true;
        return block;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string? CutOrNull(string? text, int max) => text is null ? null : Cut(text, max);
}
