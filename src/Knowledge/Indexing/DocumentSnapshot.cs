using System.Buffers;
using System.Text;
using IomAssistant.Knowledge.Catalog;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>One document as an index folder remembers it: its record and what extraction found in it.</summary>
public sealed record IndexedDocument(DocumentRecord Record, IReadOnlyList<EntityDefinition> Extracted);

/// <summary>
/// What an index folder remembers of each document besides its passages, saved with every
/// commit: a reused index opens with these instead of reading the documents again. Binary, as
/// the vocabulary beside it: for 100,000 documents the same records as JSON took seconds to
/// read at every start.
/// </summary>
public static class DocumentSnapshot
{
    private const string FileName = "documents.bin";
    private const string Magic = "document-snapshot 1";
    // Read and written in large pieces: the file holds hundreds of thousands of short strings.
    private const int BufferSize = 1 << 20;
    // What repeats is short enough to decode on the stack; a longer string is kept as read.
    private const int MaxSharedBytes = 1024;

    public static void Write(string indexFolder, KnowledgeBase knowledge)
    {
        var extracted = knowledge.Extracted.ToDictionary(x => x.Document, x => x.Entities, StringComparer.Ordinal);
        var path = Path.Combine(indexFolder, FileName);
        using (var writer = new BinaryWriter(new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, BufferSize)))
        {
            writer.Write(Magic);
            writer.Write(knowledge.Documents.Count);
            foreach (var record in knowledge.Documents)
            {
                Write(writer, record);
                var entities = extracted.GetValueOrDefault(record.Name) ?? [];
                writer.Write(entities.Count);
                foreach (var entity in entities)
                    Write(writer, entity);
            }
        }
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The documents the index folder remembers, by name; empty when it remembers none or cannot be read.</summary>
    public static Dictionary<string, IndexedDocument> Read(string indexFolder)
    {
        var documents = new Dictionary<string, IndexedDocument>(StringComparer.Ordinal);
        try
        {
            using var reader = new SharingReader(new FileStream(Path.Combine(indexFolder, FileName), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize));
            if (reader.ReadString() != Magic)
                return [];
            for (var count = reader.ReadInt32(); documents.Count < count;)
            {
                var record = ReadRecord(reader);
                var entities = new List<EntityDefinition>();
                for (var n = reader.ReadInt32(); entities.Count < n;)
                    entities.Add(ReadEntity(reader));
                documents[record.Name] = new IndexedDocument(record, entities);
            }
            return documents;
        }
        // A missing or damaged snapshot only means reading the documents again.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return [];
        }
    }

    private static void Write(BinaryWriter writer, DocumentRecord record)
    {
        writer.Write(record.Name);
        writer.Write(record.Hash);
        writer.Write(record.Size);
        writer.Write(record.LastWriteUtc.Ticks);
        writer.Write(record.Passages);
        writer.Write(record.Audiences is not null);
        if (record.Audiences is not null)
            WriteList(writer, record.Audiences);
        writer.Write(record.Title);
    }

    private static DocumentRecord ReadRecord(SharingReader reader)
    {
        var name = reader.ReadShared();
        var hash = reader.ReadString();
        var size = reader.ReadInt64();
        var lastWrite = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        var passages = reader.ReadInt32();
        var audiences = reader.ReadBoolean() ? ReadList(reader) : null;
        return new DocumentRecord(name, hash, size, lastWrite, passages, audiences, reader.ReadString());
    }

    private static void Write(BinaryWriter writer, EntityDefinition entity)
    {
        writer.Write(entity.Id);
        writer.Write(entity.Kind);
        writer.Write(entity.Home);
        writer.Write(entity.Extracted);
        writer.Write(entity.Names.Count);
        foreach (var (language, name) in entity.Names)
        {
            writer.Write(language);
            writer.Write(name);
        }
        WriteList(writer, entity.Aliases);
        writer.Write(entity.Document);
        writer.Write(entity.Summary);
        writer.Write(entity.Facts.Count);
        foreach (var fact in entity.Facts)
        {
            writer.Write(fact.Attribute);
            writer.Write(fact.Value);
            writer.Write(fact.Quote);
            writer.Write(fact.Document);
        }
    }

    private static EntityDefinition ReadEntity(SharingReader reader)
    {
        var entity = new EntityDefinition { Id = reader.ReadShared(), Kind = reader.ReadShared(), Home = reader.ReadBoolean(), Extracted = reader.ReadBoolean() };
        for (var n = reader.ReadInt32(); entity.Names.Count < n;)
            entity.Names[reader.ReadShared()] = reader.ReadShared();
        entity.Aliases = ReadList(reader);
        entity.Document = reader.ReadShared();
        entity.Summary = reader.ReadShared();
        for (var n = reader.ReadInt32(); entity.Facts.Count < n;)
            entity.Facts.Add(new FactDefinition { Attribute = reader.ReadShared(), Value = reader.ReadShared(), Quote = reader.ReadShared(), Document = reader.ReadShared() });
        return entity;
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> items)
    {
        writer.Write(items.Count);
        foreach (var item in items)
            writer.Write(item);
    }

    private static List<string> ReadList(SharingReader reader)
    {
        var items = new List<string>();
        for (var n = reader.ReadInt32(); items.Count < n;)
            items.Add(reader.ReadShared());
        return items;
    }

    /// <summary>
    /// Reads what repeats across entities (names, kinds, languages, attributes, document names,
    /// and quotes: one sentence proves several facts and is often the summary too) once and hands
    /// out that one copy whenever it is read again: at 100,000 documents these, read apart, held
    /// 92 of the 290 MB the loaded knowledge took. A string already read is looked up from its
    /// characters, so it is not even allocated; what never repeats (hashes, titles) is read as is.
    /// The pool lives only while one snapshot is read.
    /// </summary>
    private sealed class SharingReader(Stream input) : BinaryReader(input, Encoding.UTF8)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);
        private readonly long _end = input.Length;

        public string ReadShared()
        {
            var length = Read7BitEncodedInt();
            if (length > MaxSharedBytes || length < 0)
                return ReadLong(length);
            Span<byte> bytes = stackalloc byte[length];
            BaseStream.ReadExactly(bytes);
            Span<char> chars = stackalloc char[length];
            var text = chars[..Encoding.UTF8.GetChars(bytes, chars)];
            if (_read.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared))
                return shared;
            var copy = new string(text);
            _read.Add(copy);
            return copy;
        }

        private string ReadLong(int length)
        {
            if (length < 0 || length > _end - BaseStream.Position)
                throw new FormatException("A string in the document snapshot runs past its end.");
            var bytes = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                BaseStream.ReadExactly(bytes, 0, length);
                return Encoding.UTF8.GetString(bytes, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }
}
