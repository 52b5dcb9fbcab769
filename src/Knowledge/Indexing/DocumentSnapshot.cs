using System.Text.Json;
using System.Text.Json.Serialization;
using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Extraction;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>One document as an index folder remembers it: its record and what extraction found in it.</summary>
public sealed record IndexedDocument(DocumentRecord Record, IReadOnlyList<EntityDefinition> Extracted);

/// <summary>
/// What an index folder remembers of each document besides its passages, saved with every
/// commit: a reused index opens with these instead of reading the documents again.
/// </summary>
public static class DocumentSnapshot
{
    private const string FileName = "documents.json";

    public static void Write(string indexFolder, KnowledgeBase knowledge)
    {
        var extracted = knowledge.Extracted.ToDictionary(x => x.Document, x => x.Entities, StringComparer.Ordinal);
        var documents = knowledge.Documents.Select(d => new IndexedDocument(d, extracted.GetValueOrDefault(d.Name) ?? [])).ToList();
        var path = Path.Combine(indexFolder, FileName);
        using (var stream = File.Create(path + ".tmp"))
            JsonSerializer.Serialize(stream, documents, SnapshotJson.Default.ListIndexedDocument);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The documents the index folder remembers, by name; empty when it remembers none or cannot be read.</summary>
    public static Dictionary<string, IndexedDocument> Read(string indexFolder)
    {
        var path = Path.Combine(indexFolder, FileName);
        try
        {
            using var stream = File.OpenRead(path);
            var documents = JsonSerializer.Deserialize(stream, SnapshotJson.Default.ListIndexedDocument) ?? [];
            return documents.ToDictionary(d => d.Record.Name, StringComparer.Ordinal);
        }
        // A missing or damaged snapshot only means reading the documents again.
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return new Dictionary<string, IndexedDocument>(StringComparer.Ordinal);
        }
    }
}

[JsonSerializable(typeof(List<IndexedDocument>))]
[JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true)]
internal sealed partial class SnapshotJson : JsonSerializerContext;
