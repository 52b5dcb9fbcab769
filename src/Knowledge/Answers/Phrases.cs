namespace IomAssistant.Knowledge.Answers;

/// <summary>The engine's own sentences (suggestions, follow-ups) in the question's language.</summary>
public static class Phrases
{
    public static string TellMeAbout(string language, string title) => language switch
    {
        "es" => $"Háblame de {title}",
        "pt" => $"Fale sobre {title}",
        _ => $"Tell me about {title}",
    };

    public static string AttributeOf(string label, string title) => $"{label} — {title}";
}
