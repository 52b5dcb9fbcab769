using System.Text.Json;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Deduplication;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// What to answer Slack for one delivery: 200 (with a JSON payload or a plain-text challenge),
/// 400 for a delivery the bot cannot read, or 503 when the reply queue is full and Slack should
/// deliver it again later.
/// </summary>
public sealed record SlackAck(int Status, JsonObject? Payload = null, string? Text = null)
{
    public static SlackAck Ok { get; } = new(StatusCodes.Status200OK);

    public static SlackAck Busy { get; } = new(StatusCodes.Status503ServiceUnavailable);

    public bool Accepted => Status == StatusCodes.Status200OK;
}

/// <summary>
/// Turns one verified Slack delivery (an event, a slash command, a block action), however it
/// arrived (the HTTP endpoints or a Socket Mode envelope), into work for
/// <see cref="SlackResponder"/> on the reply queue, and says how to acknowledge it. Nothing here
/// waits for an answer: Slack gives up after 3 s.
/// </summary>
public sealed class SlackDispatcher(
    SlackReplyQueue queue, IDeliveryDeduplicator deduplicator, SlackResponder responder, IOptions<SlackOptions> options, ILogger<SlackDispatcher> logger)
{
    /// <summary>A button's value: a question, or a feedback button's title, question and language as JSON.</summary>
    private const int MaxActionValue = TextLimits.Question + TextLimits.AnswerTitle + 100;

    /// <summary>An Events API envelope (url_verification or event_callback).</summary>
    /// <param name="retry">Slack's retry number, for the log, when this is a retried delivery.</param>
    public async Task<SlackAck> EventAsync(JsonElement envelope, string? retry)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
            return BadRequest("body is not a JSON object");

        switch (SlackJson.Text(envelope, "type"))
        {
            case "url_verification":
                return SlackJson.Text(envelope, "challenge") is { } challenge
                    ? new SlackAck(StatusCodes.Status200OK, Text: challenge)
                    : BadRequest("url_verification without a challenge");
            case "event_callback":
                break;
            default:
                logger.LogInformation("Slack envelope of type {Type} ignored", SlackJson.Text(envelope, "type"));
                return SlackAck.Ok;
        }

        if (SlackJson.Text(envelope, "event_id") is not { } eventId || SlackJson.Text(envelope, "team_id") is not { } team
            || !envelope.TryGetProperty("event", out var incoming) || incoming.ValueKind != JsonValueKind.Object)
            return BadRequest("event_callback without event_id, team_id or event");

        var botUserId = options.Value.BotUserId is { Length: > 0 } configured ? configured : AuthorizedBotUser(envelope);
        if (SlackMessageEvent.Read(incoming, botUserId) is not { } message)
            return SlackAck.Ok;
        if (TextLimits.FirstTooLong(("event_id", eventId, TextLimits.ChannelId), ("team_id", team, TextLimits.ChannelId),
                ("event.channel", message.Channel, TextLimits.ChannelId), ("event.thread_ts", message.ReplyThreadTs, TextLimits.ChannelId)) is { } tooLong)
            return BadRequest(tooLong);

        var deliveryId = "slack-event:" + eventId;
        if (!await deduplicator.TryClaimAsync(deliveryId))
        {
            logger.LogInformation("Slack event {EventId} already accepted; retry {Retry} ignored", eventId, retry);
            return SlackAck.Ok;
        }
        var place = new SlackPlace(team, message.Channel, message.ReplyThreadTs);
        var question = SlackText.ToPlainQuestion(message.Text, botUserId);
        if (!queue.TryEnqueue(new SlackJob($"answer event {eventId}", ct => responder.AnswerInPlaceAsync(place, question, ct))))
        {
            await deduplicator.ReleaseAsync(deliveryId);
            return Busy();
        }
        return SlackAck.Ok;
    }

    /// <summary>A slash command, its fields read by name (from a form, or a Socket Mode payload).</summary>
    public SlackAck Command(Func<string, string?> field)
    {
        if (field("ssl_check") == "1")
            return SlackAck.Ok;

        var commandName = options.Value.CommandName;
        var command = field("command");
        if (command is null || !command.Equals(commandName, StringComparison.OrdinalIgnoreCase))
            return BadRequest($"slash command {command ?? "(none)"} is not {commandName} (Slack:CommandName)");
        if (field("team_id") is not { } team || field("channel_id") is not { } channel || field("user_id") is not { } user
            || SlackJson.ResponseUrl(field("response_url")) is not { } responseUrl)
            return BadRequest("slash command without team_id, channel_id, user_id or an http(s) response_url");

        if (TextLimits.FirstTooLong(("team_id", team, TextLimits.ChannelId), ("channel_id", channel, TextLimits.ChannelId),
                ("user_id", user, TextLimits.ChannelId), ("response_url", responseUrl.OriginalString, TextLimits.ChannelId)) is { } tooLong)
            return BadRequest(tooLong);
        // A question over the limit is answered with a message saying how long it may be.
        var question = (field("text") ?? "").Trim();
        // Help needs no search, so it comes back in the acknowledgement itself.
        if (SlackHelp.Language(question) is { } language)
            return Ephemeral(BlockKitRenderer.Help(responder.TextFor(language)));

        var to = new SlackPrivateReply(team, channel, user, responseUrl);
        if (!queue.TryEnqueue(new SlackJob($"answer {command}", ct => responder.AnswerPrivatelyAsync(to, question, ct))))
            return Ephemeral(BlockKitRenderer.Notice(UiText.English.SomethingWentWrong));
        return SlackAck.Ok;
    }

    /// <summary>An interactivity payload (block_actions: follow-ups, share, feedback).</summary>
    public SlackAck Interaction(JsonElement payload)
    {
        SlackBlockAction? action;
        try
        {
            action = SlackBlockAction.Read(payload);
        }
        catch (JsonException error)
        {
            return BadRequest("interactivity payload unusable: " + error.Message);
        }
        if (action is null)
            return SlackAck.Ok;
        if (TextLimits.FirstTooLong(("action_id", action.ActionId, TextLimits.ChannelId), ("user.id", action.User, TextLimits.ChannelId),
                ("team.id", action.Place.Team, TextLimits.ChannelId), ("channel.id", action.Place.Channel, TextLimits.ChannelId),
                ("thread_ts", action.Place.ThreadTs, TextLimits.ChannelId), ("response_url", action.PrivateReply?.ResponseUrl.OriginalString, TextLimits.ChannelId),
                ("actions.value", action.Value, MaxActionValue)) is { } tooLong)
            return BadRequest(tooLong);
        if (action.ActionId is BlockKitRenderer.HelpfulAction or BlockKitRenderer.NotHelpfulAction && FeedbackTooLong(action.Value) is { } feedbackTooLong)
            return BadRequest(feedbackTooLong);

        var job = action.ActionId switch
        {
            _ when action.ActionId.StartsWith(BlockKitRenderer.FollowUpAction, StringComparison.Ordinal) => FollowUp(action),
            BlockKitRenderer.ShareAction when action.PrivateReply is { } from =>
                new SlackJob("share in channel", ct => responder.ShareAsync(from, SlackText.Unescape(action.Value), ct)),
            BlockKitRenderer.HelpfulAction or BlockKitRenderer.NotHelpfulAction => Feedback(action),
            _ => null,
        };
        if (job is null)
        {
            logger.LogInformation("Slack action {ActionId} ignored", action.ActionId);
            return SlackAck.Ok;
        }
        return queue.TryEnqueue(job) ? SlackAck.Ok : Busy();
    }

    private SlackJob FollowUp(SlackBlockAction action)
    {
        var question = SlackText.Unescape(action.Value);
        return action.PrivateReply is { } to
            ? new SlackJob("private follow-up", ct => responder.AnswerPrivatelyAsync(to, question, ct))
            : new SlackJob("follow-up", ct => responder.AnswerInPlaceAsync(action.Place, question, ct));
    }

    private SlackJob? Feedback(SlackBlockAction action)
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
                .Select(a => SlackJson.Text(a, "user_id"))
                .FirstOrDefault(id => id is not null)
            : null;

    private static SlackAck Ephemeral(SlackMessage message) =>
        new(StatusCodes.Status200OK, message.ToPayload(("response_type", "ephemeral")));

    /// <summary>A delivery whose body could not even be read.</summary>
    public SlackAck Unreadable(string reason) => BadRequest(reason);

    private SlackAck BadRequest(string reason)
    {
        logger.LogWarning("Slack delivery refused: {Reason}", reason);
        return new SlackAck(StatusCodes.Status400BadRequest, Text: reason);
    }

    private SlackAck Busy()
    {
        logger.LogWarning("Slack reply queue is full; Slack will deliver again");
        return SlackAck.Busy;
    }
}
