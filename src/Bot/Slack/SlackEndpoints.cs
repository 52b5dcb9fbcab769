using System.Text;
using System.Text.Json;
using IomAssistant.Bot.Protection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// Slack's three request URLs. Each verifies the signature, hands the delivery to
/// <see cref="SlackDispatcher"/> (which queues the work) and acknowledges at once: Slack gives
/// up after 3 s.
/// </summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack")
            .WithBodyLimit(RequestBody.BotEndpointLimit)
            .WithRequestGate(typeof(SlackRequestVerifier))
            .RequireRateLimiting(ProtectionHosting.ChannelPolicy);
        slack.MapPost("/events", HandleEventsAsync);
        slack.MapPost("/commands", HandleCommandAsync);
        slack.MapPost("/interactivity", HandleInteractionAsync);
        return app;
    }

    private static async Task<IResult> HandleEventsAsync(HttpContext context, SlackRequestVerifier verifier, SlackDispatcher dispatcher)
    {
        var request = await verifier.ReadAsync(context);
        if (request.Refusal is { } refusal)
            return refusal;
        JsonDocument envelope;
        try
        {
            envelope = StrictJson.Parse(request.Body);
        }
        catch (JsonException)
        {
            return ToResult(dispatcher.Unreadable("body is not JSON"));
        }
        using (envelope)
            return ToResult(await dispatcher.EventAsync(envelope.RootElement, context.Request.Headers["X-Slack-Retry-Num"].ToString()));
    }

    private static async Task<IResult> HandleCommandAsync(HttpContext context, SlackRequestVerifier verifier, SlackDispatcher dispatcher)
    {
        var request = await verifier.ReadAsync(context);
        if (request.Refusal is { } refusal)
            return refusal;
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body!));
        return ToResult(dispatcher.Command(name => First(form, name)));
    }

    private static async Task<IResult> HandleInteractionAsync(HttpContext context, SlackRequestVerifier verifier, SlackDispatcher dispatcher)
    {
        var request = await verifier.ReadAsync(context);
        if (request.Refusal is { } refusal)
            return refusal;
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body!));
        if (First(form, "payload") is not { } json)
            return ToResult(dispatcher.Unreadable("interactivity request without a payload"));
        JsonDocument payload;
        try
        {
            payload = StrictJson.Parse(json);
        }
        catch (JsonException)
        {
            return ToResult(dispatcher.Unreadable("interactivity payload is not JSON"));
        }
        using (payload)
            return ToResult(dispatcher.Interaction(payload.RootElement));
    }

    private static IResult ToResult(SlackAck ack) => ack switch
    {
        { Payload: { } payload } => Results.Json(payload),
        { Text: { } text, Accepted: true } => Results.Text(text, "text/plain"),
        { Text: { } text } => Results.Text(text, statusCode: ack.Status),
        _ => Results.StatusCode(ack.Status),
    };

    private static string? First(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;
}
