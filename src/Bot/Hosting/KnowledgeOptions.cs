using System.ComponentModel.DataAnnotations;

namespace IomAssistant.Bot.Hosting;

/// <summary>The "Knowledge" settings section.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>Folder of documents, catalog and glossary (relative to the working folder).</summary>
    [Required(ErrorMessage = "Knowledge:Path must name the knowledge folder.")]
    public string Path { get; set; } = "knowledge";

    /// <summary>Folder where the Lucene index is built and reused.</summary>
    [Required(ErrorMessage = "Knowledge:IndexPath must name a writable folder for the index.")]
    public string IndexPath { get; set; } = ".index";

    /// <summary>
    /// Answers kept for repeated questions (0: answer every question anew). They are dropped
    /// with the engine whenever the knowledge changes, so they are never stale.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Knowledge:RememberedAnswers must be between 0 and 1000000.")]
    public int RememberedAnswers { get; set; } = IomAssistant.Knowledge.Answers.AnswerEngine.DefaultRememberedAnswers;

    /// <summary>Reload when files in the knowledge folder change.</summary>
    public bool WatchForChanges { get; set; } = true;
}
