namespace IomAssistant.Bot.Conversation;

/// <summary>
/// Logging:IncludeQuestionText. Questions are written by people and may name people; logs are
/// shipped and kept elsewhere, so question text stays out of them unless an operator allows it.
/// </summary>
public sealed class QuestionLoggingOptions
{
    public const string Section = "Logging";

    public bool IncludeQuestionText { get; set; }
}
