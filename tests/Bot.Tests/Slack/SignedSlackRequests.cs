using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>Builds requests exactly as Slack sends them, signed with a real HMAC-SHA256.</summary>
public static class SignedSlackRequests
{
    public const string Secret = "0123456789abcdef0123456789abcdef";
    public const string BotToken = "xoxb-1-2-TestToken";
    public const string BotUserId = "U0BOT";
    public const string Team = "T0TEAM";
    public const string User = "U0USER";

    public static string Signature(string secret, string timestamp, string body) => Signature(secret, timestamp, Encoding.UTF8.GetBytes(body));

    public static string Signature(string secret, string timestamp, byte[] body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body]));

    /// <summary>Any bytes at all, signed as Slack would sign them.</summary>
    public static HttpRequestMessage SignedBytes(string path, byte[] body, string contentType)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Signature(Secret, timestamp, body));
        return request;
    }

    public static HttpRequestMessage Signed(string path, string body, string contentType = "application/json", DateTimeOffset? at = null, string secret = Secret)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString();
        var request = Unsigned(path, body, contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Signature(secret, timestamp, body));
        return request;
    }

    public static HttpRequestMessage Unsigned(string path, string body, string contentType = "application/json") =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    public static string Ts() => $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Random.Shared.Next(1_000_000):D6}";

    public static string EventCallback(string eventId, JsonObject incoming) => new JsonObject
    {
        ["token"] = "legacy",
        ["team_id"] = Team,
        ["api_app_id"] = "A0APP",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Team, ["user_id"] = BotUserId, ["is_bot"] = true }),
        ["event"] = incoming,
    }.ToJsonString();

    public static JsonObject Mention(string channel, string text, string? ts = null) => new()
    {
        ["type"] = "app_mention",
        ["user"] = User,
        ["text"] = $"<@{BotUserId}> {text}",
        ["ts"] = ts ?? Ts(),
        ["channel"] = channel,
        ["team"] = Team,
    };

    public static JsonObject DirectMessage(string channel, string text) => new()
    {
        ["type"] = "message",
        ["channel_type"] = "im",
        ["user"] = User,
        ["text"] = text,
        ["ts"] = Ts(),
        ["channel"] = channel,
    };

    public static string Command(string text, Uri responseUrl, string channel = "C0CMD", string command = "/ask") =>
        new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "legacy",
            ["team_id"] = Team,
            ["team_domain"] = "test",
            ["channel_id"] = channel,
            ["channel_name"] = "general",
            ["user_id"] = User,
            ["user_name"] = "test.user",
            ["command"] = command,
            ["text"] = text,
            ["response_url"] = responseUrl.ToString(),
            ["trigger_id"] = "1.2.3",
        }).ReadAsStringAsync().Result;

    /// <summary>A block_actions payload for a button on one of the bot's messages, form-encoded as Slack posts it.</summary>
    public static string ButtonPress(JsonObject button, string channel, Uri responseUrl, bool ephemeral, string? threadTs = null)
    {
        var messageTs = Ts();
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = User, ["team_id"] = Team },
            ["team"] = new JsonObject { ["id"] = Team },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["container"] = new JsonObject { ["type"] = ephemeral ? "ephemeral_message" : "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = ephemeral },
            ["response_url"] = responseUrl.ToString(),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = button["action_id"]!.GetValue<string>(),
                ["block_id"] = "b",
                ["value"] = button["value"]!.GetValue<string>(),
                ["action_ts"] = Ts(),
            }),
        };
        if (!ephemeral)
            payload["message"] = new JsonObject { ["type"] = "message", ["ts"] = messageTs, ["thread_ts"] = threadTs };
        return "payload=" + Uri.EscapeDataString(payload.ToJsonString());
    }
}
