using System.Text.Json.Nodes;
using IomAssistant.Bot.Api;
using IomAssistant.Bot.Cards;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Protection;
using IomAssistant.Knowledge.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IomAssistant.Bot.Web;

/// <summary>The /api/card response: the Adaptive Card Teams would show, its text fallback, and the /api/ask body.</summary>
public sealed record CardResponse(JsonObject Card, string FallbackText, AskResponse Reply);

public sealed record WelcomeResponse(JsonObject Card, string FallbackText, string Language);

/// <summary>A validated /api/feedback request: a 👍/👎 on the answer titled <see cref="AnswerTitle"/>.</summary>
public sealed record FeedbackRequest(string AnswerTitle, string? Question, bool Helpful, string? Language);

public sealed record FeedbackResponse(string Message);

/// <summary>Questions in, cards out; card buttons' feedback recorded.</summary>
public static class CardEndpoints
{
    public const string Channel = "web";
    private const int MaxFeedbackBytes = 8 * 1024;

    /// <summary>/api/card, /api/welcome and /api/feedback, mapped into the page's /api group.</summary>
    public static IEndpointRouteBuilder MapCardApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/card", AskAsync).WithBodyLimit(RequestBody.AskLimit);
        app.MapGet("/welcome", Welcome);
        app.MapPost("/feedback", RecordFeedbackAsync).WithBodyLimit(MaxFeedbackBytes);
        return app;
    }

    private static async Task<Results<Ok<CardResponse>, JsonHttpResult<ApiError>>> AskAsync(
        HttpContext http, ConversationService conversation, WebAudiences audiences, AdaptiveCardRenderer renderer)
    {
        var read = await AskRequestReader.ReadAsync(http);
        if (!read.IsAccepted)
            return TypedResults.Json(read.Refusal, statusCode: read.Status);
        var request = read.Value;
        var reply = conversation.Ask(Channel, audiences.Of(http.Request), request.Question, request.Context, request.Locale);
        var card = renderer.RenderReply(reply, request.Question);
        return TypedResults.Ok(new CardResponse(card.Card, card.FallbackText, new AskResponse(reply.Answer, reply.Suggestions, reply.Language)));
    }

    private static Results<Ok<WelcomeResponse>, BadRequest<ApiError>> Welcome(string? locale, AdaptiveCardRenderer renderer, ConversationService conversation)
    {
        if (TextLimits.TooLong("locale", locale, TextLimits.Locale) is { } error)
            return TypedResults.BadRequest(new ApiError(error));
        var language = LanguageDetector.Detect("", locale);
        var card = renderer.RenderWelcome(conversation.TextFor(language));
        return TypedResults.Ok(new WelcomeResponse(card.Card, card.FallbackText, language));
    }

    private static async Task<Results<Ok<FeedbackResponse>, JsonHttpResult<ApiError>>> RecordFeedbackAsync(HttpContext http, ConversationService conversation)
    {
        var read = await ReadFeedbackAsync(http);
        if (!read.IsAccepted)
            return TypedResults.Json(read.Refusal, statusCode: read.Status);
        var feedback = read.Value;
        conversation.RecordFeedback(Channel, feedback.AnswerTitle, feedback.Question, feedback.Helpful);
        return TypedResults.Ok(new FeedbackResponse(UiText.For(feedback.Language).ThanksForFeedback));
    }

    /// <summary>The page posts the feedback button's own data; anything else is a 400.</summary>
    private static async Task<RequestRead<FeedbackRequest>> ReadFeedbackAsync(HttpContext http)
    {
        const string shape = "The body must be the feedback button's data: {\"action\": \"feedback\", \"helpful\": true, \"answer\": \"...\"}.";
        var read = await RequestBody.ReadJsonAsync(http, maxDepth: 8, shape);
        if (!read.IsAccepted)
            return RequestRead<FeedbackRequest>.Refused(read);
        CardSubmit? submit;
        using (read.Value)
            submit = CardSubmit.From(read.Value.RootElement);
        if (submit is not { Action: CardSubmit.Feedback, AnswerTitle: { } answerTitle } || string.IsNullOrWhiteSpace(answerTitle))
            return RequestRead<FeedbackRequest>.Refused(shape, StatusCodes.Status400BadRequest);
        if (TextLimits.FirstTooLong(("answer", answerTitle, TextLimits.AnswerTitle), ("question", submit.Question, TextLimits.Question),
                ("lang", submit.Language, TextLimits.Language)) is { } tooLong)
            return RequestRead<FeedbackRequest>.Refused(tooLong, StatusCodes.Status400BadRequest);
        return RequestRead<FeedbackRequest>.Accepted(new FeedbackRequest(
            AskRequestReader.WithoutControlCharacters(answerTitle),
            submit.Question is null ? null : AskRequestReader.WithoutControlCharacters(submit.Question),
            submit.Helpful,
            submit.Language));
    }
}
