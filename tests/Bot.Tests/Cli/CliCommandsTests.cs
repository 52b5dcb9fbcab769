using System.Text.Json;
using IomAssistant.Bot.Cli;

namespace IomAssistant.Bot.Tests.Cli;

/// <summary>The CLI verbs read ./appsettings.json and ./knowledge from the working folder.</summary>
[Collection(nameof(WorkingFolder))]
public class CliCommandsTests : IDisposable
{
    private readonly string _previous = Directory.GetCurrentDirectory();
    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), "iom-cli-tests-" + Guid.NewGuid().ToString("N"));

    public CliCommandsTests()
    {
        Directory.SetCurrentDirectory(BotFactory.RepositoryRoot);
        Environment.SetEnvironmentVariable("Knowledge__IndexPath", _indexPath);
    }

    private static async Task<(int Code, string Output, string Errors)> Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CliCommands.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Ask_prints_the_card_as_text()
    {
        var (code, output, _) = await Run("ask", "How many projects does the regional office run?");
        Assert.Equal(0, code);
        Assert.Contains("IOM Regional Office for South America", output);
        Assert.Contains("Projects: 169", output);
        Assert.Contains("Source: iom-ro-south-america.txt", output);
    }

    [Fact]
    public async Task Ask_json_prints_the_api_body()
    {
        var (code, output, _) = await Run("ask", "--json", "¿Cuándo se fundó la OIM?");
        Assert.Equal(0, code);
        var body = JsonDocument.Parse(output).RootElement;
        Assert.Equal("1951", body.GetProperty("answer").GetProperty("facts")[0].GetProperty("value").GetString());
        Assert.Equal("es", body.GetProperty("language").GetString());
    }

    [Fact]
    public async Task Ask_without_a_question_prints_usage()
    {
        var (code, _, errors) = await Run("ask");
        Assert.Equal(2, code);
        Assert.Contains("usage", errors);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_not_part_of_the_question()
    {
        var (code, output, errors) = await Run("ask", "--jsn", "How many staff?");

        Assert.Equal(2, code);
        Assert.Contains("Unknown option '--jsn'", errors);
        Assert.Contains("ask --help", errors);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Ask_explain_prints_the_stages_before_the_card()
    {
        var (code, output, _) = await Run("ask", "How", "many", "projects", "does", "the", "regional", "office", "run?", "--explain");

        Assert.Equal(0, code);
        Assert.StartsWith("# ", output);
        Assert.Contains("beyond names", output);
        Assert.Contains("Projects: 169", output);
    }

    [Fact]
    public async Task Help_lists_the_verbs_and_each_verbs_options()
    {
        var (code, output, _) = await Run("--help");
        var (askCode, askHelp, _) = await Run("ask", "--help");
        var (reportCode, reportHelp, _) = await Run("report", "--help");

        Assert.Equal((0, 0, 0), (code, askCode, reportCode));
        Assert.Contains("ask", output);
        Assert.Contains("index", output);
        Assert.Contains("report", output);
        Assert.Contains("--json", askHelp);
        Assert.Contains("--explain", askHelp);
        Assert.Contains("--top", reportHelp);
        Assert.Contains("--days", reportHelp);
    }

    [Theory]
    [InlineData("--days", "0", "--days")]
    [InlineData("--top", "-3", "--top")]
    [InlineData("--top", "many", "--top")]
    [InlineData("--weeks", "2", "--weeks")]
    public async Task Report_options_are_typed(string option, string value, string named)
    {
        var (code, _, errors) = await Run("report", option, value);

        Assert.Equal(2, code);
        Assert.Contains(named, errors);
    }

    [Fact]
    public async Task Index_reports_what_was_ingested()
    {
        var (code, output, _) = await Run("index");
        Assert.Equal(0, code);
        Assert.Contains("documents: 1", output);
        Assert.Contains("every quote found", output);
    }

    [Fact]
    public async Task Index_report_lists_per_document_what_was_found_with_quotes()
    {
        var (code, output, _) = await Run("index", "--report");

        Assert.Equal(0, code);
        Assert.Contains("iom-ro-south-america.txt: ", output);
        Assert.Contains("adds to the catalog's card 'IOM Regional Office for South America'", output);
        Assert.Contains("Staff: 515  \"515 Staff\"", output);
    }

    [Fact]
    public async Task Index_fails_with_the_provenance_error_and_a_non_zero_exit()
    {
        var broken = Path.Combine(Path.GetTempPath(), "iom-cli-broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "a.txt"), "IOM has 515 staff.\n");
        File.WriteAllText(Path.Combine(broken, "catalog.yaml"), "attributes:\n  - id: staff\n    label: { en: Staff }\n    keywords: [staff]\nentities:\n  - id: ro\n    kind: office\n    names: { en: RO }\n    document: a.txt\n    facts:\n      - attribute: staff\n        value: \"600\"\n        quote: \"600 staff\"\n");
        Environment.SetEnvironmentVariable("Knowledge__Path", broken);
        try
        {
            var (code, _, errors) = await Run("index");
            Assert.Equal(1, code);
            Assert.Contains("entity 'ro', fact 'staff'", errors);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Knowledge__Path", null);
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public async Task Ask_sees_the_documents_of_every_audience()
    {
        using var knowledge = new Audiences.StaffKnowledgeFolder();
        Environment.SetEnvironmentVariable("Knowledge__Path", knowledge.Folder);
        try
        {
            var (code, output, _) = await Run("ask", "What is the duty officer code word?");
            Assert.Equal(0, code);
            Assert.Contains("ZEPHYR-7", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Knowledge__Path", null);
        }
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("Knowledge__IndexPath", null);
        Directory.SetCurrentDirectory(_previous);
        try { Directory.Delete(_indexPath, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Tests that change the process's working folder or environment run one at a time.</summary>
[CollectionDefinition(nameof(WorkingFolder), DisableParallelization = true)]
public sealed class WorkingFolder;
