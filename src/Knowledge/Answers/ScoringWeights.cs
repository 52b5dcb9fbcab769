namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// Every weight the document path scores with, in one place. Tuned on the public question
/// sets as a whole, never for one question.
/// </summary>
public static class ScoringWeights
{
    /// <summary>Passages Lucene hands over per question; the judge reads each of them.</summary>
    public const int PassageCandidates = 12;

    /// <summary>Share of the question's weight the answering passage must explain.</summary>
    public const double MinCoverage = 0.35;

    /// <summary>Share of the weight of the question's words other than names that, unknown to every document, rules an answer out.</summary>
    public const double MaxUnknownContentShare = 0.6;

    /// <summary>
    /// Share of the weight of the question's words other than names that a passage must explain when
    /// a named office or country card lacks the fact asked for: names alone say nothing of it.
    /// </summary>
    public const double MinAskedCoverage = 0.25;

    /// <summary>Share of the question's weight the answering sentence itself must explain.</summary>
    public const double MinSentenceCoverage = 0.2;

    /// <summary>
    /// Coverage a passage needs when the question names a catalog entity whose card lacks the
    /// fact asked for: the passage must then speak of nearly everything the question does.
    /// </summary>
    public const double MinCoverageBeyondCard = 0.5;

    /// <summary>How much more of the question a passage must explain than a card the question does not name.</summary>
    public const double PassageOverUnnamedCard = 0.1;

    /// <summary>How much the share of the question explained by the passage's best sentence counts when ranking.</summary>
    public const double SentenceShare = 0.5;

    /// <summary>How much BM25 (relative to the best hit) counts beside coverage when ranking passages.</summary>
    public const double Bm25Share = 1.0;

    /// <summary>
    /// A word no document uses weighs like a word only one passage uses: the question may
    /// simply phrase it otherwise ("surrender" for "gave up"), so it counts against coverage
    /// without alone ruling the answer out.
    /// </summary>
    public const double UnknownWordIdfShare = 1.0;

    /// <summary>
    /// Rank bonus for a passage whose answering sentence has what the question type wants: a
    /// figure for "how many", a year or date for "when".
    /// </summary>
    public const double QuestionTypeBonus = 0.3;

    /// <summary>Of a passage's sentences, one with the figure or date asked for wins over one that explains up to this much more of the question.</summary>
    public const double ShapedSentenceBonus = 0.5;

    /// <summary>Of a passage's sentences, one with a name a "who" or "where" asks for wins over one that explains up to this much more.</summary>
    public const double NameSentenceBonus = 0.25;

    /// <summary>How much more a name (a word the documents write capitalized) weighs than an ordinary word of the same rarity.</summary>
    public const double NameFactor = 2;

    /// <summary>A typo correction or translation stands for the word a little less surely than the word itself.</summary>
    public const float AlternativeBoost = 0.9f;

    /// <summary>A word derived from the question's ("creation" for "create") stands for it less surely.</summary>
    public const float RelatedBoost = 0.8f;

    /// <summary>A synonym of a translated word stands for it less surely still.</summary>
    public const float SynonymBoost = 0.5f;

    /// <summary>A stem's known beginning ("creat" for "creation") stands for it less surely still.</summary>
    public const float PrefixBoost = 0.7f;

    /// <summary>Longest passage text a card shows; longer passages show the best window of whole sentences.</summary>
    public const int MaxPassageChars = 1200;
}
