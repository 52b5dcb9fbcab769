using IomAssistant.Knowledge.Catalog;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>Building the answer a channel shows: cards, facts, passages, follow-ups and the no-answer.</summary>
public sealed partial class AnswerEngine
{
    private Answer? FromHit(IndexHit hit, string language, double score)
    {
        if (hit.Entity is { } id && _knowledge.EntitiesById.TryGetValue(id, out var entity))
            return hit.Attribute is { } attribute ? FactAnswer(entity, attribute, language, score) : Card(entity, language, score);
        if (hit.Type != "passage")
            return null;
        // A passage of a section the catalog describes (a strategy area) is shown on that
        // entity's card, so follow-ups know what it was about.
        var about = _sectionEntities.GetValueOrDefault((hit.Document, hit.Section));
        return new Answer
        {
            Kind = about?.Kind ?? "passage",
            Title = about?.Title ?? hit.Section,
            Text = hit.Text,
            Source = new SourceRef(hit.Document, hit.Section, hit.Text),
            Score = Math.Round(score, 3),
            Context = new AnswerContext(about?.Id, null),
            Highlights = [],
            FollowUps = about is null ? _knowledge.Assistant.In(language).Examples.Take(2).ToList() : [Phrases.TellMeAbout(language, about.Title)],
        };
    }

    /// <summary>A passage as the answer: the sentence that answers, marked, in its passage.</summary>
    private Answer PassageAnswer(JudgedPassage judged, DocumentEvidence documents, string language)
    {
        var hit = judged.Hit;
        var about = _sectionEntities.GetValueOrDefault((hit.Document, hit.Section));
        var (sentence, text) = PreciseAnswer.Select(judged.Passage, documents.Concepts, ScoringWeights.MaxPassageChars, documents.Shape);
        return new Answer
        {
            Kind = about?.Kind ?? "passage",
            Title = about?.Title ?? hit.Section,
            Text = text,
            Source = new SourceRef(hit.Document, hit.Section, sentence),
            Score = Math.Round(judged.Coverage, 3),
            Context = new AnswerContext(about?.Id, null),
            Highlights = [sentence],
            FollowUps = about is null ? _knowledge.Assistant.In(language).Examples.Take(2).ToList() : [Phrases.TellMeAbout(language, about.Title)],
        };
    }

    private Answer Card(EntityDefinition entity, string language, double score, Question? question = null)
    {
        // A long card keeps the facts the question is about first, so none of them is cut.
        var asked = question?.Tokens.Where(t => t.Counts).SelectMany(t => t.Stems).ToHashSet() ?? [];
        var ordered = entity.Facts
            .Select((fact, position) => (fact, position, relevance: asked.Count == 0 ? 0 : StemsOf(fact).Count(asked.Contains)))
            .OrderByDescending(f => f.relevance).ThenBy(f => f.position).Select(f => f.fact);
        var facts = new List<Fact>();
        // A card never shows more than a screenful, whatever a document's summary holds.
        var summary = Shorten(entity.Summary, MaxVisibleChars - 1);
        var visible = entity.Title.Length + summary.Length;
        foreach (var fact in ordered)
        {
            var f = new Fact(_knowledge.Attributes[fact.Attribute].LabelIn(language), fact.Value, fact.SourceIn(entity), fact.Quote);
            visible += f.Label.Length + f.Value.Length + 2;
            if (visible > MaxVisibleChars)
                break;
            facts.Add(f);
        }
        // Without a summary, the first fact is the card's quote, from its own document.
        var first = string.IsNullOrWhiteSpace(entity.Summary) ? entity.Facts.FirstOrDefault() : null;
        var quote = first?.Quote ?? entity.Summary;
        var document = first?.SourceIn(entity) ?? entity.Document;
        return new Answer
        {
            Kind = entity.Kind,
            Title = entity.Title,
            Text = summary,
            Facts = facts,
            Source = new SourceRef(document, SectionOf(document, quote), quote),
            Score = Math.Round(score, 3),
            Context = new AnswerContext(entity.Id, null),
            FollowUps = FollowUps(entity, null, language),
        };
    }

    /// <summary>The stems of a fact's value and quote, word by word: what a question may ask of it.</summary>
    private string[] StemsOf(FactDefinition fact) =>
        _factStems.TryGetValue(fact, out var stems) ? stems
            : _factStems.GetOrAdd(fact, static f => TextFolding.Tokens(f.Value + " " + f.Quote).Select(Stemmer.English).ToArray());

    private Answer FactAnswer(EntityDefinition entity, string attribute, string language, double score) =>
        (_factAnswers.TryGetValue((entity.Id, attribute, language), out var answer) ? answer
            : _factAnswers.GetOrAdd((entity.Id, attribute, language), _ => NewFactAnswer(entity, attribute, language))) with { Score = Math.Round(score, 3) };

    private Answer NewFactAnswer(EntityDefinition entity, string attribute, string language)
    {
        var facts = entity.Facts.Where(f => f.Attribute == attribute).ToList();
        var label = _knowledge.Attributes[attribute].LabelIn(language);
        var quote = facts[0].Quote;
        var document = facts[0].SourceIn(entity);
        var passage = PassageContaining(document, quote);
        var text = passage?.Text is { Length: <= 700 } p ? p : quote;
        return new Answer
        {
            Kind = entity.Kind,
            Title = entity.Title,
            Text = text,
            Facts = facts.Select(f => new Fact(label, f.Value, f.SourceIn(entity), f.Quote)).ToList(),
            Source = new SourceRef(document, passage?.Section ?? CleanDocument.UntitledSection, quote),
            Context = new AnswerContext(entity.Id, attribute),
            Highlights = TextFolding.Tokens(quote).Distinct().ToList(),
            FollowUps = FollowUps(entity, attribute, language),
        };
    }

    private IReadOnlyList<string> FollowUps(EntityDefinition entity, string? attribute, string language)
    {
        var followUps = new List<string>();
        if (attribute is not null)
            followUps.Add(Phrases.TellMeAbout(language, entity.Title));
        foreach (var other in entity.Facts.Select(f => f.Attribute).Distinct().Where(a => a != attribute && a != "type").Take(attribute is null ? 3 : 2))
            followUps.Add(Phrases.AttributeOf(_knowledge.Attributes[other].LabelIn(language), entity.Title));
        return followUps;
    }

    private AskResult NoAnswer(string language, EntityDefinition? named)
    {
        var suggestions = new List<string>();
        if (named is not null)
            suggestions.Add(Phrases.TellMeAbout(language, named.Title));
        suggestions.AddRange(_knowledge.Assistant.In(language).Examples);
        return new AskResult(null, suggestions.Take(4).ToList(), language);
    }

    /// <summary>The passage a catalog quote comes from; quotes are the catalog's, so this is bounded.</summary>
    private Passage? PassageContaining(string document, string quote) =>
        _quotedPassages.GetOrAdd((document, quote), key => PassageContainingIn(_index, key.Document, key.Quote));

    /// <summary>The passage of <paramref name="document"/> holding <paramref name="quote"/>, as the index stores it: the document is not read again.</summary>
    private static Passage? PassageContainingIn(KnowledgeIndex index, string document, string quote)
    {
        var needle = TextFolding.ForQuoteMatching(quote);
        return index.PassagesOf(document).FirstOrDefault(p => TextFolding.ForQuoteMatching(p.Text).Contains(needle, StringComparison.Ordinal));
    }

    private string SectionOf(string document, string quote) =>
        PassageContaining(document, quote)?.Section ?? CleanDocument.UntitledSection;
}
