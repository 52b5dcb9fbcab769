namespace IomAssistant.Bot.Conversation;

/// <summary>
/// The fixed sentences and labels every channel shows around an answer, in the question's
/// language. Answers themselves stay in the documents' English.
/// </summary>
public sealed record UiText(
    string Language,
    string Source,
    string YouCouldAsk,
    string NoAnswer,
    string WasThisHelpful,
    string Helpful,
    string NotHelpful,
    string ThanksForFeedback,
    string Welcome,
    string WelcomeTitle,
    string Help,
    string ShareInChannel,
    string Shared,
    string SomethingWentWrong,
    string QuestionTooLong)
{
    /// <summary>Card header naming what the answer is about; answers of other kinds show none.</summary>
    public string Office { get; init; } = "Office";
    public string Country { get; init; } = "Country";
    public string StrategyArea { get; init; } = "Strategy area";
    public string Passage { get; init; } = "From the documents";
    public string AskNext { get; init; } = "Ask next";
    public string PopularTopics { get; init; } = "Popular topics";
    public string AskAboutThis { get; init; } = "Ask about this";
    public string SearchTooLong { get; init; } = "Please search for something shorter (at most 500 characters).";
    public string FeedbackTooLong { get; init; } = "Your feedback could not be recorded: the answer's title or question is too long.";

    public static readonly UiText English = new(
        "en",
        Source: "Source",
        YouCouldAsk: "You could ask",
        NoAnswer: "I could not find that in the office's documents.",
        WasThisHelpful: "Was this helpful?",
        Helpful: "👍 Helpful",
        NotHelpful: "👎 Not helpful",
        ThanksForFeedback: "Thanks for your feedback.",
        Welcome: "I answer questions about the IOM Regional Office for South America, its offices, the countries of the region and the regional strategy, from the office's own documents.",
        WelcomeTitle: "IOM South America assistant",
        Help: "Ask me about offices, countries, the regional strategy or migration trends, in English, Spanish or Portuguese.",
        ShareInChannel: "Share in channel",
        Shared: "Shared in the channel.",
        SomethingWentWrong: "Sorry, something went wrong while answering. Please try again.",
        QuestionTooLong: "Please ask a shorter question (at most 2,000 characters).");

    public static readonly UiText Spanish = new(
        "es",
        Source: "Fuente",
        YouCouldAsk: "Puede preguntar",
        NoAnswer: "No encontré eso en los documentos de la oficina.",
        WasThisHelpful: "¿Le resultó útil?",
        Helpful: "👍 Útil",
        NotHelpful: "👎 No útil",
        ThanksForFeedback: "Gracias por su opinión.",
        Welcome: "Respondo preguntas sobre la Oficina Regional de la OIM para América del Sur, sus oficinas, los países de la región y la estrategia regional, a partir de los documentos de la oficina.",
        WelcomeTitle: "Asistente de la OIM para América del Sur",
        Help: "Pregúnteme sobre oficinas, países, la estrategia regional o las tendencias migratorias, en español, inglés o portugués.",
        ShareInChannel: "Compartir en el canal",
        Shared: "Compartido en el canal.",
        SomethingWentWrong: "Lo siento, algo falló al responder. Inténtelo de nuevo.",
        QuestionTooLong: "Haga una pregunta más corta (como máximo 2.000 caracteres).")
    {
        Office = "Oficina",
        Country = "País",
        StrategyArea = "Área de la estrategia",
        Passage = "De los documentos",
        AskNext = "Pregunte también",
        PopularTopics = "Temas frecuentes",
        AskAboutThis = "Preguntar sobre esto",
        SearchTooLong = "Busque algo más corto (como máximo 500 caracteres).",
        FeedbackTooLong = "No se pudo registrar su opinión: el título de la respuesta o la pregunta es demasiado largo.",
    };

    public static readonly UiText Portuguese = new(
        "pt",
        Source: "Fonte",
        YouCouldAsk: "Você pode perguntar",
        NoAnswer: "Não encontrei isso nos documentos do escritório.",
        WasThisHelpful: "Isto foi útil?",
        Helpful: "👍 Útil",
        NotHelpful: "👎 Não foi útil",
        ThanksForFeedback: "Obrigado pelo seu comentário.",
        Welcome: "Respondo perguntas sobre o Escritório Regional da OIM para a América do Sul, seus escritórios, os países da região e a estratégia regional, com base nos documentos do escritório.",
        WelcomeTitle: "Assistente da OIM para a América do Sul",
        Help: "Pergunte-me sobre escritórios, países, a estratégia regional ou as tendências migratórias, em português, inglês ou espanhol.",
        ShareInChannel: "Compartilhar no canal",
        Shared: "Compartilhado no canal.",
        SomethingWentWrong: "Desculpe, algo deu errado ao responder. Tente novamente.",
        QuestionTooLong: "Faça uma pergunta mais curta (no máximo 2.000 caracteres).")
    {
        Office = "Escritório",
        Country = "País",
        StrategyArea = "Área da estratégia",
        Passage = "Dos documentos",
        AskNext = "Pergunte também",
        PopularTopics = "Temas frequentes",
        AskAboutThis = "Perguntar sobre isto",
        SearchTooLong = "Pesquise algo mais curto (no máximo 500 caracteres).",
        FeedbackTooLong = "Não foi possível registrar seu comentário: o título da resposta ou a pergunta é longo demais.",
    };

    public static UiText For(string? language) => language switch
    {
        "es" => Spanish,
        "pt" => Portuguese,
        _ => English,
    };
}
