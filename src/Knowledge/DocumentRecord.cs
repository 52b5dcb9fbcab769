namespace IomAssistant.Knowledge;

/// <summary>
/// A document of the knowledge without its text: enough to tell it unchanged on disk (its size,
/// last write and content hash) and to serve it from the index without reading it again.
/// </summary>
/// <param name="Name">File name relative to the knowledge folder.</param>
/// <param name="Hash">Hash of its name and bytes.</param>
/// <param name="Passages">How many passages its cleaned text gives.</param>
/// <param name="Audiences">The audiences its own front matter gives; null when it gives none.</param>
/// <param name="Title">Its first heading when the document opens with one ("IOM in Ecuador"), else empty.</param>
public sealed record DocumentRecord(string Name, string Hash, long Size, DateTime LastWriteUtc, int Passages, IReadOnlyList<string>? Audiences, string Title);
