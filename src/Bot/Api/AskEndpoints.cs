using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Protection;
using IomAssistant.Bot.Web;
using IomAssistant.Knowledge.Answers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IomAssistant.Bot.Api;

/// <summary>The /api/ask response: the answer (or null), suggestions, and the question's language.</summary>
public sealed record AskResponse(Answer? Answer, IReadOnlyList<string> Suggestions, string Language);

public static class AskEndpoints
{
    public const string Channel = "api";

    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ask", AskAsync)
            .WithBodyLimit(RequestBody.AskLimit)
            .RequireRateLimiting(ProtectionHosting.ApiPolicy);
        return app;
    }

    /// <summary>Serialized by the generated <see cref="ApiJson"/>: /api/ask is the endpoint measured for throughput.</summary>
    private static async Task<Results<JsonHttpResult<AskResponse>, JsonHttpResult<ApiError>>> AskAsync(
        HttpContext http, ConversationService conversation, WebAudiences audiences, ILoggerFactory loggers)
    {
        var read = await AskRequestReader.ReadAsync(http);
        if (!read.IsAccepted)
        {
            loggers.CreateLogger("Api.Ask").LogInformation("Rejected /api/ask request ({Status}): {Error}", read.Status, read.Refusal.Error);
            return TypedResults.Json(read.Refusal, ApiJson.Default.ApiError, statusCode: read.Status);
        }
        var request = read.Value;
        var reply = conversation.Ask(Channel, audiences.Of(http.Request), request.Question, request.Context, request.Locale);
        return TypedResults.Json(new AskResponse(reply.Answer, reply.Suggestions, reply.Language), ApiJson.Default.AskResponse);
    }
}
