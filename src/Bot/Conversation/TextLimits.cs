namespace IomAssistant.Bot.Conversation;

/// <summary>
/// The longest text the bot takes in each field, from every channel. Beyond, a protocol field
/// (ids, locale, button data) is refused with a 400 that names it, and a text a person typed
/// (a question, a search) is answered with a message saying how long it may be.
/// </summary>
public static class TextLimits
{
    public const int Question = 2000;
    public const int SearchQuery = 500;
    /// <summary>BCP 47 tags longer than this are not in practical use (RFC 5646, 4.4.1).</summary>
    public const int Locale = 35;
    public const int AnswerTitle = 300;
    public const int Language = 8;
    /// <summary>Entity and attribute ids of the opaque context a client sends back.</summary>
    public const int ContextValue = 100;
    /// <summary>Channel ids: Teams conversations, users and activities, Slack teams, channels, users, threads and events.</summary>
    public const int ChannelId = 1000;

    /// <summary>The message for a 400, or null when <paramref name="value"/> fits.</summary>
    public static string? TooLong(string field, string? value, int max) =>
        value is { Length: var length } && length > max ? $"\"{field}\" is longer than {max} characters." : null;

    /// <summary>The first field that does not fit, or null.</summary>
    public static string? FirstTooLong(params (string Field, string? Value, int Max)[] fields) =>
        fields.Select(f => TooLong(f.Field, f.Value, f.Max)).FirstOrDefault(error => error is not null);
}
