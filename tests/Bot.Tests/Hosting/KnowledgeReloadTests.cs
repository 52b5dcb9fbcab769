using System.Net.Http.Json;
using System.Text.Json;
using IomAssistant.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IomAssistant.Bot.Tests.Hosting;

/// <summary>A copy of the repository's knowledge in a temporary folder, served by the real app.</summary>
public class CopiedKnowledgeFactory : BotFactory
{
    public string KnowledgePath { get; } = Path.Combine(Path.GetTempPath(), "iom-knowledge-" + Guid.NewGuid().ToString("N"));
    public string IndexPath { get; } = Path.Combine(Path.GetTempPath(), "iom-index-" + Guid.NewGuid().ToString("N"));

    public CopiedKnowledgeFactory()
    {
        Directory.CreateDirectory(KnowledgePath);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "knowledge")))
            File.Copy(file, Path.Combine(KnowledgePath, Path.GetFileName(file)));
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Knowledge:Path"] = KnowledgePath,
        ["Knowledge:IndexPath"] = IndexPath,
        // The test server has no ports: /readyz is served beside the product (the ports have tests of their own).
        ["Management:Urls"] = "",
    };

    public KnowledgeEngineHost Host => Services.GetRequiredService<KnowledgeEngineHost>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var dir in new[] { KnowledgePath, IndexPath })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}

public class KnowledgeReloadTests : IDisposable
{
    private readonly CopiedKnowledgeFactory _factory = new();
    private readonly HttpClient _client;

    public KnowledgeReloadTests() => _client = _factory.CreateClient();

    private async Task<JsonElement> AskAsync(string question)
    {
        var response = await _client.PostAsJsonAsync("/api/ask", new { question });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private string Catalog => Path.Combine(_factory.KnowledgePath, "catalog.yaml");

    [Fact]
    public async Task A_broken_catalog_is_rejected_and_the_old_knowledge_keeps_serving()
    {
        var good = await File.ReadAllTextAsync(Catalog);
        await File.WriteAllTextAsync(Catalog, good.Replace("quote: \"515 Staff\"", "quote: \"600 Staff\""));

        Assert.False(await _factory.Host.ReloadAsync());

        var answer = await AskAsync("How many staff work at the Regional Office for South America?");
        Assert.Equal("515", answer.GetProperty("answer").GetProperty("facts")[0].GetProperty("value").GetString());
        // Still healthy on the public port, which says nothing more; the failure is on /readyz.
        Assert.Equal("ok", await _client.GetStringAsync("/healthz"));
        var ready = JsonDocument.Parse(await _client.GetStringAsync("/readyz")).RootElement;
        Assert.Contains("600 Staff", ready.GetProperty("lastUpdate").GetProperty("error").GetString());
        Assert.Contains("catalog.yaml", ready.GetProperty("lastUpdate").GetProperty("error").GetString());

        await File.WriteAllTextAsync(Catalog, good);
        Assert.True(await _factory.Host.ReloadAsync());
        Assert.Equal("ok", await _client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task A_malformed_catalog_is_reported_with_its_line()
    {
        await File.AppendAllTextAsync(Catalog, "\n  - id: [broken\n");
        Assert.False(await _factory.Host.ReloadAsync());
        Assert.Matches(@"catalog\.yaml, line \d+", _factory.Host.Status.UpdateError);
        Assert.True(_factory.Host.IsReady);
    }

    [Fact]
    public async Task An_unreadable_document_is_rejected()
    {
        await File.WriteAllTextAsync(Path.Combine(_factory.KnowledgePath, "truncated.pdf"), "%PDF-1.7\n1 0 obj <<");
        Assert.False(await _factory.Host.ReloadAsync());
        Assert.Contains("truncated.pdf", _factory.Host.Status.UpdateError);
    }

    [Fact]
    public async Task A_new_document_is_answered_after_the_folder_changes()
    {
        var before = _factory.Host.Status.ContentHash;
        await File.WriteAllTextAsync(Path.Combine(_factory.KnowledgePath, "onboarding.md"),
            "# Onboarding\n\nNew staff complete the mandatory security induction during their first week.\n");

        // The folder is watched: the change is picked up without a call.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_factory.Host.Status.ContentHash == before && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.NotEqual(before, _factory.Host.Status.ContentHash);

        var answer = await AskAsync("What is the mandatory security induction?");
        Assert.Contains("first week", answer.GetProperty("answer").GetProperty("text").GetString());
    }

    private async Task WaitForHashChangeAsync(string? before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_factory.Host.Status.ContentHash == before && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.NotEqual(before, _factory.Host.Status.ContentHash);
    }

    [Fact]
    public async Task An_edited_document_is_applied_in_place_and_a_catalog_change_rebuilds_the_index()
    {
        var indexFolder = Assert.Single(Directory.GetDirectories(_factory.IndexPath));
        var document = Path.Combine(_factory.KnowledgePath, "wellbeing.txt");
        var before = _factory.Host.Status.ContentHash;
        await File.WriteAllTextAsync(document, "Staff Wellbeing\n\nThe regional office offers monthly mindfulness sessions to its staff.\n");
        await WaitForHashChangeAsync(before);
        Assert.Contains("mindfulness", (await AskAsync("Are there mindfulness sessions?")).GetProperty("answer").GetProperty("text").GetString());

        before = _factory.Host.Status.ContentHash;
        await File.WriteAllTextAsync(document, "Staff Wellbeing\n\nThe regional office offers weekly yoga classes to its staff.\n");
        await WaitForHashChangeAsync(before);
        Assert.Contains("yoga", (await AskAsync("Are there yoga classes?")).GetProperty("answer").GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, (await AskAsync("Are there mindfulness sessions?")).GetProperty("answer").ValueKind);
        // Same index folder: the document was replaced in place, not rebuilt.
        Assert.Equal(indexFolder, Assert.Single(Directory.GetDirectories(_factory.IndexPath)));

        before = _factory.Host.Status.ContentHash;
        await File.AppendAllTextAsync(Catalog, "\n# reviewed\n");
        await WaitForHashChangeAsync(before);
        Assert.DoesNotContain(indexFolder, Directory.GetDirectories(_factory.IndexPath));
        Assert.Contains("yoga", (await AskAsync("Are there yoga classes?")).GetProperty("answer").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_document_change_that_breaks_a_quote_is_rejected_and_the_old_knowledge_keeps_serving()
    {
        var document = Path.Combine(_factory.KnowledgePath, "iom-ro-south-america.txt");
        await File.WriteAllTextAsync(document, (await File.ReadAllTextAsync(document)).Replace("515 Staff", "600 Staff"));

        Assert.False(await _factory.Host.UpdateDocumentsAsync(["iom-ro-south-america.txt"]));
        Assert.Contains("515 Staff", _factory.Host.Status.UpdateError);
        var answer = await AskAsync("How many staff work at the Regional Office for South America?");
        Assert.Equal("515", answer.GetProperty("answer").GetProperty("facts")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_missing_or_corrupt_index_folder_is_rebuilt_at_start()
    {
        var indexFolder = Directory.GetDirectories(_factory.IndexPath).Single();
        _factory.Dispose();

        using var restarted = new CopiedKnowledgeFactory();
        Directory.CreateDirectory(restarted.IndexPath);
        var stale = Path.Combine(restarted.IndexPath, Path.GetFileName(indexFolder));
        Directory.CreateDirectory(stale);
        await File.WriteAllTextAsync(Path.Combine(stale, "ready"), "x");
        await File.WriteAllTextAsync(Path.Combine(stale, "segments_1"), "truncated");
        await File.WriteAllTextAsync(Path.Combine(stale, "write.lock"), "");

        var client = restarted.CreateClient();
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        var response = await client.PostAsJsonAsync("/api/ask", new { question = "When was IOM established?" });
        Assert.Contains("1951", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _factory.Dispose();
}
