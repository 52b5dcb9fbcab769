using System.Text;
using System.Text.Json;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Protection;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Api;

/// <summary>A validated /api/ask request.</summary>
public sealed record AskRequest(string Question, string? Locale, AnswerContext? Context);

/// <summary>
/// Reads and validates an /api/ask body. Anything malformed gets a message that says what is
/// wrong, for a 400; nothing here throws on any input.
/// </summary>
public static class AskRequestReader
{
    public static async Task<RequestRead<AskRequest>> ReadAsync(HttpContext http)
    {
        var read = await RequestBody.ReadJsonAsync(http, maxDepth: 32, "The body must be UTF-8 JSON: {\"question\": \"...\"}.");
        if (!read.IsAccepted)
            return RequestRead<AskRequest>.Refused(read);
        using var document = read.Value;
        return Read(document.RootElement);
    }

    private static RequestRead<AskRequest> Read(JsonElement root)
    {
        static RequestRead<AskRequest> Refused(string error) => RequestRead<AskRequest>.Refused(error, StatusCodes.Status400BadRequest);
        if (root.ValueKind != JsonValueKind.Object)
            return Refused("The body must be a JSON object: {\"question\": \"...\"}.");
        if (!root.TryGetProperty("question", out var q) || q.ValueKind != JsonValueKind.String)
            return Refused("\"question\" must be a string.");
        var question = WithoutControlCharacters(q.GetString()!);
        if (question.Length > ConversationService.MaxQuestionLength)
            return Refused($"\"question\" is longer than {ConversationService.MaxQuestionLength} characters.");
        if (string.IsNullOrWhiteSpace(question))
            return Refused("\"question\" must not be empty.");

        var locale = root.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        if (TextLimits.TooLong("locale", locale, TextLimits.Locale) is { } localeError)
            return Refused(localeError);
        var (context, contextError) = ReadContext(root);
        if (contextError is not null)
            return Refused(contextError);
        return RequestRead<AskRequest>.Accepted(new AskRequest(question.Trim(), locale, context));
    }

    /// <summary>The context is ours, sent back by the client: anything not shaped like it is ignored, anything too long refused.</summary>
    private static (AnswerContext? Context, string? Error) ReadContext(JsonElement root)
    {
        if (!root.TryGetProperty("context", out var c) || c.ValueKind != JsonValueKind.Object)
            return (null, null);
        static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var entity = Text(c, "entity");
        var attribute = Text(c, "attribute");
        if (TextLimits.FirstTooLong(("context.entity", entity, TextLimits.ContextValue), ("context.attribute", attribute, TextLimits.ContextValue)) is { } error)
            return (null, error);
        return (entity is null && attribute is null ? null : new AnswerContext(entity, attribute), null);
    }

    /// <summary>Control characters (and unpaired surrogates) become spaces: they carry no question.</summary>
    public static string WithoutControlCharacters(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            sb.Append(char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c);
        }
        return sb.ToString();
    }
}
