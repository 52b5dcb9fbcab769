using System.Diagnostics;
using System.Text.Json;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Audiences;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Benchmarks;

/// <summary>
/// Figures for one knowledge folder, in one process: load time, index build (or reuse) time
/// and throughput, per-question latency percentiles over rounds of a question mix, allocations
/// per question, and process memory.
/// With --update-one, also the time to apply one edited document in place (re-read, replace
/// its passages, commit, refresh, new vocabulary) until a search finds the new text; the
/// document is appended to, then restored, so use it on a disposable copy of the knowledge.
/// With --hostile, also the cost of the worst questions one can construct, against the median;
/// with --random N, the memory growth over N unique random questions.
/// usage: figures [--knowledge DIR] [--index DIR] [--questions FILE.jsonl|FILE.txt] [--rounds N] [--update-one] [--hostile] [--random N]
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
        // Documents an index there remembers unchanged are not read again, as the bot starts.
        var knowledge = KnowledgeBase.Load(knowledgePath, indexRoot: indexPath);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var textBytes = knowledge.Documents.Sum(d => d.Size);
        Console.WriteLine($"knowledge: {knowledge.Documents.Count} documents, {knowledge.Documents.Sum(d => d.Passages)} passages, {textBytes / 1e6:F1} MB of documents");
        Console.WriteLine($"load ({knowledge.ReadDocuments.Count} documents read, cleaned, checked): {loadSeconds:F2} s, {textBytes / 1e6 / loadSeconds:F1} MB/s");

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
        if (args.Contains("--hostile"))
            MeasureHostileQuestions(engine, questions);
        if (Option(args, "--random") is { } random)
            MeasureRandomQuestions(knowledge, index, int.Parse(random));
        if (args.Contains("--update-one"))
            MeasureOneDocumentUpdate(knowledgePath, knowledge, index, engine);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"memory: working set {process.WorkingSet64 / 1e6:F0} MB, peak {process.PeakWorkingSet64 / 1e6:F0} MB, managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1e6:F0} MB");
        if (Option(args, "--index") is null)
            Directory.Delete(indexPath, recursive: true);
        return 0;
    }

    /// <summary>
    /// The costliest questions one can construct against the bounds (many long made-up words
    /// to correct and look up, many words of the knowledge at once, Spanish-looking gibberish,
    /// 2,000 characters of one word), each answered anew, against the median question of the mix.
    /// </summary>
    private static void MeasureHostileQuestions(AnswerEngine engine, string[] questions)
    {
        var random = new Random(7);
        string Word(int length) => new(Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var vocabulary = string.Join(" ", questions.SelectMany(q => q.Split(' ')).Distinct().Take(200));
        var hostile = new Dictionary<string, string>
        {
            ["64 made-up words of 20 letters"] = string.Join(" ", Enumerable.Range(0, 64).Select(_ => Word(20))),
            ["one word of 1,990 letters"] = Word(1990),
            ["200 words of the knowledge"] = vocabulary,
            ["Spanish-looking gibberish"] = "¿" + string.Join(" ", Enumerable.Range(0, 60).Select(_ => Word(9) + "ción")) + "?",
            ["typos of every word"] = string.Join(" ", questions.Take(30).SelectMany(q => q.Split(' ')).Select(w => w.Length > 4 ? w[..^1] + "x" : w)),
        };
        var normal = new double[questions.Length];
        for (var i = 0; i < questions.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            engine.Ask(questions[i]);
            normal[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(normal);
        var median = Percentile(normal, 0.5);
        Console.WriteLine($"median question of the mix: {median:F0} µs");
        foreach (var (name, text) in hostile)
        {
            var runs = new double[5];
            for (var r = 0; r < runs.Length; r++)
            {
                var start = Stopwatch.GetTimestamp();
                engine.Ask(text + (r == 0 ? "" : " " + r));
                runs[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            Array.Sort(runs);
            Console.WriteLine($"hostile, {name}: median {runs[2]:F0} µs, {runs[2] / median:F1}x the median question");
        }
    }

    /// <summary>
    /// Memory after <paramref name="count"/> unique random questions (a stream of gibberish, as
    /// an attacker would send), through the engine with its answer cache on: every cache must
    /// stay bounded.
    /// </summary>
    private static void MeasureRandomQuestions(KnowledgeBase knowledge, KnowledgeIndex index, int count)
    {
        var cached = new AnswerEngine(knowledge, index);
        var random = new Random(11);
        string Word() => new(Enumerable.Range(0, random.Next(3, 14)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
            cached.Ask(string.Join(" ", Enumerable.Range(0, random.Next(2, 12)).Select(_ => Word())) + "?", null, i % 3 == 0 ? "es-AR" : null);
        GC.Collect();
        process.Refresh();
        Console.WriteLine($"{count:N0} unique random questions in {clock.Elapsed.TotalSeconds:F0} s: working set {before / 1e6:F0} -> {process.WorkingSet64 / 1e6:F0} MB " +
                          $"(+{(process.WorkingSet64 - before) / 1e6:F0} MB), managed heap {heapBefore / 1e6:F0} -> {GC.GetTotalMemory(forceFullCollection: true) / 1e6:F0} MB");
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
                var found = index.Search([marker], [], "", 1, Audience.Public).Count == 1;
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
