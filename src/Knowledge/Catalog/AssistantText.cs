namespace IomAssistant.Knowledge.Catalog;

/// <summary>
/// What the assistant says of itself and of the organization, per language (en, es, pt):
/// the welcome card's title and text, the help line, and example questions. Written by the
/// content owner in <c>knowledge/assistant.yaml</c>; without it, a plain text that names no
/// organization is used.
/// </summary>
public sealed class AssistantText
{
    public Dictionary<string, string> Title { get; set; } = [];
    public Dictionary<string, string> Welcome { get; set; } = [];
    public Dictionary<string, string> Help { get; set; } = [];
    public Dictionary<string, List<string>> Examples { get; set; } = [];

    public static readonly AssistantText Plain = new()
    {
        Title = new() { ["en"] = "Knowledge assistant", ["es"] = "Asistente de conocimiento", ["pt"] = "Assistente de conhecimento" },
        Welcome = new()
        {
            ["en"] = "I answer questions from the office's own documents.",
            ["es"] = "Respondo preguntas a partir de los documentos de la oficina.",
            ["pt"] = "Respondo perguntas com base nos documentos do escritório.",
        },
        Help = new()
        {
            ["en"] = "Ask me in English, Spanish or Portuguese.",
            ["es"] = "Pregúnteme en español, inglés o portugués.",
            ["pt"] = "Pergunte-me em português, inglês ou espanhol.",
        },
    };

    /// <summary>This text in <paramref name="language"/>, English where that language has none.</summary>
    public Greeting In(string language) => new(
        Pick(Title, language) ?? Pick(Plain.Title, language)!,
        Pick(Welcome, language) ?? Pick(Plain.Welcome, language)!,
        Pick(Help, language) ?? Pick(Plain.Help, language)!,
        Examples.GetValueOrDefault(language) is { Count: > 0 } examples ? examples : Examples.GetValueOrDefault("en") ?? []);

    private static string? Pick(Dictionary<string, string> texts, string language) =>
        texts.GetValueOrDefault(language) is { Length: > 0 } text ? text : texts.GetValueOrDefault("en");
}

/// <summary>The assistant's welcome in one language: title, text, help line and example questions.</summary>
public sealed record Greeting(string Title, string Welcome, string Help, IReadOnlyList<string> Examples);
