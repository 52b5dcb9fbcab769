using System.Text.Json;

namespace IomAssistant.Bot.Slack;

/// <summary>Reading Slack's JSON, which may leave out or mistype any field.</summary>
public static class SlackJson
{
    /// <summary>A string property of an object, or null when it is absent or not a string.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A property of an object, or an undefined element when it is absent or the element is no object.</summary>
    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>An absolute http(s) URL, or null.</summary>
    public static Uri? ResponseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null;
}
