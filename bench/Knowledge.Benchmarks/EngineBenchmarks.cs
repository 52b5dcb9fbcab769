using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Benchmarks;

/// <summary>
/// Latency and allocations of the answer engine over a fixed question mix (the answer test
/// set and the questions it must refuse), by language, one question per call.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private AnswerEngine _engine = null!;
    private KnowledgeIndex _index = null!;
    private string[] _questions = [];
    private int _next;
    private string _indexPath = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = Repository.Root();
        _indexPath = Path.Combine(Path.GetTempPath(), "iom-bench-" + Guid.NewGuid().ToString("N"));
        var knowledge = KnowledgeBase.Load(Path.Combine(root, "knowledge"));
        _index = KnowledgeIndex.Open(knowledge, _indexPath);
        _engine = new AnswerEngine(knowledge, _index, rememberedAnswers: 0);
        var languages = Languages.Split(',');
        _questions = new[] { "questions.jsonl", "refusals.jsonl" }
            .SelectMany(file => File.ReadLines(Path.Combine(root, "tests", "Knowledge.Tests", "Answers", file)))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(c => languages.Contains(c.GetProperty("lang").GetString()))
            .Select(c => c.GetProperty("q").GetString()!)
            .ToArray();
    }

    /// <summary>English questions, or questions carried to English (Spanish, Portuguese), or the typo set.</summary>
    [Params("en", "es,pt", "typo")]
    public string Languages { get; set; } = "en";

    [Benchmark(Description = "Ask: one question of the mix")]
    public AskResult Ask() => _engine.Ask(_questions[_next++ % _questions.Length]);

    [GlobalCleanup]
    public void Cleanup()
    {
        _index.Dispose();
        Directory.Delete(_indexPath, recursive: true);
    }
}

/// <summary>Reading, cleaning, checking and indexing the whole knowledge folder.</summary>
[MemoryDiagnoser]
public class IngestionBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = Repository.Root();

    [Benchmark(Description = "Load knowledge (read, clean, check quotes)")]
    public KnowledgeBase Load() => KnowledgeBase.Load(Path.Combine(_root, "knowledge"));

    [Benchmark(Description = "Load and build the index")]
    public void LoadAndIndex()
    {
        var path = Path.Combine(Path.GetTempPath(), "iom-bench-index-" + Guid.NewGuid().ToString("N"));
        using (KnowledgeIndex.Open(KnowledgeBase.Load(Path.Combine(_root, "knowledge")), path)) { }
        Directory.Delete(path, recursive: true);
    }
}

internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IomAssistant.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
