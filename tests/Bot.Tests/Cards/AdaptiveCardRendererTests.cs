using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Cards;
using IomAssistant.Bot.Conversation;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private readonly AdaptiveCardRenderer _renderer = new();

    private static readonly Answer Office = new()
    {
        Kind = "office",
        Title = "IOM Regional Office for South America",
        Facts = [new("Type", "Regional office"), new("City", "Buenos Aires"), new("Country", "Argentina"), new("Staff", "515"), new("Projects", "94")],
        Source = new SourceRef("iom-ro-south-america.txt", "Introduction", "515 Staff"),
        Context = new AnswerContext("ro-south-america", null),
        FollowUps = ["How many projects does the regional office run?", "Where is the regional office?"],
    };

    private static readonly Answer Passage = new()
    {
        Kind = "passage",
        Title = "Climate change and migration",
        Text = "IOM works with governments on disaster displacement.",
        Source = new SourceRef("iom-ro-south-america.txt", "Thematic areas", "Climate change drives displacement in the Andes."),
        Highlights = ["climate", "displacement"],
    };

    private static readonly Answer Country = new()
    {
        Kind = "country",
        Title = "Guyana",
        Facts = [new("Membership", "Member State since 1988"), new("Covering office", "IOM Guyana")],
        Source = new SourceRef("iom-ro-south-america.txt", "Countries", "Guyana"),
    };

    private static readonly Answer Strategy = new()
    {
        Kind = "strategy",
        Title = "Climate action",
        Text = "Supporting adaptation and disaster risk reduction.",
        Facts = [new("Key action", "Early warning systems"), new("Key action", "Planned relocation")],
        Source = new SourceRef("iom-ro-south-america.txt", "Regional strategy", "Climate action"),
    };

    [Fact]
    public void A_card_cites_every_other_document_its_facts_quote()
    {
        var peru = Country with
        {
            Title = "Peru",
            Facts = [new("Membership", "Member state", "iom-ro-south-america.txt", "Peru"), new("Figures", "2,038,107 Peruvians left", "iom-peru-country-page.txt", "2,038,107 Peruvians left")],
        };

        var rendered = _renderer.RenderReply(new ConversationReply(peru, [], "en"), "Tell me about Peru");

        Assert.Contains(Texts(rendered.Card), t => t == "Source: iom-ro-south-america.txt, Countries; iom-peru-country-page.txt");
        Assert.EndsWith("Source: iom-ro-south-america.txt, Countries; iom-peru-country-page.txt", rendered.FallbackText);
    }

    [Fact]
    public void An_office_card_lists_every_fact_cites_its_source_and_offers_follow_ups_and_feedback()
    {
        var rendered = _renderer.RenderReply(new ConversationReply(Office, [], "en"), "How many staff?");
        var card = rendered.Card;

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var facts = Elements(card, "FactSet").Single()["facts"]!.AsArray();
        Assert.Equal(Office.Facts.Select(f => (f.Label, f.Value)), facts.Select(f => ((string)f!["title"]!, (string)f["value"]!)));
        Assert.Contains(Texts(card), t => t == "Source: iom-ro-south-america.txt, Introduction");
        var followUps = card["actions"]!.AsArray().Select(a => CardSubmit.From(JsonDocument.Parse(a!["data"]!.ToJsonString()).RootElement)).ToList();
        Assert.Equal(Office.FollowUps, followUps.Select(f => f!.Question));
        var feedback = Elements(card, "Action.Submit").Select(a => CardSubmit.From(Element(a["data"]!))).Where(s => s?.Action == CardSubmit.Feedback).ToList();
        Assert.Equal([true, false], feedback.Select(f => f!.Helpful));
        Assert.All(feedback, f => Assert.Equal(("How many staff?", Office.Title, "en"), (f!.Question, f.AnswerTitle, f.Language)));
        Assert.Contains("Staff: 515", rendered.FallbackText);
        Assert.Contains("iom-ro-south-america.txt", rendered.FallbackText);
    }

    [Fact]
    public void Labels_follow_the_questions_language()
    {
        var card = _renderer.RenderReply(new ConversationReply(Office, [], "es")).Card;

        var texts = Texts(card).ToList();
        Assert.Contains(UiText.Spanish.Office, texts);
        Assert.Contains(UiText.Spanish.WasThisHelpful, texts);
        Assert.Contains(texts, t => t.StartsWith(UiText.Spanish.Source + ":"));
        Assert.Contains(UiText.Spanish.Helpful, Elements(card, "Action.Submit").Select(a => (string?)a["title"]));
    }

    [Fact]
    public void A_passage_card_shows_the_quote_with_the_questions_words_emphasised()
    {
        var card = _renderer.RenderReply(new ConversationReply(Passage, [], "en")).Card;

        var runs = Elements(card, "TextRun").ToList();
        Assert.Equal(Passage.Source.Quote, string.Concat(runs.Select(r => (string?)r["text"])));
        Assert.Equal(["Climate", "displacement"], runs.Where(r => (string?)r["weight"] == "Bolder").Select(r => (string?)r["text"]));
    }

    [Fact]
    public void Country_and_strategy_cards_carry_their_kind_and_facts()
    {
        var country = _renderer.RenderReply(new ConversationReply(Country, [], "pt")).Card;
        var strategy = _renderer.RenderReply(new ConversationReply(Strategy, [], "en")).Card;

        Assert.Contains(UiText.Portuguese.Country, Texts(country));
        Assert.Equal(2, Elements(country, "FactSet").Single()["facts"]!.AsArray().Count);
        Assert.Contains(UiText.English.StrategyArea, Texts(strategy));
        Assert.Contains(Strategy.Text, Texts(strategy));
    }

    [Fact]
    public void The_no_answer_card_says_so_and_offers_what_it_can_answer()
    {
        string[] suggestions = ["Who coordinates the IOM mission in Guyana?", "When was IOM established?"];

        var rendered = _renderer.RenderReply(new ConversationReply(null, suggestions, "en"));

        Assert.Contains(UiText.English.NoAnswer, Texts(rendered.Card));
        Assert.Equal(suggestions, rendered.Card["actions"]!.AsArray().Select(a => CardSubmit.From(Element(a!["data"]!))!.Question));
        Assert.DoesNotContain(Elements(rendered.Card, "Action.Submit"), a => a["data"]!["action"]!.GetValue<string>() == CardSubmit.Feedback);
        Assert.StartsWith(UiText.English.NoAnswer, rendered.FallbackText);
        Assert.Contains(suggestions[0], rendered.FallbackText);
    }

    [Fact]
    public void The_welcome_card_offers_example_questions()
    {
        var greeting = new Knowledge.Catalog.Greeting("Assistente", "Bem-vindo ao assistente.", "Pergunte em português.", ["Quem coordena a missão na Guiana?", "Quando a OIM foi fundada?"]);
        var rendered = _renderer.RenderWelcome(UiText.Portuguese.With(greeting));

        Assert.Contains("Assistente", Texts(rendered.Card));
        Assert.Equal(greeting.Examples, rendered.Card["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.Contains("Bem-vindo ao assistente.", rendered.FallbackText);
    }

    [Fact]
    public void A_huge_answer_still_fits_well_under_28_KB()
    {
        var huge = Office with
        {
            Title = new string('T', 5000),
            Text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 2000)),
            Facts = Enumerable.Range(0, 500).Select(i => new Fact($"Label {i} " + new string('l', 300), new string('v', 5000))).ToList(),
            FollowUps = Enumerable.Range(0, 50).Select(i => $"Question {i} " + new string('q', 3000)).ToList(),
            Source = new SourceRef("doc.txt", "Section", new string('q', 20000)),
        };

        var rendered = _renderer.RenderAnswer(huge, UiText.English, new string('x', 2000), interactive: true);

        var cardBytes = Encoding.UTF8.GetByteCount(rendered.Card.ToJsonString());
        var fallbackBytes = Encoding.UTF8.GetByteCount(rendered.FallbackText);
        Assert.True(cardBytes + fallbackBytes < 22 * 1024, $"card {cardBytes} bytes, fallback {fallbackBytes} bytes");
        Assert.EndsWith("Source: doc.txt, Section", rendered.FallbackText);
    }

    [Fact]
    public void Shared_cards_have_no_buttons()
    {
        var card = _renderer.RenderAnswer(Office, UiText.English, "How many staff?", interactive: false).Card;

        Assert.Empty(Elements(card, "Action.Submit"));
        Assert.Contains(Texts(card), t => t.StartsWith("Source:"));
    }

    [Fact]
    public void Writes_sample_activities_for_the_card_validator()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "card-samples");
        Directory.CreateDirectory(folder);
        var samples = new Dictionary<string, RenderedCard>
        {
            ["office"] = _renderer.RenderReply(new ConversationReply(Office, [], "en"), "How many staff?"),
            ["country-pt"] = _renderer.RenderReply(new ConversationReply(Country, [], "pt"), "Guiana"),
            ["strategy-es"] = _renderer.RenderReply(new ConversationReply(Strategy, [], "es"), "clima"),
            ["passage"] = _renderer.RenderReply(new ConversationReply(Passage, [], "en"), "climate displacement"),
            ["no-answer"] = _renderer.RenderReply(new ConversationReply(null, ["When was IOM established?"], "en")),
            ["welcome-es"] = _renderer.RenderWelcome(UiText.Spanish.With(new Knowledge.Catalog.Greeting("Asistente", "Bienvenido.", "Pregunte.", ["¿Cuándo se fundó la OIM?"]))),
            ["topic"] = _renderer.RenderTopic(new TopicSummary("guyana", "country", "Guyana", "Member State since 1988"), UiText.English),
        };
        foreach (var (name, rendered) in samples)
        {
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["summary"] = rendered.FallbackText,
                ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AdaptiveCardRenderer.ContentType, ["content"] = rendered.Card.DeepClone() }),
            };
            File.WriteAllText(Path.Combine(folder, name + ".json"), activity.ToJsonString());
        }

        Assert.Equal(samples.Count, Directory.GetFiles(folder, "*.json").Length);
    }

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;

    private static IEnumerable<string> Texts(JsonNode card) =>
        Elements(card, "TextBlock").Select(t => (string)t["text"]!);

    private static IEnumerable<JsonObject> Elements(JsonNode node, string type)
    {
        if (node is JsonObject o)
        {
            if ((string?)(o["type"] as JsonValue) == type)
                yield return o;
            foreach (var (_, child) in o)
                if (child is not null)
                    foreach (var found in Elements(child, type))
                        yield return found;
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
                if (child is not null)
                    foreach (var found in Elements(child, type))
                        yield return found;
        }
    }
}
