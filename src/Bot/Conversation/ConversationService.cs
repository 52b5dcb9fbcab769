using System.Diagnostics;
using IomAssistant.Bot.Observability;
using IomAssistant.Knowledge.Answers;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Conversation;

/// <summary>What every channel renders: the engine's result plus the sentences around it.</summary>
public sealed record ConversationReply(Answer? Answer, IReadOnlyList<string> Suggestions, string Language)
{
    public UiText Text => UiText.For(Language);
}

/// <summary>
/// The channel-neutral core: text in, reply model out. Channels translate their wire format
/// to a call here and the reply back to cards; they never search or decide. Every question and
/// every piece of feedback passes here, so this is where they are counted, logged and kept.
/// </summary>
public sealed class ConversationService(
    IAnswerEngine engine,
    IConversationMemory memory,
    IKnowledgeGapRecorder gaps,
    IFeedbackStore feedback,
    AssistantMetrics metrics,
    IOptions<QuestionLoggingOptions> logging,
    TimeProvider clock,
    ILogger<ConversationService> logger)
{
    public const int MaxQuestionLength = TextLimits.Question;

    /// <summary>Answers a question with the context the client sent back (stateless clients).</summary>
    public ConversationReply Ask(string channel, string question, AnswerContext? context = null, string? locale = null)
    {
        var started = Stopwatch.GetTimestamp();
        var result = engine.Ask(question, context, locale);
        var elapsed = Stopwatch.GetElapsedTime(started);

        metrics.Question(channel, result.Answer, elapsed);
        if (result.Answer is null)
            gaps.RecordUnanswered(new UnansweredQuestion(channel, question, result.Language, clock.GetUtcNow()));
        if (logging.Value.IncludeQuestionText)
            logger.LogInformation("Question on {Channel} ({Language}) {Outcome} as {Kind} in {ElapsedMs:0.0} ms: {Question}",
                channel, result.Language, result.Answer is null ? "unanswered" : "answered", result.Answer?.Kind ?? "none", elapsed.TotalMilliseconds, question);
        else
            logger.LogInformation("Question on {Channel} ({Language}) {Outcome} as {Kind} in {ElapsedMs:0.0} ms",
                channel, result.Language, result.Answer is null ? "unanswered" : "answered", result.Answer?.Kind ?? "none", elapsed.TotalMilliseconds);
        return new ConversationReply(result.Answer, result.Suggestions, result.Language);
    }

    /// <summary>
    /// Answers within a conversation the channel identifies, remembering what the answer was
    /// about so that "and how many projects?" refers to it.
    /// </summary>
    public ConversationReply AskInConversation(string channel, string conversationKey, string question, string? locale = null)
    {
        var reply = Ask(channel, question, memory.Get(conversationKey), locale);
        if (reply.Answer is { } answer)
            memory.Set(conversationKey, answer.Context);
        return reply;
    }

    /// <summary>A 👍/👎 on an answer: counted, logged (without the question) and kept for the gaps report.</summary>
    public void RecordFeedback(string channel, string answerTitle, string? question, bool helpful)
    {
        metrics.Feedback(channel, helpful);
        logger.LogInformation("Feedback from {Channel}: {Helpful} on {AnswerTitle}", channel, helpful ? "helpful" : "not helpful", answerTitle);
        feedback.Record(new FeedbackEntry(channel, answerTitle, question, helpful, clock.GetUtcNow()));
    }

    /// <summary>Results for a search box (Teams messaging extension, web search).</summary>
    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null) => engine.Search(query, max, locale);

    public IReadOnlyList<TopicSummary> Topics(string language = "en") => engine.Topics(language);

    /// <summary>Questions shown on welcome and help cards.</summary>
    public static IReadOnlyList<string> ExampleQuestions(string? language) => Phrases.Examples(language ?? "en").Take(3).ToList();
}
