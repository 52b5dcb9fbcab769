using System.Text.Json;

namespace IomAssistant.Bot.Slack;

/// <summary>A message event the bot answers: a mention in a channel or a direct message.</summary>
public sealed record SlackMessageEvent(string Channel, string Text, string? ReplyThreadTs)
{
    /// <summary>
    /// The event to answer, or null for everything the bot must stay silent on: other event
    /// types, edits, joins and other subtypes, and messages from bots (itself included), so
    /// that it never answers itself.
    /// </summary>
    public static SlackMessageEvent? Read(JsonElement incoming, string? botUserId)
    {
        var type = SlackJson.Text(incoming, "type");
        var isMention = type == "app_mention";
        var isDirect = type == "message" && SlackJson.Text(incoming, "channel_type") == "im";
        if (!isMention && !isDirect)
            return null;
        if (incoming.TryGetProperty("subtype", out _) || incoming.TryGetProperty("bot_id", out _))
            return null;
        var user = SlackJson.Text(incoming, "user");
        if (user is null || user == botUserId)
            return null;
        if (SlackJson.Text(incoming, "channel") is not { } channel || SlackJson.Text(incoming, "ts") is not { } ts)
            return null;
        var threadTs = SlackJson.Text(incoming, "thread_ts");
        // A mention is answered in its thread; a direct message where it was written.
        return new SlackMessageEvent(channel, SlackJson.Text(incoming, "text") ?? "", isMention ? threadTs ?? ts : threadTs);
    }
}

/// <summary>A button press on one of the bot's messages (a block_actions payload).</summary>
public sealed record SlackBlockAction(string ActionId, string Value, string User, SlackPlace Place, SlackPrivateReply? PrivateReply)
{
    /// <summary>The first action of a block_actions payload, or null for other interactions.</summary>
    /// <exception cref="JsonException">The payload is not a usable block_actions payload.</exception>
    public static SlackBlockAction? Read(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
            throw new JsonException("interactivity payload is not a JSON object");
        if (SlackJson.Text(payload, "type") != "block_actions")
            return null;
        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
            throw new JsonException("block_actions without actions");
        var action = actions[0];
        var user = SlackJson.Property(payload, "user");
        var container = SlackJson.Property(payload, "container");
        var message = SlackJson.Property(payload, "message");
        var userId = SlackJson.Text(user, "id");
        var team = SlackJson.Text(SlackJson.Property(payload, "team"), "id") ?? SlackJson.Text(user, "team_id");
        var channel = SlackJson.Text(SlackJson.Property(payload, "channel"), "id") ?? SlackJson.Text(container, "channel_id");
        if (SlackJson.Text(action, "action_id") is not { } actionId || userId is null || team is null || channel is null)
            throw new JsonException("block_actions without action_id, user, team or channel");

        var messageTs = SlackJson.Text(message, "ts") ?? SlackJson.Text(container, "message_ts");
        var threadTs = SlackJson.Text(message, "thread_ts") ?? SlackJson.Text(container, "thread_ts");
        // The bot answers in channels inside threads and in direct messages (D...) where it was asked.
        var place = new SlackPlace(team, channel, threadTs ?? (channel.StartsWith('D') ? null : messageTs));

        var isEphemeral = SlackJson.Property(container, "is_ephemeral").ValueKind == JsonValueKind.True;
        var responseUrl = SlackJson.ResponseUrl(SlackJson.Text(payload, "response_url"));
        var privateReply = isEphemeral && responseUrl is not null ? new SlackPrivateReply(team, channel, userId, responseUrl) : null;
        return new SlackBlockAction(actionId, SlackJson.Text(action, "value") ?? "", userId, place, privateReply);
    }
}
