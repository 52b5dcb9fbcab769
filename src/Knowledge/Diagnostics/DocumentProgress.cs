using System.Globalization;

namespace IomAssistant.Knowledge.Diagnostics;

/// <summary>
/// Progress over many documents, reported by count: every document of a small knowledge, but
/// only each tenth of a large one, so ten thousand reports do not queue on one console.
/// Safe to call from several threads.
/// </summary>
public sealed class DocumentProgress(IProgress<string>? progress, string verb, int total)
{
    private const int ReportedOneByOne = 50;
    private readonly int _step = total <= ReportedOneByOne ? 1 : (total + 9) / 10;
    private int _done;

    /// <summary>One more document is through; <paramref name="name"/> is reported only while each is.</summary>
    public void Done(string name) => Count(name);

    /// <summary>One more document needed nothing (an index remembered it): counted, never named.</summary>
    public void Skipped() => Count(null);

    private void Count(string? name)
    {
        if (progress is null)
            return;
        var done = Interlocked.Increment(ref _done);
        if (_step == 1)
        {
            if (name is not null)
                progress.Report($"{verb} {name}");
        }
        else if (done % _step == 0 || done == total)
            progress.Report(string.Create(CultureInfo.InvariantCulture, $"{verb} {done:N0} of {total:N0} documents"));
    }
}
