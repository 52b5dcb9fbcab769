using IomAssistant.Knowledge.Catalog;

namespace IomAssistant.Knowledge.Extraction;

/// <summary>What extraction found in one document: its entities, each fact quoting that document.</summary>
public sealed record DocumentEntities(string Document, IReadOnlyList<EntityDefinition> Entities);
