using System.Text.Json;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Api;
using IomAssistant.Bot.Cards;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Protection;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Bot.Web;

/// <summary>The /api/card response: the Adaptive Card Teams would show, its text fallback, and the /api/ask body.</summary>
public sealed record CardResponse(JsonObject Card, string FallbackText, AskResponse Reply);

public sealed record WelcomeResponse(JsonObject Card, string FallbackText, string Language);

public sealed record FeedbackResponse(string Message);

/// <summary>Questions in, cards out; card buttons' feedback recorded.</summary>
public static class CardEndpoints
{
    public const string Channel = "web";
    private const int MaxFeedbackBytes = 8 * 1024;

    public static IEndpointRouteBuilder MapCardApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/card", async (HttpContext http, ConversationService conversation, WebAudiences audiences, AdaptiveCardRenderer renderer, CancellationToken cancellationToken) =>
        {
            SecurityHeaders.Apply(http.Response);
            var (request, error, status) = await AskRequestReader.ReadAsync(http);
            if (request is null)
                return Results.Json(new { error }, statusCode: status);
            var reply = conversation.Ask(Channel, audiences.Of(http.Request), request.Question, request.Context, request.Locale);
            var card = renderer.RenderReply(reply, request.Question);
            return Results.Json(new CardResponse(card.Card, card.FallbackText, new AskResponse(reply.Answer, reply.Suggestions, reply.Language)));
        }).WithBodyLimit(RequestBody.AskLimit).RequireRateLimiting(WebHosting.RateLimitPolicy);

        app.MapGet("/api/welcome", (HttpContext http, string? locale, AdaptiveCardRenderer renderer, ConversationService conversation) =>
        {
            SecurityHeaders.Apply(http.Response);
            if (TextLimits.TooLong("locale", locale, TextLimits.Locale) is { } error)
                return Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);
            var language = LanguageDetector.Detect("", locale);
            var card = renderer.RenderWelcome(conversation.TextFor(language));
            return Results.Json(new WelcomeResponse(card.Card, card.FallbackText, language));
        }).RequireRateLimiting(WebHosting.RateLimitPolicy);

        app.MapPost("/api/feedback", async (HttpContext http, ConversationService conversation) =>
        {
            SecurityHeaders.Apply(http.Response);
            var (submit, error, status) = await ReadFeedbackAsync(http);
            if (submit is null)
                return Results.Json(new { error }, statusCode: status);
            conversation.RecordFeedback(Channel, submit.AnswerTitle!, submit.Question, submit.Helpful);
            return Results.Json(new FeedbackResponse(UiText.For(submit.Language).ThanksForFeedback));
        }).WithBodyLimit(MaxFeedbackBytes).RequireRateLimiting(WebHosting.RateLimitPolicy);

        return app;
    }

    /// <summary>The page posts the feedback button's own data; anything else is a 400.</summary>
    private static async Task<(CardSubmit? Submit, string? Error, int Status)> ReadFeedbackAsync(HttpContext http)
    {
        const string shape = "The body must be the feedback button's data: {\"action\": \"feedback\", \"helpful\": true, \"answer\": \"...\"}.";
        var read = await RequestBody.ReadJsonAsync(http, maxDepth: 8, shape);
        if (read.Document is not { } document)
            return (null, read.Error, read.Status);
        CardSubmit? submit;
        using (document)
            submit = CardSubmit.From(document.RootElement);
        if (submit is not { Action: CardSubmit.Feedback } || string.IsNullOrWhiteSpace(submit.AnswerTitle))
            return (null, shape, StatusCodes.Status400BadRequest);
        if (TextLimits.FirstTooLong(("answer", submit.AnswerTitle, TextLimits.AnswerTitle), ("question", submit.Question, TextLimits.Question),
                ("lang", submit.Language, TextLimits.Language)) is { } tooLong)
            return (null, tooLong, StatusCodes.Status400BadRequest);
        return (submit with
        {
            AnswerTitle = AskRequestReader.WithoutControlCharacters(submit.AnswerTitle),
            Question = submit.Question is null ? null : AskRequestReader.WithoutControlCharacters(submit.Question),
        }, null, StatusCodes.Status200OK);
    }
}
