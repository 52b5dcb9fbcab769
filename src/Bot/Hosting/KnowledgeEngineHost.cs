using IomAssistant.Knowledge;
using IomAssistant.Knowledge.Answers;
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
/// engine, and reloads when the folder changes: the new index is built beside the old one and
/// swapped in atomically, queries meanwhile keep being answered by the old one, and a broken
/// change (malformed catalog, missing quote, unreadable file) is rejected and reported while
/// the last good knowledge keeps serving.
/// </summary>
public sealed class KnowledgeEngineHost(IOptions<KnowledgeOptions> options, IHostEnvironment environment, ILogger<KnowledgeEngineHost> logger)
    : IAnswerEngine, IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);
    // In-flight questions finish on the old index before it is closed.
    private static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);

    private sealed record Loaded(AnswerEngine Engine, KnowledgeIndex Index, KnowledgeBase Knowledge, DateTimeOffset At);

    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile Loaded? _current;
    private volatile KnowledgeStatus _status = new(false, null, null, 0, 0, null, null);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

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
    public async Task<bool> ReloadAsync()
    {
        await _reloading.WaitAsync();
        try
        {
            var loaded = Load();
            if (loaded.Knowledge.ContentHash == _current?.Knowledge.ContentHash)
            {
                loaded.Index.Dispose();
                _status = _status with { UpdateError = null, UpdateFailedAt = null };
                return true;
            }
            Swap(loaded);
            return true;
        }
        catch (Exception e) when (e is KnowledgeException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("Knowledge update rejected; still serving the previous knowledge ({Hash}):{NewLine}{Error}",
                _current?.Knowledge.ContentHash, Environment.NewLine, e.Message);
            _status = _status with { UpdateError = e.Message, UpdateFailedAt = DateTimeOffset.UtcNow };
            return false;
        }
        finally
        {
            _reloading.Release();
        }
    }

    private Loaded Load()
    {
        var knowledge = KnowledgeBase.Load(KnowledgePath);
        var index = KnowledgeIndex.Open(knowledge, IndexPath);
        logger.LogInformation("Knowledge loaded from {Path}: {Documents} documents, {Entities} entities; index {Index} ({State})",
            KnowledgePath, knowledge.Documents.Count, knowledge.Entities.Count, index.Folder, index.Built ? "built" : "reused");
        return new Loaded(new AnswerEngine(knowledge, index), index, knowledge, DateTimeOffset.UtcNow);
    }

    private void Swap(Loaded loaded)
    {
        var previous = Interlocked.Exchange(ref _current, loaded);
        _status = new KnowledgeStatus(true, loaded.Knowledge.ContentHash, loaded.At, loaded.Knowledge.Documents.Count,
            loaded.Knowledge.Entities.Count, null, null);
        if (previous is not null)
            _ = Task.Delay(RetireAfter).ContinueWith(_ => previous.Index.Dispose(), TaskScheduler.Default);
    }

    private void Watch()
    {
        _debounce = new Timer(_ => _ = ReloadAsync(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(KnowledgePath) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        // Content owners copy several files at once: reload once, shortly after the last event.
        FileSystemEventHandler changed = (_, _) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watching the knowledge folder failed; changes need a restart");
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        return Task.CompletedTask;
    }

    public AskResult Ask(string question, AnswerContext? context = null, string? locale = null) => Engine.Ask(question, context, locale);

    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null) => Engine.Search(query, max, locale);

    public IReadOnlyList<TopicSummary> Topics(string language = "en") => Engine.Topics(language);

    /// <summary>A loaded document by its exact name (as answers cite it), for showing sources; null for any other name.</summary>
    public CleanDocument? Document(string name) =>
        (_current ?? throw new InvalidOperationException("The knowledge is not loaded yet.")).Knowledge.Document(name);

    private AnswerEngine Engine => (_current ?? throw new InvalidOperationException("The knowledge is not loaded yet.")).Engine;

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _current?.Index.Dispose();
        _reloading.Dispose();
    }
}
