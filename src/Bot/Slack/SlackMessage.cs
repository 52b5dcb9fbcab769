using System.Text.Json.Nodes;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// A message as Slack takes it: Block Kit blocks plus the plain text Slack shows in
/// notifications and to clients that cannot draw blocks.
/// </summary>
public sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>The message as a Web API or response_url body, with the call's own fields added.</summary>
    public JsonObject ToPayload(params (string Name, JsonNode? Value)[] fields)
    {
        var payload = new JsonObject { ["text"] = Text, ["blocks"] = Blocks.DeepClone() };
        foreach (var (name, value) in fields)
        {
            if (value is not null)
                payload[name] = value;
        }
        return payload;
    }
}
