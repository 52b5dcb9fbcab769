using System.Text.Json;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Cards;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Teams.Protocol;
using IomAssistant.Knowledge.Answers;
using Microsoft.Extensions.Caching.Memory;

namespace IomAssistant.Bot.Teams;

/// <summary>What one incoming activity produces: messages to deliver, or the answer to an invoke.</summary>
public sealed record TurnResult(IReadOnlyList<Activity> Replies, InvokeResponse? Invoke = null)
{
    public static readonly TurnResult Nothing = new([]);
}

/// <summary>
/// Translates Teams activities into calls on the conversation core and its replies into cards.
/// Knows nothing of HTTP or tokens; the adapter delivers what this returns.
/// </summary>
public sealed class TeamsActivityHandler(
    ConversationService conversation,
    AdaptiveCardRenderer renderer,
    TeamsAudiences audiences,
    ILogger<TeamsActivityHandler> logger) : IDisposable
{
    public const string Channel = "teams";
    public const string SearchCommandParameter = "searchQuery";
    private const int MaxSearchResults = 10;

    /// <summary>Conversations already welcomed, so a repeated install event does not welcome twice.</summary>
    private readonly MemoryCache _welcomed = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public TurnResult Handle(Activity activity) => activity.Type switch
    {
        ActivityTypes.Message => OnMessage(activity),
        ActivityTypes.ConversationUpdate => OnConversationUpdate(activity),
        ActivityTypes.Invoke => OnInvoke(activity),
        _ => TurnResult.Nothing,
    };

    private TurnResult OnMessage(Activity activity)
    {
        if (CardSubmit.From(activity.Value) is { } submit)
            return submit.Action == CardSubmit.Feedback
                ? Reply(activity, activity.CreateReply(RecordFeedbackText(submit)))
                : Reply(activity, Answer(activity, submit.Question!));

        var question = MentionText.QuestionFrom(activity);
        if (question.Length == 0)
            return activity.Value is null ? Reply(activity, Welcome(activity)) : TurnResult.Nothing;
        return Reply(activity, Answer(activity, question));
    }

    private TurnResult OnConversationUpdate(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        var conversationId = activity.Conversation?.Id;
        if (botId is null || conversationId is null || activity.MembersAdded?.Any(m => m?.Id == botId) != true)
            return TurnResult.Nothing;
        if (_welcomed.TryGetValue(conversationId, out _))
            return TurnResult.Nothing;
        _welcomed.Set(conversationId, true, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromDays(7) });
        return Reply(activity, Welcome(activity));
    }

    private TurnResult OnInvoke(Activity activity) => activity.Name switch
    {
        "composeExtension/query" => Invoke(200, SearchResults(activity)),
        "adaptiveCard/action" => Invoke(200, UniversalAction(activity)),
        // Unknown invokes are acknowledged; an error status would show the user a failure for something we do not offer.
        _ => Invoke(200, null),
    };

    private static TurnResult Reply(Activity activity, Activity reply) => new([reply]);

    private static TurnResult Invoke(int status, object? body) => new([], new InvokeResponse(status, body));

    private Activity Answer(Activity activity, string question)
    {
        if (question.Length > ConversationService.MaxQuestionLength)
        {
            var text = UiText.For(LanguageOf(activity.Locale)).QuestionTooLong;
            return activity.CreateReply(text);
        }
        try
        {
            var reply = conversation.AskInConversation(Channel, audiences.Of(activity), ConversationKey(activity), question, activity.Locale);
            return CardReply(activity, renderer.RenderReply(reply, question));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Answering a Teams message failed");
            return activity.CreateReply(UiText.For(LanguageOf(activity.Locale)).SomethingWentWrong);
        }
    }

    private string RecordFeedbackText(CardSubmit submit)
    {
        var language = submit.Language is { Length: <= TextLimits.Language } l ? l : "en";
        if (TextLimits.FirstTooLong(("answer", submit.AnswerTitle, TextLimits.AnswerTitle), ("question", submit.Question, TextLimits.Question)) is { } tooLong)
        {
            logger.LogInformation("Teams feedback not recorded: {Reason}", tooLong);
            return UiText.For(language).FeedbackTooLong;
        }
        conversation.RecordFeedback(Channel, submit.AnswerTitle ?? "", submit.Question, submit.Helpful);
        return UiText.For(language).ThanksForFeedback;
    }

    private Activity Welcome(Activity activity) => CardReply(activity, renderer.RenderWelcome(conversation.TextFor(LanguageOf(activity.Locale))));

    private static Activity CardReply(Activity activity, RenderedCard card) =>
        activity.CreateReply(summary: card.FallbackText, attachments: [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = card.Card }]);

    /// <summary>Messaging extension search: results with previews; the initial run lists popular topics.</summary>
    private object SearchResults(Activity activity)
    {
        var language = LanguageOf(activity.Locale);
        var text = UiText.For(language);
        var query = SearchQuery(activity.Value);
        if (query is { Length: > TextLimits.SearchQuery })
            return new { composeExtension = new { type = "message", text = text.SearchTooLong } };
        List<Attachment> results;
        try
        {
            results = query is null
                ? conversation.Topics(audiences.Of(activity), language).Take(MaxSearchResults).Select(t => Result(renderer.RenderTopic(t, text), t.Title, t.Summary)).ToList()
                : conversation.Search(audiences.Of(activity), query, MaxSearchResults, activity.Locale).Select(a => Result(renderer.RenderAnswer(a, text, query, interactive: false), a.Title, Preview(a))).ToList();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Messaging extension search failed");
            results = [];
        }
        return new { composeExtension = new { type = "result", attachmentLayout = "list", attachments = results } };
    }

    private static Attachment Result(RenderedCard card, string title, string summary) => new()
    {
        ContentType = AdaptiveCardRenderer.ContentType,
        Content = card.Card,
        Preview = new Attachment
        {
            ContentType = "application/vnd.microsoft.card.thumbnail",
            Content = new JsonObject { ["title"] = title, ["text"] = summary },
        },
    };

    private static string Preview(Answer answer) =>
        !string.IsNullOrWhiteSpace(answer.Text) ? answer.Text
        : answer.Facts.Count > 0 ? string.Join(" · ", answer.Facts.Take(3).Select(f => $"{f.Label}: {f.Value}"))
        : answer.Source.Quote;

    /// <summary>The typed search text; null on the initial run (or an empty box).</summary>
    private static string? SearchQuery(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v || !v.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.ValueKind != JsonValueKind.Object || !parameter.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                continue;
            if (name.GetString() == "initialRun")
                return null;
            if (parameter.TryGetProperty("value", out var text) && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString()))
                return text.GetString()!.Trim();
        }
        return null;
    }

    /// <summary>Action.Execute (Universal Actions): the same data as Action.Submit, answered in the invoke response.</summary>
    private object UniversalAction(Activity activity)
    {
        var data = activity.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var action)
            && action.ValueKind == JsonValueKind.Object && action.TryGetProperty("data", out var d) ? d : (JsonElement?)null;
        switch (CardSubmit.From(data))
        {
            case { Action: CardSubmit.Feedback } submit:
                return new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = RecordFeedbackText(submit) };
            case { Question: { } question }:
                var reply = Answer(activity, question);
                return reply.Attachments is [{ Content: { } card }, ..]
                    ? new { statusCode = 200, type = AdaptiveCardRenderer.ContentType, value = (object)card }
                    : new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = (object)(reply.Text ?? "") };
            default:
                return new { statusCode = 400, type = "application/vnd.microsoft.error", value = (object)new { code = "BadRequest", message = "Unknown card action." } };
        }
    }

    /// <summary>Each Teams conversation (a personal chat, a channel thread, a group chat) has its own follow-up memory.</summary>
    private static string ConversationKey(Activity activity) => $"{Channel}:{activity.Conversation?.Id}";

    private static string LanguageOf(string? locale) =>
        locale is { Length: >= 2 } && locale[..2].ToLowerInvariant() is "es" or "pt" ? locale[..2].ToLowerInvariant() : "en";

    public void Dispose() => _welcomed.Dispose();
}
