using System.Text.Json.Serialization;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// One labelled figure or statement on a card, e.g. "Staff: 515", with the document and the
/// verbatim quote that state it (empty for a card that is not an entity's).
/// </summary>
public sealed record Fact(string Label, string Value, string Document = "", string Quote = "");

/// <summary>Where an answer comes from: the document, its section and the verbatim quote.</summary>
public sealed record SourceRef(string Document, string Section, string Quote);

/// <summary>
/// What a follow-up question may refer to: the entity (and attribute) just answered about.
/// Clients treat it as opaque and send it back with their next question.
/// </summary>
public sealed record AnswerContext(string? Entity, string? Attribute);

/// <summary>The card the engine answers with; channels render it, they never change it.</summary>
public sealed record Answer
{
    /// <summary>office, country, strategy, organization, region, topic or passage.</summary>
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public string Text { get; init; } = "";
    public IReadOnlyList<Fact> Facts { get; init; } = [];
    public required SourceRef Source { get; init; }
    public double Score { get; init; }
    public AnswerContext Context { get; init; } = new(null, null);

    /// <summary>Words to emphasise in the quote (on a fact answer, the quoted fact itself), for channels that can.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Highlights { get; init; } = [];

    /// <summary>The documents the card's facts quote besides its own source, for channels to cite beside it.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> OtherFactDocuments =>
        Facts.Select(f => f.Document).Where(d => d.Length > 0 && d != Source.Document).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Questions the user may want to ask next, in the question's language.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> FollowUps { get; init; } = [];
}

/// <summary>
/// The engine's reply: an answer or null, suggestions of what it can answer, and the
/// language (en, es, pt) the question was written in, for the reply's labels.
/// </summary>
public sealed record AskResult(Answer? Answer, IReadOnlyList<string> Suggestions, string Language);

/// <summary>A short entry for lists: messaging-extension results, the knowledge view.</summary>
public sealed record TopicSummary(string Id, string Kind, string Title, string Summary);

public interface IAnswerEngine
{
    /// <summary>
    /// Answers one question for an asker in <paramref name="audiences"/> (null: the public, see
    /// <see cref="Audiences.Audience"/>) from what they may read; never throws on any input text.
    /// </summary>
    AskResult Ask(string question, AnswerContext? context = null, string? locale = null, IReadOnlySet<string>? audiences = null);

    /// <summary>Up to <paramref name="max"/> answers for a search box (messaging extension, web), from what <paramref name="audiences"/> may read.</summary>
    IReadOnlyList<Answer> Search(string query, int max, string? locale = null, IReadOnlySet<string>? audiences = null);

    /// <summary>Every office, country, strategy area and topic the knowledge holds that <paramref name="audiences"/> may read.</summary>
    IReadOnlyList<TopicSummary> Topics(string language = "en", IReadOnlySet<string>? audiences = null);

    /// <summary>The assistant's welcome, help line and example questions in <paramref name="language"/>.</summary>
    Catalog.Greeting Greeting(string language) => Catalog.AssistantText.Plain.In(language);
}
