using IomAssistant.Bot.Api;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Hosting;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Extraction;

namespace IomAssistant.Bot.Web;

public sealed record TopicsResponse(IReadOnlyList<TopicSummary> Topics);

/// <param name="Total">How many documents have findings; at most <see cref="KnowledgeEndpoints.MaxFindingsDocuments"/> are listed.</param>
public sealed record FindingsResponse(IReadOnlyList<DocumentFindings> Documents, int Total);

/// <summary>What the knowledge holds (the knowledge view) and where each fact comes from (the source view).</summary>
public static class KnowledgeEndpoints
{
    private const int MaxDocumentName = 260;
    private const int MaxQuote = 4000;

    /// <summary>A page of the content owners' view: a knowledge of thousands of documents is read one document at a time.</summary>
    public const int MaxFindingsDocuments = 100;

    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/topics", (HttpContext http, ConversationService conversation, WebAudiences audiences) =>
        {
            SecurityHeaders.Apply(http.Response);
            return Results.Json(new TopicsResponse(conversation.Topics(audiences.Of(http.Request))));
        }).RequireRateLimiting(WebHosting.RateLimitPolicy);

        app.MapGet("/api/findings", (HttpContext http, KnowledgeEngineHost knowledge, WebAudiences audiences) =>
        {
            SecurityHeaders.Apply(http.Response);
            var query = http.Request.Query;
            if (query["document"].Count > 1 || query["document"].FirstOrDefault()?.Length > MaxDocumentName)
                return Results.Json(new { error = $"Give at most one \"document\", of at most {MaxDocumentName} characters." }, statusCode: StatusCodes.Status400BadRequest);
            var documents = knowledge.Findings(audiences.Of(http.Request)).Where(d => d.Entities.Count > 0);
            if (query["document"].FirstOrDefault() is { } name)
                documents = documents.Where(d => d.Document == name);
            var all = documents.ToList();
            return Results.Json(new FindingsResponse(all.Take(MaxFindingsDocuments).ToList(), all.Count));
        }).RequireRateLimiting(WebHosting.RateLimitPolicy);

        app.MapGet("/api/source", (HttpContext http, KnowledgeEngineHost knowledge, WebAudiences audiences) =>
        {
            SecurityHeaders.Apply(http.Response);
            var query = http.Request.Query;
            if (query["document"].Count != 1 || string.IsNullOrWhiteSpace(query["document"][0]))
                return Results.Json(new { error = "Give one \"document\": the name a card's source shows." }, statusCode: StatusCodes.Status400BadRequest);
            if (query["quote"].Count > 1)
                return Results.Json(new { error = "Give at most one \"quote\"." }, statusCode: StatusCodes.Status400BadRequest);
            var name = query["document"][0]!;
            var quote = query["quote"].Count == 1 ? query["quote"][0] : null;
            if (name.Length > MaxDocumentName || quote?.Length > MaxQuote)
                return Results.Json(new { error = $"The document name is limited to {MaxDocumentName} characters and the quote to {MaxQuote}." }, statusCode: StatusCodes.Status400BadRequest);

            // Looked up by exact name among the loaded documents the caller may read: the file
            // system is never consulted, and a restricted document is as absent as a missing one.
            var document = knowledge.Document(name, audiences.Of(http.Request));
            if (document is null)
                return Results.Json(new { error = "The knowledge holds no document by that name." }, statusCode: StatusCodes.Status404NotFound);
            return Results.Json(SourceViewBuilder.Build(document, quote is null ? null : AskRequestReader.WithoutControlCharacters(quote)));
        }).RequireRateLimiting(WebHosting.RateLimitPolicy);

        return app;
    }
}
