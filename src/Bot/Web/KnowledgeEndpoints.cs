using IomAssistant.Bot.Api;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Hosting;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Extraction;
using Microsoft.AspNetCore.Http.HttpResults;

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

    /// <summary>/api/topics, /api/findings and /api/source, mapped into the page's /api group.</summary>
    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/topics", Topics);
        app.MapGet("/findings", Findings);
        app.MapGet("/source", Source);
        return app;
    }

    private static Ok<TopicsResponse> Topics(HttpRequest request, ConversationService conversation, WebAudiences audiences) =>
        TypedResults.Ok(new TopicsResponse(conversation.Topics(audiences.Of(request))));

    private static Results<Ok<FindingsResponse>, BadRequest<ApiError>> Findings(HttpRequest request, KnowledgeEngineHost knowledge, WebAudiences audiences)
    {
        var asked = request.Query["document"];
        if (asked.Count > 1 || asked.FirstOrDefault()?.Length > MaxDocumentName)
            return TypedResults.BadRequest(new ApiError($"Give at most one \"document\", of at most {MaxDocumentName} characters."));
        var documents = knowledge.Findings(audiences.Of(request)).Where(d => d.Entities.Count > 0);
        if (asked.FirstOrDefault() is { } name)
            documents = documents.Where(d => d.Document == name);
        var all = documents.ToList();
        return TypedResults.Ok(new FindingsResponse(all.Take(MaxFindingsDocuments).ToList(), all.Count));
    }

    private static Results<Ok<SourceDocumentView>, BadRequest<ApiError>, NotFound<ApiError>> Source(
        HttpRequest request, KnowledgeEngineHost knowledge, WebAudiences audiences)
    {
        var query = request.Query;
        if (query["document"].Count != 1 || string.IsNullOrWhiteSpace(query["document"][0]))
            return TypedResults.BadRequest(new ApiError("Give one \"document\": the name a card's source shows."));
        if (query["quote"].Count > 1)
            return TypedResults.BadRequest(new ApiError("Give at most one \"quote\"."));
        var name = query["document"][0]!;
        var quote = query["quote"].Count == 1 ? query["quote"][0] : null;
        if (name.Length > MaxDocumentName || quote?.Length > MaxQuote)
            return TypedResults.BadRequest(new ApiError($"The document name is limited to {MaxDocumentName} characters and the quote to {MaxQuote}."));

        // Looked up by exact name among the loaded documents the caller may read: the file
        // system is never consulted, and a restricted document is as absent as a missing one.
        var document = knowledge.Document(name, audiences.Of(request));
        if (document is null)
            return TypedResults.NotFound(new ApiError("The knowledge holds no document by that name."));
        return TypedResults.Ok(SourceViewBuilder.Build(document, quote is null ? null : AskRequestReader.WithoutControlCharacters(quote)));
    }
}
