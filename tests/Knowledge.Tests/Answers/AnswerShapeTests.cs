using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Knowledge.Tests.Answers;

public class AnswerShapeTests(RepositoryKnowledge repository) : IClassFixture<RepositoryKnowledge>
{
    [Theory]
    [InlineData("How many staff does the office have?", "figure", "It has 515 staff.", true)]
    [InlineData("How many staff does the office have?", "figure", "It has many people.", false)]
    [InlineData("¿Cuántos funcionarios hay?", "figure", "Some 5,400 staff work there.", true)]
    [InlineData("When was the office created?", "date", "It was created in July 2011.", true)]
    [InlineData("When was the office created?", "date", "It was created by the members.", false)]
    [InlineData("When was the complex reflected upon?", "date", "It was debated from the 1950s on.", true)]
    [InlineData("Who coordinates the missions in Guyana?", "name", "They are coordinated by the office in San José.", true)]
    [InlineData("Who coordinates the missions in Guyana?", "name", "Missions in Guyana are coordinated from abroad.", false)]
    [InlineData("What percentage moved to take a job?", "share", "Another 19 per cent traveled to fill a job vacancy.", true)]
    [InlineData("What percentage moved to take a job?", "share", "Just over half (55%) relocated.", true)]
    [InlineData("What percentage moved to take a job?", "share", "Some 500 people moved for a job.", false)]
    [InlineData("¿Qué porcentaje son mujeres?", "share", "Of these, 50.4 per cent are women.", true)]
    [InlineData("What is the nickname for the network's logo?", "term", "Its circle logo, also called \"the dot\", flew around the screen.", true)]
    [InlineData("What is the nickname for the network's logo?", "term", "It is known as the eye.", true)]
    [InlineData("What is the nickname for the network's logo?", "term", "Its logo is a black circle.", false)]
    public void The_question_type_says_what_the_answering_sentence_holds(string question, string shape, string sentence, bool fits)
    {
        var found = AnswerShape.For(Question.Read(question, repository.Engine.Lexicon));
        Assert.NotNull(found);
        Assert.Equal(shape, found.Name);
        Assert.Equal(fits, found.Fits(sentence));
    }

    [Theory]
    [InlineData("What does IOM do for migrants?")]
    [InlineData("Tell me about Peru")]
    // "When" that opens a clause rather than asking for a time.
    [InlineData("When large groups boycott a system it can be considered?")]
    public void Other_questions_ask_for_no_shape(string question) =>
        Assert.Null(AnswerShape.For(Question.Read(question, repository.Engine.Lexicon)));
}
