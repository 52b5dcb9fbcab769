using System.Diagnostics;
using IomAssistant.Bot.Observability;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Catalog;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Conversation;

/// <summary>What every channel renders: the engine's result plus the sentences around it.</summary>
public sealed record ConversationReply(Answer? Answer, IReadOnlyList<string> Suggestions, string Language)
{
    /// <summary>The knowledge's own welcome and help in the reply's language, for the no-answer card.</summary>
    public Greeting? Greeting { get; init; }

    public UiText Text => UiText.For(Language).With(Greeting);
}

/// <summary>
/// The channel-neutral core: text in, reply model out. Channels translate their wire format
/// to a call here and the reply back to cards; they never search or decide. Every question and
/// every piece of feedback passes here, so this is where they are counted, logged and kept.
/// Each channel works out the asker's audiences (who they are, where they ask) and passes
/// them here; the engine answers only from what those audiences may read.
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
    public ConversationReply Ask(string channel, IReadOnlySet<string> audiences, string question, AnswerContext? context = null, string? locale = null)
    {
        var started = Stopwatch.GetTimestamp();
        var result = engine.Ask(question, context, locale, audiences);
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
        return new ConversationReply(result.Answer, result.Suggestions, result.Language) { Greeting = engine.Greeting(result.Language) };
    }

    /// <summary>
    /// Answers within a conversation the channel identifies, remembering what the answer was
    /// about so that "and how many projects?" refers to it. The memory is kept per audience: a
    /// context remembered for staff is never followed up for someone else in the same place.
    /// </summary>
    public ConversationReply AskInConversation(string channel, IReadOnlySet<string> audiences, string conversationKey, string question, string? locale = null)
    {
        var key = $"{conversationKey}|{Audience.Key(audiences)}";
        var reply = Ask(channel, audiences, question, memory.Get(key), locale);
        if (reply.Answer is { } answer)
            memory.Set(key, answer.Context);
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
    public IReadOnlyList<Answer> Search(IReadOnlySet<string> audiences, string query, int max, string? locale = null) => engine.Search(query, max, locale, audiences);

    public IReadOnlyList<TopicSummary> Topics(IReadOnlySet<string> audiences, string language = "en") => engine.Topics(language, audiences);

    /// <summary>The sentences around answers in <paramref name="language"/>, with the knowledge's own welcome, help and example questions.</summary>
    public UiText TextFor(string language) => UiText.For(language).With(engine.Greeting(language));
}
