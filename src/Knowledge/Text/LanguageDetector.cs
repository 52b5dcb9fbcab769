namespace IomAssistant.Knowledge.Text;

/// <summary>
/// Tells English, Spanish and Portuguese questions apart from their function words and
/// spelling, for the reply's labels. Short questions are ambiguous: English is the default.
/// </summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> SpanishOnly = ["el", "la", "los", "las", "del", "de", "que", "cuantos", "cuantas", "cuando", "donde", "quien", "quienes", "cual", "cuales", "es", "son", "hay", "tiene", "tienen", "oficina", "oficinas", "paises", "y", "una", "un", "por", "con", "se", "esta", "como", "hace", "fundo", "sobre", "cuentame", "hablame", "mision", "misiones", "proyectos", "quiere", "dice"];
    private static readonly HashSet<string> PortugueseOnly = ["o", "os", "as", "de", "do", "dos", "das", "da", "no", "na", "nos", "nas", "um", "uma", "quantos", "quantas", "quando", "onde", "quem", "qual", "quais", "e", "sao", "tem", "escritorio", "escritorios", "paises", "com", "pelo", "pela", "voce", "faz", "foi", "fale", "missao", "missoes", "projetos", "funcionarios", "sobre", "isso"];
    private static readonly HashSet<string> EnglishOnly = ["the", "what", "who", "when", "where", "how", "many", "is", "are", "does", "do", "of", "and", "in", "about", "tell", "me", "which", "was", "were", "office", "countries", "staff", "projects", "have", "has"];

    /// <param name="otherLanguage">
    /// Whether a word is Spanish or Portuguese rather than a word the (English) knowledge uses:
    /// "estrategia", "resposta" say the language of a question that has no function word the
    /// lists know ("areas tematicas de la estrategia regional"). Half a function word each.
    /// </param>
    public static string Detect(string text, string? locale = null, Func<string, (bool Spanish, bool Portuguese)>? otherLanguage = null)
    {
        var tokens = TextFolding.Tokens(text);
        double en = 0, es = 0, pt = 0;
        foreach (var t in tokens)
        {
            if (EnglishOnly.Contains(t)) en += 1;
            if (SpanishOnly.Contains(t)) es += 1;
            if (PortugueseOnly.Contains(t)) pt += 1;
            if (otherLanguage is not null && !EnglishOnly.Contains(t) && !StopWords.English.Contains(t) && otherLanguage(t) is var (spanish, portuguese))
            {
                if (spanish) es += 0.5;
                if (portuguese) pt += 0.5;
            }
        }
        foreach (var c in text)
        {
            if (c is '¿' or '¡' or 'ñ' or 'Ñ') es += 2;
            if (c is 'ã' or 'õ' or 'ç' or 'Ã' or 'Õ' or 'Ç' or 'ê' or 'ô') pt += 2;
        }
        if (text.Contains("ção", StringComparison.OrdinalIgnoreCase) || text.Contains("ções", StringComparison.OrdinalIgnoreCase)) pt += 2;
        if (text.Contains("ción", StringComparison.OrdinalIgnoreCase) || text.Contains("ciones", StringComparison.OrdinalIgnoreCase)) es += 2;

        var fromLocale = FromLocale(locale);
        if (en == 0 && es == 0 && pt == 0)
            return fromLocale ?? "en";
        if (fromLocale is not null)
        {
            // A locale the client sends breaks near ties.
            if (fromLocale == "es") es += 0.5;
            else if (fromLocale == "pt") pt += 0.5;
            else en += 0.5;
        }
        if (es > en && es >= pt) return es == pt ? (fromLocale ?? "es") : "es";
        if (pt > en && pt > es) return "pt";
        return "en";
    }

    private static string? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length < 2)
            return null;
        return locale[..2].ToLowerInvariant() switch
        {
            "es" => "es",
            "pt" => "pt",
            "en" => "en",
            _ => null,
        };
    }
}
