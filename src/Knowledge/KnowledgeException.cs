namespace IomAssistant.Knowledge;

/// <summary>Knowledge that cannot be used as it is: names the file (and line, entity, fact) at fault.</summary>
public sealed class KnowledgeException(string message, Exception? inner = null) : Exception(message, inner);
