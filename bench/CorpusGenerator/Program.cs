using System.Text;
using IomAssistant.CorpusGenerator;

// usage: CorpusGenerator --out DIR [--documents 10000] [--seed 42] [--questions FILE]
// Writes DIR/report-NNNNN.txt (about 5 KB each, the messiness of a PDF export) and, with
// --questions, one question per line about what the documents say.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--") && p.i + 1 < args.Length).ToDictionary(p => p.a, p => args[p.i + 1]);
if (!options.TryGetValue("--out", out var output))
{
    Console.Error.WriteLine("usage: CorpusGenerator --out DIR [--documents 10000] [--seed 42] [--questions FILE]");
    return 2;
}
var count = int.Parse(options.GetValueOrDefault("--documents", "10000"));
var seed = int.Parse(options.GetValueOrDefault("--seed", "42"));

Directory.CreateDirectory(output);
var generator = new ReportGenerator(seed);
long bytes = 0;
var questions = new List<string>();
for (var i = 1; i <= count; i++)
{
    var report = generator.Next(i);
    var path = Path.Combine(output, $"report-{i:D5}.txt");
    File.WriteAllText(path, report.Text);
    bytes += Encoding.UTF8.GetByteCount(report.Text);
    questions.AddRange(report.Questions);
}
if (options.TryGetValue("--questions", out var questionsFile))
    File.WriteAllLines(questionsFile, questions.Where((_, i) => i % Math.Max(1, questions.Count / 500) == 0).Take(500));
Console.WriteLine($"{count} documents, {bytes / 1e6:F1} MB in {output}");
return 0;
