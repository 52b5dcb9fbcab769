using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using IomAssistant.Bot.Conversation;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Slack;

/// <summary>What the buttons under an answer carry and whether it may be shared.</summary>
public sealed record AnswerActions(string Question, bool OfferShare);

/// <summary>The value of a feedback button: which answer, to which question, in which language.</summary>
public sealed record FeedbackValue(string Title, string Question, string Language);

/// <summary>
/// Turns the channel-neutral reply into Block Kit. Every piece of text that did not come from
/// our own templates is escaped, and every piece is capped, so Slack's limits (50 blocks,
/// 3000-character sections, 10 fields of 2000, 150-character headers) hold for any answer.
/// </summary>
public static class BlockKitRenderer
{
    public const string FollowUpAction = "follow_up";
    public const string HelpfulAction = "feedback_helpful";
    public const string NotHelpfulAction = "feedback_not_helpful";
    public const string ShareAction = "share_in_channel";

    // Caps chosen so the largest possible answer, button values included, stays under 10,000
    // characters, well under Slack's 12,000, while showing every ordinary card in full.
    private const int HeaderMax = 150;
    private const int TextMax = 800;
    private const int QuoteMax = 800;
    private const int FactsMax = 10;
    private const int LabelMax = 50;
    private const int FieldMax = 300;
    private const int ContextMax = 300;
    private const int ButtonTextMax = 75;
    private const int FollowUpsMax = 5;
    private const int FollowUpValueMax = 150;
    private const int SharedQuestionMax = 500;
    private const int FallbackMax = 300;

    // Letters stay as they are (an escaped "é" takes six characters); < > & are still escaped, so the value is inert.
    private static readonly JsonSerializerOptions ValueJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static SlackMessage Render(ConversationReply reply, AnswerActions actions)
    {
        var text = reply.Text;
        return reply.Answer is { } answer ? RenderAnswer(answer, reply, text, actions) : RenderNoAnswer(reply, text);
    }

    /// <summary>What the bot can answer, with example questions as buttons.</summary>
    public static SlackMessage Help(UiText text)
    {
        var blocks = new JsonArray
        {
            Header(text.WelcomeTitle),
            Section(SlackText.Escape(text.Welcome)),
            Section(SlackText.Escape(text.Help)),
        };
        AddFollowUps(blocks, text, text.Examples);
        return new SlackMessage(SlackText.Escape(text.Help), blocks);
    }

    /// <summary>A single sentence, such as a thank-you or an apology.</summary>
    public static SlackMessage Notice(string sentence)
    {
        var escaped = SlackText.EscapeWithin(sentence, TextMax);
        return new SlackMessage(escaped, [Section(escaped)]);
    }

    private static SlackMessage RenderAnswer(Answer answer, ConversationReply reply, UiText text, AnswerActions actions)
    {
        var blocks = new JsonArray { Header(answer.Title) };
        if (!string.IsNullOrWhiteSpace(answer.Text))
            blocks.Add(Section(SlackText.EscapeWithin(answer.Text, TextMax)));

        // At most ten facts: one section's worth of fields.
        var fields = answer.Facts.Take(FactsMax)
            .Select(fact => (JsonNode)Mrkdwn($"*{SlackText.EscapeWithin(fact.Label, LabelMax)}*\n{SlackText.EscapeWithin(fact.Value, FieldMax - LabelMax - 3)}"))
            .ToArray();
        if (fields.Length > 0)
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(fields) });

        var quote = string.Join(' ', answer.Source.Quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (quote.Length > 0)
            blocks.Add(Section("> _" + SlackText.EscapeWithin(quote, QuoteMax) + "_"));

        var source = string.Join(" · ", new[] { answer.Source.Document, answer.Source.Section }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (answer.OtherFactDocuments is { Count: > 0 } others)
            source = $"{source}; {string.Join("; ", others)}";
        if (source.Length > 0)
            blocks.Add(Context($"{SlackText.Escape(text.Source)}: {SlackText.EscapeWithin(source, ContextMax)}"));

        AddFollowUps(blocks, text, answer.FollowUps.Count > 0 ? answer.FollowUps : reply.Suggestions);

        blocks.Add(Context(SlackText.Escape(text.WasThisHelpful)));
        var feedback = JsonSerializer.Serialize(new FeedbackValue(Truncate(answer.Title, HeaderMax), Truncate(actions.Question, FollowUpValueMax), text.Language), ValueJson);
        var buttons = new JsonArray
        {
            Button(text.Helpful, HelpfulAction, feedback),
            Button(text.NotHelpful, NotHelpfulAction, feedback),
        };
        if (actions.OfferShare)
            buttons.Add(Button(text.ShareInChannel, ShareAction, SlackText.EscapeWithin(actions.Question, SharedQuestionMax), primary: true));
        blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = "feedback", ["elements"] = buttons });

        return new SlackMessage(Fallback(answer), blocks);
    }

    private static SlackMessage RenderNoAnswer(ConversationReply reply, UiText text)
    {
        var blocks = new JsonArray { Section(SlackText.Escape(text.NoAnswer)) };
        AddFollowUps(blocks, text, reply.Suggestions);
        return new SlackMessage(SlackText.Escape(text.NoAnswer), blocks);
    }

    private static void AddFollowUps(JsonArray blocks, UiText text, IReadOnlyList<string> questions)
    {
        var buttons = questions.Where(q => !string.IsNullOrWhiteSpace(q)).Distinct().Take(FollowUpsMax)
            .Select((question, i) => (JsonNode)Button(question, $"{FollowUpAction}_{i}", SlackText.EscapeWithin(question, FollowUpValueMax)))
            .ToArray();
        if (buttons.Length == 0)
            return;
        blocks.Add(Context(SlackText.Escape(text.YouCouldAsk)));
        blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = "follow_ups", ["elements"] = new JsonArray(buttons) });
    }

    /// <summary>The notification text: the title and the first facts, or the answer's text.</summary>
    private static string Fallback(Answer answer)
    {
        var detail = answer.Facts.Count > 0
            ? string.Join("; ", answer.Facts.Take(3).Select(f => $"{f.Label}: {f.Value}"))
            : answer.Text;
        var line = string.IsNullOrWhiteSpace(detail) ? answer.Title : $"{answer.Title}: {detail}";
        return SlackText.EscapeWithin(line, FallbackMax);
    }

    private static JsonObject Header(string title) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(string.IsNullOrWhiteSpace(title) ? "…" : title, HeaderMax),
    };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Context(string mrkdwn) => new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(mrkdwn)) };

    // verbatim: Slack must not turn words into links or mentions on its own.
    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };

    private static JsonObject PlainText(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = SlackText.EscapeWithin(text, max),
        ["emoji"] = true,
    };

    /// <summary>A button; a question in its value is escaped like any text we send and read back unescaped.</summary>
    private static JsonObject Button(string label, string actionId, string value, bool primary = false)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(label, ButtonTextMax),
            ["action_id"] = actionId,
            ["value"] = value,
        };
        if (primary)
            button["style"] = "primary";
        return button;
    }

    /// <summary>Shortens without splitting a surrogate pair, which Slack would refuse as invalid text.</summary>
    private static string Truncate(string value, int max) =>
        value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
}
