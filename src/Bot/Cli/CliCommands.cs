using System.CommandLine;
using System.Text.Json;
using IomAssistant.Bot.Api;
using IomAssistant.Bot.Gaps;
using IomAssistant.Bot.Hosting;
using IomAssistant.Knowledge;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Extraction;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Bot.Cli;

/// <summary>
/// Command-line verbs on the same program: `ask "question" [--json] [--explain]`, `index [--report]` and
/// `report [--top N] [--days N]` (the knowledge gaps), parsed with System.CommandLine (help with
/// --help). They read ./appsettings.json and the environment like the web app. Exit codes: 0 done,
/// 1 the knowledge cannot be used, 2 a usage error (unknown option, missing question, bad value).
/// </summary>
public static class CliCommands
{
    public const int UsageError = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] Verbs = ["ask", "index", "report", "--help", "-h", "-?"];

    /// <summary>Whether the arguments are a CLI verb rather than the web app's own (e.g. --urls).</summary>
    public static bool IsCliVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var parsed = Commands(configuration, output, errors).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                errors.WriteLine(error.Message);
            errors.WriteLine($"Run '{HelpFor(parsed)}' for usage.");
            return UsageError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
    }

    private static string HelpFor(ParseResult parsed) =>
        parsed.CommandResult.Command is RootCommand ? "--help" : parsed.CommandResult.Command.Name + " --help";

    private static RootCommand Commands(IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        var question = new Argument<string[]>("question")
        {
            Description = "The question, in English, Spanish or Portuguese (quoted, or as several words).",
            Arity = ArgumentArity.OneOrMore,
        };
        question.Validators.Add(result =>
        {
            // An option misspelled (--jsn, -j) would otherwise be asked as part of the question.
            if (result.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value[0] == '-' && (char.IsLetter(t.Value[1]) || t.Value[1] == '-')) is { } unknown)
                result.AddError($"Unknown option '{unknown.Value}' for 'ask' (options: --json, --explain).");
        });
        var json = new Option<bool>("--json") { Description = "Print the /api/ask response body instead of the card as text." };
        var explain = new Option<bool>("--explain") { Description = "First print what each stage of the engine decided." };
        var ask = new Command("ask", "Answer a question from the knowledge, as the bot would.") { question, json, explain };
        ask.SetAction(parse => WithKnowledge(configuration, errors, (knowledgePath, indexPath) =>
            Ask(string.Join(' ', parse.GetValue(question) ?? []), parse.GetValue(json), parse.GetValue(explain), knowledgePath, indexPath, output, errors)));

        var findings = new Option<bool>("--report") { Description = "Then list, per document, the entities and facts found in it, with their quotes and the card each went to." };
        var index = new Command("index", "Build (or update) the index, with progress, and report what was ingested.") { findings };
        index.SetAction(parse => WithKnowledge(configuration, errors, (knowledgePath, indexPath) => Index(knowledgePath, indexPath, parse.GetValue(findings), output)));

        var top = Positive(new Option<int>("--top") { Description = "How many questions and answers to list.", DefaultValueFactory = _ => 20 });
        var days = Positive(new Option<int>("--days") { Description = "How many days back to look.", DefaultValueFactory = _ => 30 });
        var report = new Command("report", "What content owners should add: the most frequent unanswered questions and the answers marked not helpful.") { top, days };
        report.SetAction(parse => GapsReport.Run(parse.GetValue(top), parse.GetValue(days),
            configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions(), output));

        return new RootCommand("IOM South America knowledge assistant: without a verb, the web app (Teams, Slack, web page, /api/ask).") { ask, index, report };
    }

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            // A value that is no number at all is the parser's own error.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, out var value) && value <= 0)
                result.AddError($"{option.Name} must be a whole number above 0.");
        });
        return option;
    }

    private static int WithKnowledge(IConfiguration configuration, TextWriter errors, Func<string, string, int> run)
    {
        var options = configuration.GetSection(KnowledgeOptions.Section).Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        var knowledgePath = Path.GetFullPath(options.Path);
        try
        {
            return run(knowledgePath, Path.GetFullPath(options.IndexPath));
        }
        catch (KnowledgeException e)
        {
            errors.WriteLine($"The knowledge in {knowledgePath} cannot be used:");
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Index(string knowledgePath, string indexPath, bool withFindings, TextWriter output)
    {
        var progress = new Progress(output);
        var knowledge = KnowledgeBase.Load(knowledgePath, progress, indexPath);
        using var index = KnowledgeIndex.Open(knowledge, indexPath, progress);
        output.WriteLine($"documents: {knowledge.Documents.Count}");
        output.WriteLine($"passages:  {knowledge.Documents.Sum(d => d.Passages)}");
        output.WriteLine($"entities:  {knowledge.Entities.Count} ({string.Join(", ", knowledge.Entities.GroupBy(e => e.Kind).Select(g => $"{g.Count()} {g.Key}"))})");
        output.WriteLine($"facts:     {knowledge.Entities.Sum(e => e.Facts.Count)}, every quote found in its document");
        output.WriteLine($"index:     {index.Folder} ({(index.Built ? "built" : index.DocumentsUpdatedAtOpen > 0 ? $"reused, {index.DocumentsUpdatedAtOpen} changed documents updated" : "unchanged, reused")})");
        if (withFindings)
            FindingsText.Write(ExtractionReport.For(knowledge, knowledge.AllAudiences), output);
        return 0;
    }

    private static int Ask(string question, bool asJson, bool explain, string knowledgePath, string indexPath, TextWriter output, TextWriter errors)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            errors.WriteLine("The question is empty. Run 'ask --help'.");
            return UsageError;
        }
        var knowledge = KnowledgeBase.Load(knowledgePath, indexRoot: indexPath);
        using var index = KnowledgeIndex.Open(knowledge, indexPath);
        var engine = new AnswerEngine(knowledge, index);
        if (explain)
            foreach (var line in engine.Explain(question))
                output.WriteLine("# " + line);
        // The command line is the knowledge's operator: it sees every audience's documents.
        var result = engine.Ask(question, audiences: knowledge.AllAudiences);
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
