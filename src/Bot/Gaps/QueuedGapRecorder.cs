using System.Threading.Channels;
using IomAssistant.Bot.Conversation;

namespace IomAssistant.Bot.Gaps;

/// <summary>
/// Records unanswered questions and feedback off the request path: the channel's answer never
/// waits for the disk. Records queue in memory (bounded) and a background writer stores them
/// in batches, one transaction each, draining the queue when the app stops.
/// </summary>
public sealed class QueuedGapRecorder(IGapStore store, ILogger<QueuedGapRecorder> logger)
    : BackgroundService, IFeedbackStore, IKnowledgeGapRecorder
{
    private const int Capacity = 10_000;
    private const int BatchSize = 500;

    private readonly Channel<object> _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    public void RecordUnanswered(UnansweredQuestion question) => Enqueue(question);

    public void Record(FeedbackEntry entry) => Enqueue(entry);

    private void Enqueue(object record)
    {
        if (_queue.Writer.TryWrite(record))
            return;
        // Only a store far behind a flood of questions drops records; the answers are unaffected.
        logger.LogWarning("The knowledge-gap queue is full ({Capacity} records); a {Record} was not recorded", Capacity, record.GetType().Name);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
                WriteBatch();
        }
        catch (OperationCanceledException)
        {
            // Stopping: StopAsync writes what is still queued.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Once the loop has ended (or, stopped early, never ran), the queue is this thread's alone.
        await base.StopAsync(cancellationToken);
        while (_queue.Reader.TryPeek(out _))
            WriteBatch();
    }

    private void WriteBatch()
    {
        var questions = new List<UnansweredQuestion>();
        var feedback = new List<FeedbackEntry>();
        while (questions.Count + feedback.Count < BatchSize && _queue.Reader.TryRead(out var record))
        {
            if (record is UnansweredQuestion question)
                questions.Add(question);
            else if (record is FeedbackEntry entry)
                feedback.Add(entry);
        }
        store.RecordBatch(questions, feedback);
    }
}
