namespace IomAssistant.Bot.Conversation;

/// <summary>A user's 👍/👎 on one answer.</summary>
public sealed record FeedbackEntry(string Channel, string AnswerTitle, string? Question, bool Helpful, DateTimeOffset At);

/// <summary>A question the knowledge did not answer: what content owners should add.</summary>
public sealed record UnansweredQuestion(string Channel, string Question, string Language, DateTimeOffset At);

/// <summary>Where feedback is kept. Recording never throws: a failing store must not fail an answer.</summary>
public interface IFeedbackStore
{
    void Record(FeedbackEntry entry);
}

/// <summary>Where unanswered questions are kept. Recording never throws.</summary>
public interface IKnowledgeGapRecorder
{
    void RecordUnanswered(UnansweredQuestion question);
}
