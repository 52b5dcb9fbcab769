using System.Text.Json;

namespace IomAssistant.Bot.Protection;

/// <summary>
/// JSON whose every string and property name is valid Unicode. System.Text.Json accepts invalid
/// UTF-8 and escaped lone surrogates ("\ud800") when parsing and only throws when the string is
/// read, deep inside a channel; checking once here makes such a body one more malformed body (400).
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 64;

    /// <exception cref="JsonException">Malformed JSON, too deep, or text that is not valid Unicode.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, int maxDepth = MaxDepth) =>
        Checked(JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth }));

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte}, int)"/>
    public static JsonDocument Parse(string json, int maxDepth = MaxDepth) =>
        Checked(JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth }));

    /// <summary>Throws <see cref="JsonException"/> unless every text in the body is valid Unicode.</summary>
    public static void Validate(ReadOnlyMemory<byte> utf8)
    {
        using var _ = Parse(utf8);
    }

    private static JsonDocument Checked(JsonDocument document)
    {
        try
        {
            Check(document.RootElement);
            return document;
        }
        catch (InvalidOperationException e)
        {
            document.Dispose();
            throw new JsonException("The JSON holds text that is not valid Unicode.", e);
        }
    }

    private static void Check(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Check(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Check(item);
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}
