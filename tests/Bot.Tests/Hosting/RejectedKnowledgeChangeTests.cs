using System.Net.Http.Json;
using System.Text.Json;
using IomAssistant.Bot.Tests.Observability;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;

namespace IomAssistant.Bot.Tests.Hosting;

/// <summary>
/// Changes to the knowledge folder that must be rejected, as real files: each one is logged,
/// shown on /readyz, and the last good knowledge keeps answering.
/// </summary>
public sealed class RejectedKnowledgeChangeTests : IDisposable
{
    private readonly LoggedKnowledgeFactory _factory = new();
    private readonly HttpClient _client;

    public RejectedKnowledgeChangeTests() => _client = _factory.CreateClient();

    private string InFolder(string name) => Path.Combine(_factory.KnowledgePath, name);

    private async Task AssertRejectedAsync(string mentions, bool documentChange = false, string? document = null)
    {
        Assert.False(documentChange ? await _factory.Host.UpdateDocumentsAsync([document!]) : await _factory.Host.ReloadAsync());

        var ready = JsonDocument.Parse(await _client.GetStringAsync("/readyz")).RootElement;
        Assert.Equal("serving, knowledge update failed", ready.GetProperty("status").GetString());
        var error = ready.GetProperty("lastUpdate").GetProperty("error").GetString();
        Assert.Contains(mentions, error);
        Assert.Contains(_factory.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Knowledge update rejected") && e.Message.Contains(mentions));
        var answer = await _client.PostAsJsonAsync("/api/ask", new { question = "How many staff work at the Regional Office for South America?" });
        Assert.Contains("515", await answer.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("attributes:\nentities:\n", "section 'attributes' is empty")]
    [InlineData("attributes:\n  - id: extra\n    label: { en: Extra }\n    keywords:\nentities: []\n", "attribute 'extra', 'keywords'")]
    [InlineData("attributes: []\nentities:\n  -\n", "entity #1 is empty")]
    public async Task An_empty_yaml_section_is_rejected_naming_it(string yaml, string mentions)
    {
        await File.WriteAllTextAsync(InFolder("catalog-extra.yaml"), yaml);

        await AssertRejectedAsync("catalog-extra.yaml");
        Assert.Contains(mentions, _factory.Host.Status.UpdateError);
    }

    [Fact]
    public async Task An_empty_glossary_section_is_rejected()
    {
        await File.WriteAllTextAsync(InFolder("glossary-extra.yaml"), "terms:\nfillers: [x]\n");

        await AssertRejectedAsync("glossary-extra.yaml: section 'terms'");
    }

    [Fact]
    public async Task The_same_attribute_id_in_two_catalog_files_is_rejected_naming_both()
    {
        await File.WriteAllTextAsync(InFolder("catalog-extra.yaml"), """
            attributes:
              - id: staff
                label: { en: Staff }
                keywords: [staff]
            entities: []
            """);

        await AssertRejectedAsync("attribute 'staff' is defined in more than one catalog file: catalog-extra.yaml, catalog.yaml");
    }

    public static TheoryData<string> CorruptPdfs => ["font without a type", "truncated", "garbage body", "header only"];

    [Theory]
    [MemberData(nameof(CorruptPdfs))]
    public async Task A_corrupt_pdf_is_rejected_whether_added_alone_or_with_a_reload(string corruption)
    {
        var valid = ValidPdf();
        byte[] bytes = corruption switch
        {
            "truncated" => valid[..(valid.Length / 2)],
            "garbage body" => [.. valid[..9], .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251))],
            "header only" => "%PDF-1.7\n"u8.ToArray(),
            // PdfPig answers this one with a NotImplementedException from deep inside its font parser.
            "font without a type" => FirstTypeKeyRemoved(valid),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        await File.WriteAllBytesAsync(InFolder("report.pdf"), bytes);

        await AssertRejectedAsync("report.pdf", documentChange: true, document: "report.pdf");
        await AssertRejectedAsync("report.pdf");
    }

    private static byte[] FirstTypeKeyRemoved(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var at = text.IndexOf("/Type", StringComparison.Ordinal);
        return System.Text.Encoding.Latin1.GetBytes(text[..at] + text[(at + "/Type".Length)..]);
    }

    private static byte[] ValidPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PdfPageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("Annual report", 12, new PdfPoint(40, 760), font);
        page.AddText("The office ran 12 projects.", 10, new PdfPoint(40, 740), font);
        return builder.Build();
    }

    public void Dispose() => _factory.Dispose();

    private sealed class LoggedKnowledgeFactory : CopiedKnowledgeFactory
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
