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

    [Fact]
    public void A_short_string_read_again_is_the_copy_read_first()
    {
        using var folder = new TempFolder();
        DocumentSnapshot.Write(folder.Path, corpus.Knowledge);

        var read = DocumentSnapshot.Read(folder.Path).Values.ToList();
        var entities = read.SelectMany(d => d.Extracted).ToList();

        // Kinds and languages repeat across documents: each is held once, however often read.
        var countries = entities.Where(e => e.Kind == "country").ToList();
        Assert.True(countries.Count > 1);
        Assert.All(countries, e => Assert.Same(countries[0].Kind, e.Kind));
        Assert.All(countries, e => Assert.Same(countries[0].Names.Keys.First(), e.Names.Keys.First()));
        // An entity's document is the record's own name, not a second copy of it.
        Assert.All(read.Where(d => d.Extracted.Count > 0), d => Assert.Same(d.Record.Name, d.Extracted[0].Document));
    }

    [Theory]
    [InlineData("cut short")]
    [InlineData("not a snapshot")]
    [InlineData("a string longer than the file")]
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
            case "a string longer than the file": WriteClaimingALongString(path, bytes); break;
            default: File.Delete(path); break;
        }

        Assert.Empty(DocumentSnapshot.Read(folder.Path));
    }

    /// <summary>The snapshot's own header and first document count, then a name claiming two gigabytes.</summary>
    private static void WriteClaimingALongString(string path, byte[] snapshot)
    {
        using var header = new BinaryReader(new MemoryStream(snapshot));
        header.ReadString();
        header.ReadInt32();
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(snapshot, 0, (int)header.BaseStream.Position);
        writer.Write7BitEncodedInt(int.MaxValue);
        writer.Write("Peru");
    }
}
