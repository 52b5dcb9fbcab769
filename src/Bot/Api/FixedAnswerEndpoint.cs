using IomAssistant.Knowledge.Answers;
using IomAssistant.Bot.Protection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IomAssistant.Bot.Api;

/// <summary>
/// The ceiling /api/ask is measured against: the same request reading and validation and the
/// same response serialization, with a fixed answer instead of the engine. Mapped only when
/// Benchmark:FixedAnswerEndpoint is true, never in a normal deployment.
/// </summary>
public static class FixedAnswerEndpoint
{
    public const string Setting = "Benchmark:FixedAnswerEndpoint";
    public const string Route = "/benchmark/fixed-answer";

    private static readonly AskResponse Fixed = new(
        new Answer
        {
            Kind = "office",
            Title = "IOM Regional Office for South America",
            Text = "515 Staff",
            Facts = [new Fact("Staff", "515")],
            Source = new SourceRef("iom-ro-south-america.txt", "Introduction", "515 Staff"),
            Score = 2.5,
            Context = new AnswerContext("ro-south-america", "staff"),
        },
        ["Tell me about IOM Regional Office for South America"],
        "en");

    public static IEndpointRouteBuilder MapFixedAnswerEndpoint(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Setting))
            return app;
        app.MapPost(Route, async Task<Results<JsonHttpResult<AskResponse>, JsonHttpResult<ApiError>>> (HttpContext http) =>
        {
            var read = await AskRequestReader.ReadAsync(http);
            return read.IsAccepted
                ? TypedResults.Json(Fixed, ApiJson.Default.AskResponse)
                : TypedResults.Json(read.Refusal, ApiJson.Default.ApiError, statusCode: read.Status);
        }).WithBodyLimit(RequestBody.AskLimit);
        return app;
    }
}
