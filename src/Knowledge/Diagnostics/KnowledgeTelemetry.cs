using System.Diagnostics;

namespace IomAssistant.Knowledge.Diagnostics;

/// <summary>
/// The knowledge library's traces: one <see cref="ActivitySource"/> whose spans show where a
/// question's time goes. The host subscribes to <see cref="SourceName"/> (OpenTelemetry); with no
/// listener, starting a span costs next to nothing and returns null.
/// </summary>
public static class KnowledgeTelemetry
{
    public const string SourceName = "IomAssistant.Knowledge";

    /// <summary>Reading and cleaning the documents, catalog and glossary (KnowledgeBase.Load).</summary>
    public const string Load = "knowledge.load";

    /// <summary>One question through the answer engine.</summary>
    public const string Ask = "knowledge.ask";

    /// <summary>Searching the index for passages that may answer.</summary>
    public const string Retrieve = "knowledge.retrieve";

    /// <summary>Ranking the ways to answer and checking their evidence.</summary>
    public const string Decide = "knowledge.decide";

    public static ActivitySource Source { get; } = new(SourceName, typeof(KnowledgeTelemetry).Assembly.GetName().Version?.ToString());
}
