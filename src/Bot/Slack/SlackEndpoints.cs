using System.Text;
using System.Text.Json;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Protection;
using IomAssistant.Bot.Deduplication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// Slack's three request URLs. Each verifies the signature, translates the request into work
/// for <see cref="SlackResponder"/>, queues it and acknowledges at once: Slack gives up after 3 s.
/// </summary>
public static class SlackEndpoints
{
    /// <summary>A button's value: a question, or a feedback button's title, question and language as JSON.</summary>
    private const int MaxActionValue = TextLimits.Question + TextLimits.AnswerTitle + 100;

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

    private static async Task<IResult> HandleEventsAsync(
        HttpContext context, SlackRequestVerifier verifier, SlackReplyQueue queue, IDeliveryDeduplicator deduplicator,
        SlackResponder responder, IOptions<SlackOptions> options, ILogger<SlackEndpointLog> logger)
    {
        var request = await verifier.ReadAsync(context);
        if (request.Refusal is { } refusal)
            return refusal;

        JsonElement envelope;
        try
        {
            envelope = StrictJson.Parse(request.Body).RootElement;
        }
        catch (JsonException)
        {
            return BadRequest(logger, "body is not JSON");
        }
        if (envelope.ValueKind != JsonValueKind.Object)
            return BadRequest(logger, "body is not a JSON object");

        switch (Text(envelope, "type"))
        {
            case "url_verification":
                return Text(envelope, "challenge") is { } challenge
                    ? Results.Text(challenge, "text/plain")
                    : BadRequest(logger, "url_verification without a challenge");
            case "event_callback":
                break;
            default:
                logger.LogInformation("Slack envelope of type {Type} ignored", Text(envelope, "type"));
                return Results.Ok();
        }

        if (Text(envelope, "event_id") is not { } eventId || Text(envelope, "team_id") is not { } team
            || !envelope.TryGetProperty("event", out var incoming) || incoming.ValueKind != JsonValueKind.Object)
            return BadRequest(logger, "event_callback without event_id, team_id or event");

        var botUserId = options.Value.BotUserId is { Length: > 0 } configured ? configured : AuthorizedBotUser(envelope);
        if (SlackMessageEvent.Read(incoming, botUserId) is not { } message)
            return Results.Ok();
        if (TextLimits.FirstTooLong(("event_id", eventId, TextLimits.ChannelId), ("team_id", team, TextLimits.ChannelId),
                ("event.channel", message.Channel, TextLimits.ChannelId), ("event.thread_ts", message.ReplyThreadTs, TextLimits.ChannelId)) is { } tooLong)
            return BadRequest(logger, tooLong);

        var deliveryId = "slack-event:" + eventId;
        if (!await deduplicator.TryClaimAsync(deliveryId))
        {
            logger.LogInformation("Slack event {EventId} already accepted; retry {Retry} ignored", eventId, context.Request.Headers["X-Slack-Retry-Num"].ToString());
            return Results.Ok();
        }
        var place = new SlackPlace(team, message.Channel, message.ReplyThreadTs);
        var question = SlackText.ToPlainQuestion(message.Text, botUserId);
        if (!queue.TryEnqueue(new SlackJob($"answer event {eventId}", ct => responder.AnswerInPlaceAsync(place, question, ct))))
        {
            await deduplicator.ReleaseAsync(deliveryId);
            return Busy(logger);
        }
        return Results.Ok();
    }

    private static async Task<IResult> HandleCommandAsync(
        HttpContext context, SlackRequestVerifier verifier, SlackReplyQueue queue, SlackResponder responder,
        IOptions<SlackOptions> options, ILogger<SlackEndpointLog> logger)
    {
        var request = await verifier.ReadAsync(context);
        if (request.Refusal is { } refusal)
            return refusal;

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body!));
        if (First(form, "ssl_check") == "1")
            return Results.Ok();

        var command = First(form, "command");
        if (command is null || !command.Equals(options.Value.CommandName, StringComparison.OrdinalIgnoreCase))
            return BadRequest(logger, $"slash command {command ?? "(none)"} is not {options.Value.CommandName} (Slack:CommandName)");
        if (First(form, "team_id") is not { } team || First(form, "channel_id") is not { } channel || First(form, "user_id") is not { } user
            || ResponseUrl(First(form, "response_url")) is not { } responseUrl)
            return BadRequest(logger, "slash command without team_id, channel_id, user_id or an http(s) response_url");

        if (TextLimits.FirstTooLong(("team_id", team, TextLimits.ChannelId), ("channel_id", channel, TextLimits.ChannelId),
                ("user_id", user, TextLimits.ChannelId), ("response_url", responseUrl.OriginalString, TextLimits.ChannelId)) is { } tooLong)
            return BadRequest(logger, tooLong);
        // A question over the limit is answered with a message saying how long it may be.
        var question = (First(form, "text") ?? "").Trim();
        // Help needs no search, so it comes back in the acknowledgement itself.
        if (SlackHelp.Language(question) is { } language)
            return Results.Json(BlockKitRenderer.Help(responder.TextFor(language)).ToPayload(("response_type", "ephemeral")));

        var to = new SlackPrivateReply(team, channel, user, responseUrl);
        if (!queue.TryEnqueue(new SlackJob($"answer {command}", ct => responder.AnswerPrivatelyAsync(to, question, ct))))
            return Results.Json(BlockKitRenderer.Notice(UiText.English.SomethingWentWrong).ToPayload(("response_type", "ephemeral")));
        return Results.Ok();
    }

    private static async Task<IResult> HandleInteractionAsync(
        HttpContext context, SlackRequestVerifier verifier, SlackReplyQueue queue, SlackResponder responder, ILogger<SlackEndpointLog> logger)
    {
        var request = await verifier.ReadAsync(context);
        if (request.Refusal is { } refusal)
            return refusal;

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body!));
        if (First(form, "payload") is not { } json)
            return BadRequest(logger, "interactivity request without a payload");
        SlackBlockAction? action;
        try
        {
            action = SlackBlockAction.Read(StrictJson.Parse(json).RootElement);
        }
        catch (JsonException)
        {
            return BadRequest(logger, "interactivity payload is not JSON");
        }
        if (action is null)
            return Results.Ok();
        if (TextLimits.FirstTooLong(("action_id", action.ActionId, TextLimits.ChannelId), ("user.id", action.User, TextLimits.ChannelId),
                ("team.id", action.Place.Team, TextLimits.ChannelId), ("channel.id", action.Place.Channel, TextLimits.ChannelId),
                ("thread_ts", action.Place.ThreadTs, TextLimits.ChannelId), ("response_url", action.PrivateReply?.ResponseUrl.OriginalString, TextLimits.ChannelId),
                ("actions.value", action.Value, MaxActionValue)) is { } tooLong)
            return BadRequest(logger, tooLong);
        if (action.ActionId is BlockKitRenderer.HelpfulAction or BlockKitRenderer.NotHelpfulAction && FeedbackTooLong(action.Value) is { } feedbackTooLong)
            return BadRequest(logger, feedbackTooLong);

        var job = action.ActionId switch
        {
            _ when action.ActionId.StartsWith(BlockKitRenderer.FollowUpAction, StringComparison.Ordinal) => FollowUp(action, responder),
            BlockKitRenderer.ShareAction when action.PrivateReply is { } from =>
                new SlackJob("share in channel", ct => responder.ShareAsync(from, SlackText.Unescape(action.Value), ct)),
            BlockKitRenderer.HelpfulAction or BlockKitRenderer.NotHelpfulAction => Feedback(action, responder, logger),
            _ => null,
        };
        if (job is null)
        {
            logger.LogInformation("Slack action {ActionId} ignored", action.ActionId);
            return Results.Ok();
        }
        return queue.TryEnqueue(job) ? Results.Ok() : Busy(logger);
    }

    private static SlackJob FollowUp(SlackBlockAction action, SlackResponder responder)
    {
        var question = SlackText.Unescape(action.Value);
        return action.PrivateReply is { } to
            ? new SlackJob("private follow-up", ct => responder.AnswerPrivatelyAsync(to, question, ct))
            : new SlackJob("follow-up", ct => responder.AnswerInPlaceAsync(action.Place, question, ct));
    }

    private static SlackJob? Feedback(SlackBlockAction action, SlackResponder responder, ILogger logger)
    {
        FeedbackValue? value;
        try
        {
            value = JsonSerializer.Deserialize<FeedbackValue>(action.Value);
        }
        catch (JsonException)
        {
            value = null;
        }
        if (value is null || value.Title is null || value.Language is null)
        {
            logger.LogWarning("Slack feedback button with an unreadable value ignored");
            return null;
        }

        // Recorded at once; only the thank-you waits for the queue.
        responder.RecordFeedback(value, action.ActionId == BlockKitRenderer.HelpfulAction);
        return action.PrivateReply is { } to
            ? new SlackJob("thank for feedback", ct => responder.ThankPrivatelyAsync(to, value.Language, ct))
            : new SlackJob("thank for feedback", ct => responder.ThankInPlaceAsync(action.Place, action.User, value.Language, ct));
    }

    /// <summary>Which field of a feedback button's value is over its limit, or null (also for a value that is not one).</summary>
    private static string? FeedbackTooLong(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<FeedbackValue>(json) is { } value
                ? TextLimits.FirstTooLong(("title", value.Title, TextLimits.AnswerTitle), ("question", value.Question, TextLimits.Question),
                    ("language", value.Language, TextLimits.Language))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The bot's user id as Slack states it in the event's authorizations.</summary>
    private static string? AuthorizedBotUser(JsonElement envelope) =>
        envelope.TryGetProperty("authorizations", out var authorizations) && authorizations.ValueKind == JsonValueKind.Array
            ? authorizations.EnumerateArray()
                .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("is_bot", out var isBot) && isBot.ValueKind == JsonValueKind.True)
                .Select(a => Text(a, "user_id"))
                .FirstOrDefault(id => id is not null)
            : null;

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? First(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    internal static Uri? ResponseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;

    private static IResult BadRequest(ILogger logger, string reason)
    {
        logger.LogWarning("Slack request refused with 400: {Reason}", reason);
        return Results.Text(reason, statusCode: StatusCodes.Status400BadRequest);
    }

    private static IResult Busy(ILogger logger)
    {
        logger.LogWarning("Slack reply queue is full; Slack will retry");
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Log category of the Slack endpoints.</summary>
public sealed class SlackEndpointLog;
