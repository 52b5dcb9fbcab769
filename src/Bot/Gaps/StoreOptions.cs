using System.ComponentModel.DataAnnotations;

namespace IomAssistant.Bot.Gaps;

/// <summary>The "Store" settings section: where unanswered questions and feedback are kept.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>SQLite database file, created on first use (relative to the working folder).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Store:SqlitePath must name the SQLite database file, e.g. data/assistant.db.")]
    public string SqlitePath { get; set; } = "data/assistant.db";

    /// <summary>
    /// Keep the text of unanswered questions and of questions given feedback (normalized, without
    /// who asked). Off: only counts by channel and language are kept, and feedback keeps the
    /// answer's title without the question.
    /// </summary>
    public bool RecordQuestionText { get; set; } = true;
}
