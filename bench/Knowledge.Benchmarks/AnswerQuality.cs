using System.Text.Json;
using System.Text.RegularExpressions;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Benchmarks;

/// <summary>
/// Scores question sets against the engine in process, judged as the HTTP scorer judges
/// /api/ask: every "expect" pattern must match the answer's visible text (title, text and
/// facts, at most 1,500 characters), no "forbid" pattern may, and "none" wants no answer.
/// usage: quality --knowledge DIR [--add DIR] [--verbose] SET.jsonl[,MORE.jsonl]
/// --add copies DIR's documents into a temporary copy of the knowledge, as a content owner
/// would drop them in.
/// </summary>
public static class AnswerQuality
{
    private const int MaxVisibleChars = 1500;

    public static int Run(string[] args)
    {
        var root = Repository.Root();
        var knowledgePath = Option(args, "--knowledge") ?? Path.Combine(root, "knowledge");
        var verbose = args.Contains("--verbose");
        var sets = args.Last().Split(',');
        var folder = knowledgePath;
        if (Option(args, "--add") is { } extra)
        {
            folder = Path.Combine(Path.GetTempPath(), "iom-quality-" + Guid.NewGuid().ToString("N"));
            CopyFolder(knowledgePath, folder);
            foreach (var file in Directory.EnumerateFiles(extra).Where(f => Path.GetFileName(f) != "SOURCES.md"))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        var knowledge = KnowledgeBase.Load(folder);
        var indexPath = Path.Combine(Path.GetTempPath(), "iom-quality-index-" + Guid.NewGuid().ToString("N"));
        using var index = KnowledgeIndex.Open(knowledge, indexPath);
        var engine = new AnswerEngine(knowledge, index, rememberedAnswers: 0);

        foreach (var set in sets)
        {
            var byLanguage = new SortedDictionary<string, (int Good, int Total)>();
            var passed = 0;
            // Of the misses: a wrong card or passage shown, or a question the documents answer refused.
            var (wrong, refused) = (0, 0);
            var (kindsRight, kindsAsked) = (0, 0);
            var cases = File.ReadLines(set).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            foreach (var c in cases)
            {
                var answer = engine.Ask(c.GetProperty("q").GetString()!).Answer;
                var (ok, why) = Judge(c, answer);
                // As the HTTP scorer counts it: of the answered questions that name a card kind, how many got it.
                if (c.TryGetProperty("kind", out var kind) && answer is not null)
                {
                    kindsAsked++;
                    kindsRight += answer.Kind == kind.GetString() ? 1 : 0;
                    if (verbose && answer.Kind != kind.GetString())
                        Console.WriteLine($"KIND {c.GetProperty("q").GetString()} -- expected {kind.GetString()}, got {answer.Kind} '{answer.Title}'");
                }
                var lang = c.TryGetProperty("lang", out var l) ? l.GetString()! : "?";
                var (g, t) = byLanguage.GetValueOrDefault(lang);
                byLanguage[lang] = (g + (ok ? 1 : 0), t + 1);
                passed += ok ? 1 : 0;
                wrong += !ok && answer is not null ? 1 : 0;
                refused += !ok && answer is null ? 1 : 0;
                if (!ok && verbose)
                {
                    Console.WriteLine($"FAIL {c.GetProperty("id")} [{lang}] {c.GetProperty("q")} -- {why}");
                    if (args.Contains("--explain"))
                        foreach (var line in engine.Explain(c.GetProperty("q").GetString()!))
                            Console.WriteLine("    " + line);
                }
            }
            Console.WriteLine($"== {Path.GetFileName(set)}: " + string.Join(", ", byLanguage.Select(x => $"{x.Key} {x.Value.Good}/{x.Value.Total}")) + $"; accuracy: {passed}/{cases.Count}" + (kindsAsked > 0 ? $"; card kind right: {kindsRight}/{kindsAsked}" : "") + $"; wrong {wrong}, refused {refused}");
        }
        return 0;
    }

    private static (bool Ok, string Why) Judge(JsonElement c, Answer? answer)
    {
        var none = c.TryGetProperty("none", out var n) && n.GetBoolean();
        var expect = c.TryGetProperty("expect", out var e) ? e.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        var forbid = c.TryGetProperty("forbid", out var f) ? f.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        if (none)
            return answer is null ? (true, "") : (false, $"expected no answer, got '{answer.Title}'");
        if (answer is null)
            return expect.Count > 0 ? (false, "no answer") : (true, "");
        var text = string.Join("\n", new[] { answer.Title, answer.Text }.Where(s => !string.IsNullOrEmpty(s))
            .Concat(answer.Facts.Select(x => $"{x.Label}: {x.Value}")));
        if (text.Length > MaxVisibleChars)
            return (false, $"answer is {text.Length} chars");
        foreach (var pattern in expect.Where(p => !Regex.IsMatch(text, p)))
            return (false, $"missing /{pattern}/ in '{answer.Title}'");
        foreach (var pattern in forbid.Where(p => Regex.IsMatch(text, p)))
            return (false, $"forbidden /{pattern}/ in '{answer.Title}'");
        return (true, "");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
