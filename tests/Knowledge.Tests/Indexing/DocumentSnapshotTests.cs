using System.Text.Json;
using IomAssistant.Knowledge.Indexing;

namespace IomAssistant.Knowledge.Tests.Indexing;

public class DocumentSnapshotTests(CorpusKnowledge corpus) : IClassFixture<CorpusKnowledge>
{
    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public void Gives_back_every_record_and_what_extraction_found_as_written()
    {
        using var folder = new TempFolder();
        DocumentSnapshot.Write(folder.Path, corpus.Knowledge);

        var read = DocumentSnapshot.Read(folder.Path);

        Assert.Equal(corpus.Knowledge.Documents.Select(d => d.Name), read.Keys);
        Assert.Equal(Json(corpus.Knowledge.Documents), Json(read.Values.Select(d => d.Record)));
        // The corpus's documents give entities with names in three languages, aliases and quoted facts.
        Assert.Contains(corpus.Knowledge.Extracted, d => d.Entities.Any(e => e.Names.Count > 1 && e.Facts.Count > 0));
        Assert.Equal(Json(corpus.Knowledge.Extracted.Select(d => d.Entities)), Json(read.Values.Select(d => d.Extracted)));
        Assert.All(read.Values, d => Assert.Equal(DateTimeKind.Utc, d.Record.LastWriteUtc.Kind));
    }

    [Theory]
    [InlineData("cut short")]
    [InlineData("not a snapshot")]
    [InlineData("missing")]
    public void A_damaged_or_missing_snapshot_remembers_nothing(string damage)
    {
        using var folder = new TempFolder();
        DocumentSnapshot.Write(folder.Path, corpus.Knowledge);
        var path = Path.Combine(folder.Path, "documents.bin");
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "cut short": File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]); break;
            case "not a snapshot": File.WriteAllText(path, "{\"documents\": []}"); break;
            default: File.Delete(path); break;
        }

        Assert.Empty(DocumentSnapshot.Read(folder.Path));
    }
}
