using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Gaps;
using Microsoft.Extensions.Logging.Abstractions;

namespace IomAssistant.Bot.Tests.Gaps;

/// <summary>The background writer in front of the SQLite store, on a real file.</summary>
public sealed class QueuedGapRecorderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "iom-gap-queue-" + Guid.NewGuid().ToString("N"));
    private KnowledgeGapStore Store() => new(Path.Combine(_folder, "assistant.db"), recordQuestionText: true, NullLogger.Instance);

    [Fact]
    public async Task Records_queued_while_running_and_drains_the_queue_when_stopping()
    {
        var recorder = new QueuedGapRecorder(Store(), NullLogger<QueuedGapRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < 2000; i++)
            recorder.RecordUnanswered(new UnansweredQuestion("api", $"question {i % 10}", "en", at));
        recorder.Record(new FeedbackEntry("teams", "IOM Regional Office for South America", "staff?", false, at));
        await recorder.StopAsync(CancellationToken.None);

        var top = Store().TopUnanswered(20, at.AddMinutes(-1));
        Assert.Equal(10, top.Count);
        Assert.Equal(2000, top.Sum(g => g.Count));
        Assert.Single(Store().TopNotHelpful(5, at.AddMinutes(-1)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
