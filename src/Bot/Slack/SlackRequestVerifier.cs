using System.Text;
using System.Text.Json;
using IomAssistant.Bot.Observability;
using IomAssistant.Bot.Protection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Slack;

/// <summary>The raw body of a request proven to come from Slack, or the answer to refuse it with.</summary>
public sealed record SlackRequest(byte[]? Body, IResult? Refusal);

/// <summary>
/// Gatekeeper of the three Slack endpoints: 404 while Slack is not configured, 413 for an
/// oversized body, 401 for anything not signed with our signing secret within five minutes.
/// As the endpoints' gate it also names the Slack user for the rate limits.
/// </summary>
public sealed class SlackRequestVerifier(IOptions<SlackOptions> options, FailedAuthentications failures, TimeProvider clock, ILogger<SlackRequestVerifier> logger) : IRequestGate
{
    public async Task<GateResult> AdmitAsync(HttpContext context)
    {
        var request = await ReadAsync(context);
        if (request.Refusal is { } refusal)
            return GateResult.Refuse(refusal);
        var (user, correlationId) = Identify(context.Request.Path, request.Body!);
        Correlation.Of(context)?.Adopt(correlationId);
        return GateResult.Admit("slack:" + user);
    }

    /// <summary>The verified request; read once, then kept on the request for the endpoint.</summary>
    public async Task<SlackRequest> ReadAsync(HttpContext context)
    {
        if (context.Features.Get<SlackRequest>() is { } verified)
            return verified;
        var result = await VerifyAsync(context);
        context.Features.Set(result);
        return result;
    }

    private async Task<SlackRequest> VerifyAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            return new(null, Results.NotFound());
        if (failures.RefusalFor(context) is { } tooMany)
        {
            logger.LogWarning("Slack request to {Path} refused with 429: too many failed signatures from its address", context.Request.Path);
            return new(null, tooMany);
        }

        var read = await RequestBody.ReadAsync(context);
        if (read.Body is not { } body)
        {
            logger.LogWarning("Slack request to {Path} refused: body unreadable or larger than {Max} bytes", context.Request.Path, RequestBody.LimitOf(context));
            return new(null, Results.StatusCode(read.Status));
        }

        var check = SlackSignature.Verify(
            settings.SigningSecret,
            context.Request.Headers["X-Slack-Request-Timestamp"].FirstOrDefault(),
            context.Request.Headers["X-Slack-Signature"].FirstOrDefault(),
            body,
            clock.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Slack request to {Path} from {Remote} refused: {Reason}", context.Request.Path, context.Connection.RemoteIpAddress, check);
            failures.Count(context);
            return new(null, Results.Text("invalid request signature", statusCode: StatusCodes.Status401Unauthorized));
        }
        return new(body, null);
    }

    /// <summary>
    /// The Slack user (team and user id) and Slack's id of the delivery, from a verified body;
    /// a body the endpoint will refuse anyway shares one "unidentified" bucket.
    /// </summary>
    private static (string User, string? CorrelationId) Identify(PathString path, byte[] body)
    {
        try
        {
            if (path.StartsWithSegments("/slack/events"))
            {
                using var envelope = StrictJson.Parse(body);
                var root = envelope.RootElement;
                return (Key(SlackJson.Text(root, "team_id"), SlackJson.Text(SlackJson.Property(root, "event"), "user")), SlackJson.Text(root, "event_id"));
            }
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            if (form.TryGetValue("payload", out var payload))
            {
                using var interaction = StrictJson.Parse(payload.ToString());
                var root = interaction.RootElement;
                var user = SlackJson.Property(root, "user");
                return (Key(SlackJson.Text(user, "team_id"), SlackJson.Text(user, "id")), SlackJson.Text(root, "trigger_id"));
            }
            return (Key(form.GetValueOrDefault("team_id").ToString(), form.GetValueOrDefault("user_id").ToString()), form.GetValueOrDefault("trigger_id").ToString());
        }
        catch (JsonException)
        {
            return (Key(null, null), null);
        }
    }

    private static string Key(string? team, string? user) =>
        string.IsNullOrEmpty(user) ? "unidentified" : $"{Bounded(team)}:{Bounded(user)}";

    private static string Bounded(string? id) => id is null ? "" : id.Length <= 100 ? id : id[..100];
}
