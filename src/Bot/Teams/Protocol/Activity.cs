using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IomAssistant.Bot.Teams.Protocol;

/// <summary>
/// The parts of a Bot Framework Activity this bot reads or writes. Unknown properties are
/// ignored on the way in, and nulls are left out on the way out, as the Connector expects.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ReplyToId { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Summary { get; init; }
    public string? Locale { get; init; }
    public string? Name { get; init; }
    public string? DeliveryMode { get; init; }
    public string? AttachmentLayout { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public JsonElement? Value { get; init; }

    /// <summary>Teams' own data: <c>tenant.id</c> names the tenant the sender writes from.</summary>
    public JsonElement? ChannelData { get; init; }

    /// <summary>A message answering this activity, addressed back to its sender in the same conversation.</summary>
    public Activity CreateReply(string? text = null, string? summary = null, IReadOnlyList<Attachment>? attachments = null) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        From = Recipient,
        Recipient = From,
        Conversation = Conversation,
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
        TextFormat = text is null ? null : "plain",
        Summary = summary,
        Attachments = attachments,
    };
}

public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

public sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public bool? IsGroup { get; init; }
    public string? TenantId { get; init; }
}

/// <summary>Only mentions matter here; other entity types (clientInfo, ...) are read and ignored.</summary>
public sealed record Entity
{
    public string? Type { get; init; }
    public string? Text { get; init; }
    public ChannelAccount? Mentioned { get; init; }
}

public sealed record Attachment
{
    public required string ContentType { get; init; }
    public JsonNode? Content { get; init; }
    public Attachment? Preview { get; init; }
}

/// <summary>The bot's HTTP answer to an invoke activity: the status and body the client sees.</summary>
public sealed record InvokeResponse(int Status, object? Body);

/// <summary>The body of a 200 answer to an activity sent with deliveryMode expectReplies.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Invoke = "invoke";
}

public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Cards carry emoji and Spanish/Portuguese text; keep them readable on the wire.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
