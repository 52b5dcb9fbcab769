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

    public static IReadOnlyList<string> Examples(string language) => language switch
    {
        "es" => ["¿Cuántos funcionarios tiene la oficina regional?", "¿Quién coordina la misión en Surinam?", "¿Cuáles son las áreas temáticas de la estrategia regional?", "¿Cuándo se fundó la OIM?"],
        "pt" => ["Quantos projetos tem o escritório regional?", "Quem coordena a missão na Guiana?", "Quais são as áreas temáticas da estratégia regional?", "Quando a OIM foi fundada?"],
        _ => ["How many staff work at the Regional Office for South America?", "Who coordinates the IOM mission in Guyana?", "What are the six thematic areas of the regional strategy?", "When was IOM established?"],
    };
}
