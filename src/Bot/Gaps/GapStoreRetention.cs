using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Gaps;

/// <summary>
/// Applies Store:RetentionDays and Store:MaxRows in the background: once at start, then every
/// hour. Deleting is the store's own business (never thrown), so a failing database only logs.
/// </summary>
public sealed class GapStoreRetention(IGapStore store, IOptions<StoreOptions> options, TimeProvider clock, ILogger<GapStoreRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Deletes what the settings no longer keep; the number of records deleted.</summary>
    public int PruneNow()
    {
        var settings = options.Value;
        var deleted = store.Prune(clock.GetUtcNow().AddDays(-settings.RetentionDays), settings.MaxRows);
        if (deleted > 0)
            logger.LogInformation("Deleted {Count} unanswered questions and feedback records beyond Store:RetentionDays ({Days}) or Store:MaxRows ({MaxRows})",
                deleted, settings.RetentionDays, settings.MaxRows);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: a large first deletion must not delay serving.
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                PruneNow();
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
