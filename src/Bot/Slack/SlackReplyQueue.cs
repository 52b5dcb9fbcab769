using System.Threading.Channels;
using IomAssistant.Bot.Observability;

namespace IomAssistant.Bot.Slack;

/// <summary>One piece of work Slack has been told is accepted: answering, sharing, thanking.</summary>
public sealed record SlackJob(string Description, Func<CancellationToken, Task> RunAsync)
{
    /// <summary>The request that accepted the work, so its logs can be found together.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>
/// Work accepted from Slack, waiting to be done after the HTTP acknowledgement. Bounded, so a
/// flood cannot exhaust memory; a full queue refuses new work and Slack retries it later.
/// </summary>
public sealed class SlackReplyQueue
{
    public const int Capacity = 500;

    private readonly Channel<SlackJob> _jobs = Channel.CreateBounded<SlackJob>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    public bool TryEnqueue(SlackJob job) => _jobs.Writer.TryWrite(job with { CorrelationId = Correlation.Current?.Id });

    public ChannelReader<SlackJob> Reader => _jobs.Reader;
}

/// <summary>Runs queued Slack work on a few parallel lanes, so one slow answer does not hold up the rest.</summary>
public sealed class SlackReplyWorker(SlackReplyQueue queue, ILogger<SlackReplyWorker> logger) : BackgroundService
{
    private const int Lanes = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Lanes).Select(_ => RunLaneAsync(stoppingToken)));

    private async Task RunLaneAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            {
                using var scope = Correlation.BeginScope(logger, job.CorrelationId);
                try
                {
                    await job.RunAsync(stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(error, "Slack job failed: {Job}", job.Description);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
