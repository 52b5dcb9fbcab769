using System.Text.Json;
using IomAssistant.Bot.Api;
using IomAssistant.Bot.Gaps;
using IomAssistant.Bot.Hosting;
using IomAssistant.Knowledge;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Bot.Cli;

/// <summary>
/// Command-line verbs on the same program: `ask "question" [--json] [--explain]`, `index` and
/// `report` (the knowledge gaps).
/// They read ./appsettings.json and the environment like the web app.
/// </summary>
public static class CliCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool IsCliVerb(string[] args) => args.Length > 0 && args[0] is "ask" or "index" or "report";

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (args[0] == "report")
            return Task.FromResult(GapsReport.Run(args, configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions(), output, errors));
        var options = configuration.GetSection(KnowledgeOptions.Section).Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        var knowledgePath = Path.GetFullPath(options.Path);
        var indexPath = Path.GetFullPath(options.IndexPath);
        try
        {
            return Task.FromResult(args[0] == "index"
                ? Index(knowledgePath, indexPath, output)
                : Ask(args.Skip(1).ToArray(), knowledgePath, indexPath, output, errors));
        }
        catch (KnowledgeException e)
        {
            errors.WriteLine($"The knowledge in {knowledgePath} cannot be used:");
            errors.WriteLine(e.Message);
            return Task.FromResult(1);
        }
    }

    private static int Index(string knowledgePath, string indexPath, TextWriter output)
    {
        var progress = new Progress(output);
        var knowledge = KnowledgeBase.Load(knowledgePath, progress);
        using var index = KnowledgeIndex.Open(knowledge, indexPath, progress);
        output.WriteLine($"documents: {knowledge.Documents.Count}");
        output.WriteLine($"passages:  {knowledge.Documents.Sum(d => d.Passages.Count)}");
        output.WriteLine($"entities:  {knowledge.Entities.Count} ({string.Join(", ", knowledge.Entities.GroupBy(e => e.Kind).Select(g => $"{g.Count()} {g.Key}"))})");
        output.WriteLine($"facts:     {knowledge.Entities.Sum(e => e.Facts.Count)}, every quote found in its document");
        output.WriteLine($"index:     {index.Folder} ({(index.Built ? "built" : index.DocumentsUpdatedAtOpen > 0 ? $"reused, {index.DocumentsUpdatedAtOpen} changed documents updated" : "unchanged, reused")})");
        return 0;
    }

    private static int Ask(string[] args, string knowledgePath, string indexPath, TextWriter output, TextWriter errors)
    {
        var asJson = args.Contains("--json");
        var explain = args.Contains("--explain");
        var question = string.Join(' ', args.Where(a => a is not ("--json" or "--explain")));
        if (string.IsNullOrWhiteSpace(question))
        {
            errors.WriteLine("usage: ask \"question\" [--json] [--explain]");
            return 2;
        }
        var knowledge = KnowledgeBase.Load(knowledgePath);
        using var index = KnowledgeIndex.Open(knowledge, indexPath);
        var engine = new AnswerEngine(knowledge, index);
        if (explain)
            foreach (var line in engine.Explain(question))
                output.WriteLine("# " + line);
        var result = engine.Ask(question);
        if (asJson)
            output.WriteLine(JsonSerializer.Serialize(new AskResponse(result.Answer, result.Suggestions, result.Language), Json));
        else
            output.Write(AnswerText.Render(result));
        return 0;
    }

    private sealed class Progress(TextWriter output) : IProgress<string>
    {
        public void Report(string value) => output.WriteLine("  " + value);
    }
}
