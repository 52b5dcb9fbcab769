namespace IomAssistant.Knowledge.Text;

/// <summary>
/// The words people wrap a request in, in English, Spanish and Portuguese ("tell me about",
/// "háblame de", "fale sobre", "please", "information on"): they say that something is asked,
/// never what, so no document needs to use them. Built in because they are the languages' own,
/// not any knowledge's; a glossary's fillers add the owner's.
/// </summary>
public static class RequestWords
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(new[]
    {
        // English
        "tell", "about", "please", "kindly", "explain", "describe", "information", "info", "details",
        "overview", "summary", "briefly", "hi", "hello", "hey", "thanks", "thank", "know", "give", "show",
        "want", "like", "need", "something", "anything",
        // Spanish
        "hablame", "cuentame", "dime", "decime", "contame", "explicame", "dame", "muestrame", "sobre", "acerca",
        "informacion", "detalles", "resumen", "quisiera", "quiero", "saber", "podrias", "puedes", "favor",
        "hola", "gracias", "algo",
        // Portuguese
        "fale", "diga", "conte", "explique", "mostre", "informacao", "detalhes", "resumo", "gostaria",
        "queria", "quero", "poderia", "pode", "ola", "obrigado", "obrigada",
    }.Select(TextFolding.Fold), StringComparer.Ordinal);
}
