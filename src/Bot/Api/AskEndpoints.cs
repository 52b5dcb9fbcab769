using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Protection;
using IomAssistant.Bot.Web;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Api;

/// <summary>The /api/ask response: the answer (or null), suggestions, and the question's language.</summary>
public sealed record AskResponse(Answer? Answer, IReadOnlyList<string> Suggestions, string Language);

public static class AskEndpoints
{
    public const string Channel = "api";

    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ask", async (HttpContext http, ConversationService conversation, WebAudiences audiences, ILoggerFactory loggers) =>
        {
            var (request, error, status) = await AskRequestReader.ReadAsync(http);
            if (request is null)
            {
                loggers.CreateLogger("Api.Ask").LogInformation("Rejected /api/ask request ({Status}): {Error}", status, error);
                return Results.Json(new ApiError(error), ApiJson.Default.ApiError, statusCode: status);
            }
            var reply = conversation.Ask(Channel, audiences.Of(http.Request), request.Question, request.Context, request.Locale);
            return Results.Json(new AskResponse(reply.Answer, reply.Suggestions, reply.Language), ApiJson.Default.AskResponse);
        })
        .WithBodyLimit(RequestBody.AskLimit)
        .RequireRateLimiting(ProtectionHosting.ApiPolicy);
        return app;
    }
}
