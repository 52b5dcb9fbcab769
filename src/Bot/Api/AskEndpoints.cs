using System.Text.Json;
using IomAssistant.Bot.Conversation;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Api;

public sealed record AskResponse(Answer? Answer, IReadOnlyList<string> Suggestions, string Language);

public static class AskEndpoints
{
    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ask", (HttpRequest request, JsonElement body, ConversationService conversation) =>
        {
            var question = body.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
            if (string.IsNullOrWhiteSpace(question))
                return Results.BadRequest(new { error = "question must be a non-empty string" });
            var reply = conversation.Ask(question);
            return Results.Ok(new AskResponse(reply.Answer, reply.Suggestions, reply.Language));
        });
        return app;
    }
}
