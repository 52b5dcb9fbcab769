using System.Diagnostics;
using System.Text.Json;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Benchmarks;

/// <summary>
/// Figures for one knowledge folder, in one process: load time, index build (or reuse) time
/// and throughput, per-question latency percentiles over rounds of a question mix, allocations
/// per question, and process memory.
/// With --update-one, also the time to apply one edited document in place (re-read, replace
/// its passages, commit, refresh, new vocabulary) until a search finds the new text; the
/// document is appended to, then restored, so use it on a disposable copy of the knowledge.
/// usage: figures [--knowledge DIR] [--index DIR] [--questions FILE.jsonl|FILE.txt] [--rounds N] [--update-one]
/// </summary>
public static class KnowledgeFigures
{
    public static int Run(string[] args)
    {
        var root = Repository.Root();
        var knowledgePath = Option(args, "--knowledge") ?? Path.Combine(root, "knowledge");
        var indexPath = Option(args, "--index") ?? Path.Combine(Path.GetTempPath(), "iom-figures-" + Guid.NewGuid().ToString("N"));
        var questionsPath = Option(args, "--questions") ?? Path.Combine(root, "tests", "Knowledge.Tests", "Answers", "questions.jsonl");
        var rounds = int.Parse(Option(args, "--rounds") ?? "5");

        var clock = Stopwatch.StartNew();
        var knowledge = KnowledgeBase.Load(knowledgePath);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var textBytes = knowledge.Documents.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d.PlainText));
        Console.WriteLine($"knowledge: {knowledge.Documents.Count} documents, {knowledge.Documents.Sum(d => d.Passages.Count)} passages, {textBytes / 1e6:F1} MB of clean text");
        Console.WriteLine($"load (read, clean, check): {loadSeconds:F2} s, {textBytes / 1e6 / loadSeconds:F1} MB/s");

        clock.Restart();
        using var index = KnowledgeIndex.Open(knowledge, indexPath);
        var indexSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(index.Built
            ? $"index build: {indexSeconds:F2} s, {textBytes / 1e6 / indexSeconds:F1} MB/s; load + build {textBytes / 1e6 / (loadSeconds + indexSeconds):F1} MB/s"
            : $"index reused: {indexSeconds:F2} s");

        clock.Restart();
        // Every question answered anew: this measures the engine, not its answer cache.
        var engine = new AnswerEngine(knowledge, index, rememberedAnswers: 0);
        Console.WriteLine($"engine start: {clock.Elapsed.TotalMilliseconds:F0} ms");

        var questions = ReadQuestions(questionsPath);
        // Warm up until the JIT has tiered up the hot paths.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(3);)
            foreach (var q in questions) engine.Ask(q);

        for (var round = 1; round <= rounds; round++)
        {
            var micros = new double[questions.Length];
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < questions.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                engine.Ask(questions[i]);
                micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / questions.Length;
            Array.Sort(micros);
            Console.WriteLine($"round {round}: {questions.Length} questions, mean {micros.Average():F0} µs, p50 {Percentile(micros, 0.5):F0} µs, p99 {Percentile(micros, 0.99):F0} µs, max {micros[^1]:F0} µs, {bytes / 1024.0:F1} KB allocated per question");
        }
        if (args.Contains("--update-one"))
            MeasureOneDocumentUpdate(knowledgePath, knowledge, index, engine);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"memory: working set {process.WorkingSet64 / 1e6:F0} MB, peak {process.PeakWorkingSet64 / 1e6:F0} MB, managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1e6:F0} MB");
        if (Option(args, "--index") is null)
            Directory.Delete(indexPath, recursive: true);
        return 0;
    }

    private static void MeasureOneDocumentUpdate(string knowledgePath, KnowledgeBase knowledge, KnowledgeIndex index, AnswerEngine engine)
    {
        var name = knowledge.Documents[knowledge.Documents.Count / 2].Name;
        var path = Path.Combine(knowledgePath, name);
        var original = File.ReadAllText(path);
        try
        {
            for (var round = 1; round <= 3; round++)
            {
                var marker = $"zebrafinch{round}";
                File.WriteAllText(path, original + $"\nField Notes\n\nThe team observed a {marker} colony near the border post.\n");
                var clock = Stopwatch.StartNew();
                var updated = knowledge.WithDocumentsReread(knowledgePath, [name]);
                var changed = index.Update(updated);
                var next = engine.WithDocumentChanges(updated);
                var found = index.Search([marker], [], "", 1).Count == 1;
                Console.WriteLine($"update one document in place ({name}, {changed} changed): {clock.Elapsed.TotalMilliseconds:F0} ms, new text {(found ? "found" : "NOT found")}");
                (knowledge, engine) = (updated, next);
            }
        }
        finally
        {
            File.WriteAllText(path, original);
            index.Update(knowledge.WithDocumentsReread(knowledgePath, [name]));
        }
    }

    private static string[] ReadQuestions(string path) => File.ReadLines(path)
        .Where(l => l.Trim().Length > 0)
        .Select(l => path.EndsWith(".jsonl") ? JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()! : l.Trim())
        .ToArray();

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
