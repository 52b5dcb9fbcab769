using IomAssistant.Bot.Hosting;

namespace IomAssistant.Bot.Api;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (KnowledgeEngineHost knowledge) =>
            knowledge.IsReady ? Results.Text("ok") : Results.Text("loading", statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
