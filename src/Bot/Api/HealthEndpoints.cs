using IomAssistant.Bot.Hosting;

namespace IomAssistant.Bot.Api;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Live: the process serves answers (possibly from the previous knowledge).
        app.MapGet("/healthz", (KnowledgeEngineHost knowledge) => knowledge.Status switch
        {
            { Ready: false } => Results.Text("loading", statusCode: StatusCodes.Status503ServiceUnavailable),
            { UpdateError: not null } => Results.Text("serving, knowledge update failed"),
            _ => Results.Text("ok"),
        });

        // Ready: the index is loaded; the body says whether the knowledge is current and why not.
        // A rejected update keeps the replica ready, since it still answers from the last good knowledge.
        app.MapGet("/readyz", (KnowledgeEngineHost knowledge) =>
        {
            var status = knowledge.Status;
            var body = new
            {
                status = !status.Ready ? "loading" : status.Current ? "ready" : "serving, knowledge update failed",
                knowledge = new { hash = status.ContentHash, loadedAt = status.LoadedAt, documents = status.Documents, entities = status.Entities },
                lastUpdate = status.UpdateError is null ? null : new { error = status.UpdateError, at = status.UpdateFailedAt },
            };
            return Results.Json(body, statusCode: status.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
