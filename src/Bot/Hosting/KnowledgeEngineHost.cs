using IomAssistant.Knowledge;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Ingestion;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Hosting;

/// <summary>
/// Loads the knowledge folder and its index when the app starts and answers through the
/// loaded engine. Start-up fails with the knowledge error (file, line, entity, fact) when the
/// knowledge cannot be used.
/// </summary>
public sealed class KnowledgeEngineHost(IOptions<KnowledgeOptions> options, IHostEnvironment environment, ILogger<KnowledgeEngineHost> logger)
    : IAnswerEngine, IHostedService, IDisposable
{
    private KnowledgeBase? _knowledge;
    private AnswerEngine? _engine;
    private KnowledgeIndex? _index;

    public bool IsReady => _engine is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var knowledgePath = KnowledgeHosting.ResolvePath(environment, options.Value.Path);
        var indexPath = KnowledgeHosting.ResolvePath(environment, options.Value.IndexPath);
        try
        {
            var knowledge = KnowledgeBase.Load(knowledgePath);
            _index = KnowledgeIndex.Open(knowledge, indexPath);
            _engine = new AnswerEngine(knowledge, _index);
            _knowledge = knowledge;
            logger.LogInformation("Knowledge loaded from {Path}: {Documents} documents, {Entities} entities; index {Index} ({State})",
                knowledgePath, knowledge.Documents.Count, knowledge.Entities.Count, _index.Folder, _index.Built ? "built" : "reused");
        }
        catch (KnowledgeException e)
        {
            logger.LogCritical("The knowledge in {Path} cannot be used:{NewLine}{Error}", knowledgePath, Environment.NewLine, e.Message);
            throw;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public AskResult Ask(string question, AnswerContext? context = null, string? locale = null) => Engine.Ask(question, context, locale);

    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null) => Engine.Search(query, max, locale);

    public IReadOnlyList<TopicSummary> Topics(string language = "en") => Engine.Topics(language);

    /// <summary>A loaded document by its exact name (as answers cite it), for showing sources; null for any other name.</summary>
    public CleanDocument? Document(string name) =>
        (_knowledge ?? throw new InvalidOperationException("The knowledge is not loaded yet.")).Document(name);

    private AnswerEngine Engine => _engine ?? throw new InvalidOperationException("The knowledge is not loaded yet.");

    public void Dispose() => _index?.Dispose();
}
