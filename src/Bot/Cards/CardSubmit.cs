using System.Text.Json;
using System.Text.Json.Nodes;

namespace IomAssistant.Bot.Cards;

/// <summary>
/// The data our cards' Action.Submit buttons carry, and how a channel reads it back: ask a
/// follow-up question, or give 👍/👎 on an answer.
/// </summary>
public sealed record CardSubmit(string Action, string? Question, bool Helpful, string? AnswerTitle, string? Language)
{
    public const string Ask = "ask";
    public const string Feedback = "feedback";

    public static JsonObject AskData(string question) => new() { ["action"] = Ask, ["question"] = question };

    public static JsonObject FeedbackData(bool helpful, string answerTitle, string? question, string language) => new()
    {
        ["action"] = Feedback,
        ["helpful"] = helpful,
        ["answer"] = answerTitle,
        ["question"] = question,
        ["lang"] = language,
    };

    /// <summary>Reads submitted data; null when it is not one of ours.</summary>
    public static CardSubmit? From(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } value)
            return null;
        var action = String(value, "action");
        return action switch
        {
            Ask when !string.IsNullOrWhiteSpace(String(value, "question")) => new(Ask, String(value, "question"), false, null, null),
            Feedback when value.TryGetProperty("helpful", out var h) && h.ValueKind is JsonValueKind.True or JsonValueKind.False =>
                new(Feedback, String(value, "question"), h.GetBoolean(), String(value, "answer"), String(value, "lang")),
            _ => null,
        };
    }

    private static string? String(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
