using System.Globalization;
using IomAssistant.Bot.Gaps;
using Microsoft.Extensions.Logging.Abstractions;

namespace IomAssistant.Bot.Cli;

/// <summary>
/// `report [--top N] [--days N]`: what content owners should add to the knowledge: the most
/// frequent unanswered questions and the answers people marked not helpful.
/// </summary>
public static class GapsReport
{
    public static int Run(int top, int days, StoreOptions store, TextWriter output)
    {
        var path = Path.GetFullPath(store.SqlitePath);
        if (!store.UsesPostgres && !File.Exists(path))
        {
            output.WriteLine($"Nothing recorded yet: {path} (Store:SqlitePath) does not exist.");
            return 0;
        }
        var gaps = GapStores.Open(store, Directory.GetCurrentDirectory(), NullLoggerFactory.Instance);
        var since = DateTimeOffset.UtcNow.AddDays(-days);

        output.WriteLine($"Unanswered questions, most frequent first (last {days} days, {(store.UsesPostgres ? "PostgreSQL" : path)}):");
        var unanswered = gaps.TopUnanswered(top, since);
        if (unanswered.Count == 0)
            output.WriteLine("  none");
        foreach (var gap in unanswered)
            output.WriteLine($"  {gap.Count,5}  {gap.Text ?? "(text not recorded: Store:RecordQuestionText is false)"}  [last {Day(gap.Last)}]");

        output.WriteLine();
        output.WriteLine("Answers marked not helpful, most often first:");
        var notHelpful = gaps.TopNotHelpful(top, since);
        if (notHelpful.Count == 0)
            output.WriteLine("  none");
        foreach (var answer in notHelpful)
            output.WriteLine($"  {answer.Count,5}  {answer.Text}  [last {Day(answer.Last)}]{(answer.Example is { } q ? $"  e.g. \"{q}\"" : "")}");
        return 0;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
