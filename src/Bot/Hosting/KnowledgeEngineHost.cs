using IomAssistant.Knowledge;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Extraction;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Ingestion;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Hosting;

/// <summary>What the status endpoints report about the knowledge being served.</summary>
public sealed record KnowledgeStatus(
    bool Ready,
    string? ContentHash,
    DateTimeOffset? LoadedAt,
    int Documents,
    int Entities,
    string? UpdateError,
    DateTimeOffset? UpdateFailedAt)
{
    public bool Current => Ready && UpdateError is null;
}

/// <summary>
/// Loads the knowledge folder and its index when the app starts, answers through the loaded
/// engine, and follows the folder's changes. A changed catalog or glossary changes every
/// answer: the knowledge is reloaded whole, a new catalog's index built beside the old one,
/// and swapped in atomically while the old one keeps answering. A changed, added or removed
/// document is applied in place: only it is read again and only its passages are replaced in
/// the index, visible as soon as the update commits. A broken change (malformed catalog,
/// missing quote, unreadable file) is rejected and reported while the last good knowledge
/// keeps serving.
/// </summary>
public sealed class KnowledgeEngineHost(IOptions<KnowledgeOptions> options, IHostEnvironment environment, ILogger<KnowledgeEngineHost> logger)
    : IAnswerEngine, IHostedService, IDisposable
{
    // Short enough that an edited document is served within a second of being saved.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);
    // In-flight questions finish on the old index before it is closed.
    private static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);

    private sealed record Loaded(AnswerEngine Engine, KnowledgeIndex Index, KnowledgeBase Knowledge, DateTimeOffset At);

    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile Loaded? _current;
    private volatile KnowledgeStatus _status = new(false, null, null, 0, 0, null, null);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private readonly Lock _pendingLock = new();
    private HashSet<string> _pendingDocuments = new(StringComparer.Ordinal);
    private bool _pendingFullReload;

    private string KnowledgePath => KnowledgeHosting.ResolvePath(environment, options.Value.Path);
    private string IndexPath => KnowledgeHosting.ResolvePath(environment, options.Value.IndexPath);

    public bool IsReady => _current is not null;

    public KnowledgeStatus Status => _status;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            Swap(Load());
        }
        catch (KnowledgeException e)
        {
            logger.LogCritical("The knowledge in {Path} cannot be used:{NewLine}{Error}", KnowledgePath, Environment.NewLine, e.Message);
            throw;
        }
        // The word tables load beside the serving engine: start-up does not wait for them, and
        // the first Spanish question does not either once they are in.
        _ = Task.Run(() =>
        {
            try { CrossLanguage.Prepare(); }
            catch (Exception e) when (e is IOException or InvalidDataException) { logger.LogWarning("Word tables not read ahead: {Error}", e.Message); }
            ReturnBuildMemory();
        }, CancellationToken.None);
        if (options.Value.WatchForChanges)
        {
            try
            {
                Watch();
            }
            catch (IOException e)
            {
                // E.g. the system's limit of file watchers: serve anyway, reload on restart.
                logger.LogWarning("Not watching {Path} for changes ({Error}); restart to load changes", KnowledgePath, e.Message);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Reloads the knowledge folder now; false (with the error in <see cref="Status"/>) when the change is rejected.</summary>
    public Task<bool> ReloadAsync() => ChangeAsync(() =>
    {
        var loaded = Load();
        if (loaded.Knowledge.ContentHash == _current?.Knowledge.ContentHash)
        {
            loaded.Index.Dispose();
            _status = _status with { UpdateError = null, UpdateFailedAt = null };
            return;
        }
        Swap(loaded);
    });

    /// <summary>
    /// Applies changes to some documents of the knowledge folder (names relative to it) in
    /// place: those documents are read again, their passages replaced in the index, and the
    /// vocabulary updated, without reading the other documents or rebuilding the index. False
    /// (with the error in <see cref="Status"/>) when the change is rejected.
    /// </summary>
    public Task<bool> UpdateDocumentsAsync(IReadOnlyCollection<string> names) => ChangeAsync(() =>
    {
        var current = _current ?? throw new InvalidOperationException("The knowledge is not loaded yet.");
        var knowledge = current.Knowledge.WithDocumentsReread(KnowledgePath, names);
        var changed = current.Index.Update(knowledge);
        logger.LogInformation("Knowledge updated in place from {Path}: {Changed} documents changed; {Documents} documents",
            KnowledgePath, changed, knowledge.Documents.Count);
        Swap(new Loaded(current.Engine.WithDocumentChanges(knowledge), current.Index, knowledge, DateTimeOffset.UtcNow));
    });

    /// <summary>One change at a time; a rejected change leaves the last good knowledge serving and says why.</summary>
    private async Task<bool> ChangeAsync(Action change)
    {
        await _reloading.WaitAsync();
        try
        {
            change();
            ReturnBuildMemory();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever a change breaks (a malformed file, a reader's own bug), the last good
            // knowledge keeps serving and the rejection is logged and shown on /readyz.
            var error = e is KnowledgeException or IOException or UnauthorizedAccessException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            logger.LogError("Knowledge update rejected; still serving the previous knowledge ({Hash}):{NewLine}{Error}",
                _current?.Knowledge.ContentHash, Environment.NewLine, error);
            _status = _status with { UpdateError = error, UpdateFailedAt = DateTimeOffset.UtcNow };
            return false;
        }
        finally
        {
            _reloading.Release();
        }
    }

    private Loaded Load()
    {
        // Documents the index remembers unchanged are not read again.
        var knowledge = KnowledgeBase.Load(KnowledgePath, indexRoot: IndexPath);
        var index = KnowledgeIndex.Open(knowledge, IndexPath);
        logger.LogInformation("Knowledge loaded from {Path}: {Documents} documents, {Entities} entities; index {Index} ({State})",
            KnowledgePath, knowledge.Documents.Count, knowledge.Entities.Count, index.Folder,
            index.Built ? "built" : index.DocumentsUpdatedAtOpen > 0 ? $"reused, {index.DocumentsUpdatedAtOpen} documents updated" : "reused");
        return new Loaded(new AnswerEngine(knowledge, index, options.Value.RememberedAnswers), index, knowledge, DateTimeOffset.UtcNow);
    }

    private void Swap(Loaded loaded)
    {
        var previous = Interlocked.Exchange(ref _current, loaded);
        _status = new KnowledgeStatus(true, loaded.Knowledge.ContentHash, loaded.At, loaded.Knowledge.Documents.Count,
            loaded.Knowledge.Entities.Count, null, null);
        if (previous is not null && previous.Index != loaded.Index)
            _ = Task.Delay(RetireAfter).ContinueWith(_ =>
            {
                previous.Index.Dispose();
                ReturnBuildMemory();
            }, TaskScheduler.Default);
    }

    /// <summary>
    /// Building knowledge leaves the collector holding several times the engine's size in
    /// garbage and budgets it keeps committed; one compacting collection after a build (at start
    /// and after each change, a few times a day) hands that back to the system: 10,000 reports
    /// are served in 300 MB instead of 340 MB. A blocking pause of some milliseconds per
    /// thousand documents, never on the way of a question.
    /// </summary>
    private static void ReturnBuildMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private void Watch()
    {
        _debounce = new Timer(_ => _ = ApplyPendingChangesAsync(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(KnowledgePath) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += (_, e) => Pending(e.FullPath);
        _watcher.Created += (_, e) => Pending(e.FullPath);
        _watcher.Deleted += (_, e) => Pending(e.FullPath);
        _watcher.Renamed += (_, e) => Pending(e.OldFullPath, e.FullPath);
        _watcher.Error += (_, e) =>
        {
            // Events were lost: only a whole reload is sure to see every change.
            logger.LogWarning(e.GetException(), "Watching the knowledge folder failed; reloading it whole");
            Pending();
        };
    }

    /// <summary>Notes changed paths; no path means "anything may have changed".</summary>
    private void Pending(params string[] paths)
    {
        lock (_pendingLock)
        {
            if (paths.Length == 0)
                _pendingFullReload = true;
            foreach (var path in paths)
            {
                var name = Path.GetRelativePath(KnowledgePath, path).Replace('\\', '/');
                // A catalog, a glossary, a folder or anything else (a ConfigMap's hidden "..data"
                // link swapped under every file): the knowledge is reloaded whole.
                if (KnowledgeBase.IsDocumentFile(name))
                    _pendingDocuments.Add(name);
                else
                    _pendingFullReload = true;
            }
        }
        // Content owners copy several files at once: apply them once, shortly after the last event.
        _debounce?.Change(Debounce, Timeout.InfiniteTimeSpan);
    }

    private async Task ApplyPendingChangesAsync()
    {
        HashSet<string> documents;
        bool full;
        lock (_pendingLock)
        {
            (documents, _pendingDocuments) = (_pendingDocuments, new HashSet<string>(StringComparer.Ordinal));
            (full, _pendingFullReload) = (_pendingFullReload, false);
        }
        if (full)
            await ReloadAsync();
        else if (documents.Count > 0)
            await UpdateDocumentsAsync(documents);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        return Task.CompletedTask;
    }

    public AskResult Ask(string question, AnswerContext? context = null, string? locale = null, IReadOnlySet<string>? audiences = null) =>
        Engine.Ask(question, context, locale, audiences);

    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null, IReadOnlySet<string>? audiences = null) =>
        Engine.Search(query, max, locale, audiences);

    public IReadOnlyList<TopicSummary> Topics(string language = "en", IReadOnlySet<string>? audiences = null) => Engine.Topics(language, audiences);

    public Knowledge.Catalog.Greeting Greeting(string language) => Engine.Greeting(language);

    /// <summary>
    /// A loaded document by its exact name (as answers cite it), for showing sources; null for
    /// any other name and for a document <paramref name="audiences"/> may not read, alike.
    /// </summary>
    public CleanDocument? Document(string name, IReadOnlySet<string> audiences)
    {
        var knowledge = (_current ?? throw new InvalidOperationException("The knowledge is not loaded yet.")).Knowledge;
        return knowledge.CanSee(audiences, name) ? knowledge.Document(name) : null;
    }

    /// <summary>What extraction found in the documents <paramref name="audiences"/> may read: the content owners' view.</summary>
    public IReadOnlyList<DocumentFindings> Findings(IReadOnlySet<string> audiences) =>
        ExtractionReport.For((_current ?? throw new InvalidOperationException("The knowledge is not loaded yet.")).Knowledge, audiences);

    private AnswerEngine Engine => (_current ?? throw new InvalidOperationException("The knowledge is not loaded yet.")).Engine;

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _current?.Index.Dispose();
        _reloading.Dispose();
    }
}
