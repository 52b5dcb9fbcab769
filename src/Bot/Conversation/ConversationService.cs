using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Conversation;

/// <summary>What every channel renders: the engine's result plus the sentences around it.</summary>
public sealed record ConversationReply(Answer? Answer, IReadOnlyList<string> Suggestions, string Language)
{
    public UiText Text => UiText.For(Language);
}

/// <summary>
/// The channel-neutral core: text in, reply model out. Channels translate their wire format
/// to a call here and the reply back to cards; they never search or decide.
/// </summary>
public sealed class ConversationService(IAnswerEngine engine, ConversationMemory memory)
{
    public const int MaxQuestionLength = 2000;

    /// <summary>Answers a question with the context the client sent back (stateless clients).</summary>
    public ConversationReply Ask(string question, AnswerContext? context = null, string? locale = null)
    {
        var result = engine.Ask(question, context, locale);
        return new ConversationReply(result.Answer, result.Suggestions, result.Language);
    }

    /// <summary>
    /// Answers within a conversation the channel identifies, remembering what the answer was
    /// about so that "and how many projects?" refers to it.
    /// </summary>
    public ConversationReply AskInConversation(string conversationKey, string question, string? locale = null)
    {
        var reply = Ask(question, memory.Get(conversationKey), locale);
        if (reply.Answer is { } answer)
            memory.Set(conversationKey, answer.Context);
        return reply;
    }

    /// <summary>Results for a search box (Teams messaging extension, web search).</summary>
    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null) => engine.Search(query, max, locale);

    public IReadOnlyList<TopicSummary> Topics(string language = "en") => engine.Topics(language);

    /// <summary>Questions shown on welcome and help cards.</summary>
    public static IReadOnlyList<string> ExampleQuestions(string? language) => language switch
    {
        "es" => ["¿Cuántos funcionarios tiene la oficina regional?", "¿Quién coordina la misión en Surinam?", "¿Qué hace la OIM frente al cambio climático?"],
        "pt" => ["Quantos projetos tem o escritório regional?", "Quais são as áreas temáticas da estratégia regional?", "Quando a OIM foi fundada?"],
        _ => ["How many staff work at the Regional Office for South America?", "Who coordinates the IOM mission in Guyana?", "What are the six thematic areas of the regional strategy?"],
    };
}
