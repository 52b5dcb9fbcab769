using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>Slack's published Block Kit limits and markup rules, checked on a message body.</summary>
public static partial class BlockKitLimits
{
    public static List<string> Problems(JsonObject message)
    {
        var problems = new List<string>();
        var blocks = message["blocks"] as JsonArray ?? [];
        if (blocks.Count > 0 && string.IsNullOrWhiteSpace(message["text"]?.GetValue<string>()))
            problems.Add("blocks without a text fallback");
        if (blocks.Count > 50)
            problems.Add($"{blocks.Count} blocks");
        if (Length(message) > 12_000)
            problems.Add($"message of {Length(message)} characters");
        foreach (var block in blocks.OfType<JsonObject>())
        {
            var type = block["type"]!.GetValue<string>();
            if (type == "header")
            {
                if (block["text"]!["type"]!.GetValue<string>() != "plain_text")
                    problems.Add("header not plain_text");
                CheckText(block["text"], 150, "header", problems);
            }
            if (type == "section")
            {
                if (block["text"] is { } text)
                    CheckText(text, 3000, "section", problems);
                if (block["fields"] is JsonArray fields)
                {
                    if (fields.Count > 10)
                        problems.Add($"{fields.Count} fields");
                    foreach (var field in fields)
                        CheckText(field, 2000, "field", problems);
                }
            }
            if (type == "actions")
            {
                foreach (var element in block["elements"]!.AsArray())
                {
                    CheckText(element!["text"], 75, "button", problems);
                    if (element["value"]!.GetValue<string>().Length > 2000)
                        problems.Add("button value above 2000");
                }
            }
        }
        return problems;
    }

    /// <summary>Characters of the message as JSON, counting each character once.</summary>
    public static int Length(JsonObject message) =>
        message.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Length;

    /// <summary>Every piece of Slack markup anywhere in the message: broadcasts, mentions, links.</summary>
    public static List<string> Markup(JsonNode message) =>
        Strings(message).SelectMany(s => SlackMarkup().Matches(s).Select(m => m.Value)).ToList();

    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static void CheckText(JsonNode? text, int max, string where, List<string> problems)
    {
        var value = text?["text"]?.GetValue<string>();
        if (string.IsNullOrEmpty(value))
            problems.Add($"{where} text empty");
        else if (value.Length > max)
            problems.Add($"{where} text of {value.Length} characters");
    }

    [GeneratedRegex(@"<[!@#][^>]*>|<https?:[^>]*>")]
    private static partial Regex SlackMarkup();
}
