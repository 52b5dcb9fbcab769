using System.Text.Json;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Audiences;

namespace IomAssistant.Knowledge.Tests.Audiences;

/// <summary>Staff-only documents answer staff, and nothing of them reaches anyone else.</summary>
public sealed class AudienceTests(StaffKnowledge staff) : IClassFixture<StaffKnowledge>
{
    private static readonly IReadOnlySet<string> Staff = Audience.Of(["staff"]);

    public static TheoryData<string> StaffQuestions =>
    [
        "What is the duty officer code word?",
        "What is the security induction for new staff?",
        "How do staff get a travel clearance for Venezuela?",
        "Tell me about the Regional Security Cell",
        "What is the climate mobility fund of the draft strategy?",
        "¿Cuál es el código del oficial de guardia?",
    ];

    [Fact]
    public void Documents_take_their_audiences_from_the_rules_and_their_front_matter()
    {
        Assert.Equal(["staff"], staff.Knowledge.AudiencesOf(StaffKnowledge.Handbook));
        Assert.Equal(["staff"], staff.Knowledge.AudiencesOf(StaffKnowledge.Draft));
        Assert.Equal([Audience.Everyone], staff.Knowledge.AudiencesOf("iom-ro-south-america.txt"));
        Assert.Equal(["everyone", "staff"], staff.Knowledge.AllAudiences.Order());
        // The front matter is not text of the document.
        Assert.DoesNotContain("title:", staff.Knowledge.Document(StaffKnowledge.Draft)!.PlainText);
    }

    [Theory]
    [MemberData(nameof(StaffQuestions))]
    public void Staff_are_answered_from_the_staff_only_documents(string question)
    {
        var answer = staff.Engine.Ask(question, audiences: Staff).Answer;

        Assert.NotNull(answer);
        Assert.Contains(StaffKnowledge.Secret, JsonSerializer.Serialize(answer) + string.Join(" ", answer.Facts.Select(f => f.Value)));
    }

    [Theory]
    [MemberData(nameof(StaffQuestions))]
    public void The_public_never_sees_a_staff_only_answer_suggestion_or_follow_up(string question)
    {
        foreach (var audiences in new[] { null, Audience.Public })
        {
            var result = staff.Engine.Ask(question, audiences: audiences);

            var shown = JsonSerializer.Serialize(result) + string.Join(" ", result.Answer?.FollowUps ?? []);
            Assert.DoesNotContain(StaffKnowledge.Secret, shown);
            Assert.DoesNotContain("Security Cell", shown);
            Assert.DoesNotContain("internal/", shown);
            Assert.DoesNotContain(StaffKnowledge.Draft, shown);
        }
    }

    [Fact]
    public void The_no_answer_reply_is_the_same_whether_or_not_a_staff_only_document_would_answer()
    {
        var restricted = staff.Engine.Ask("What is the duty officer code word?");
        var unknown = staff.Engine.Ask("What is the canteen menu code word?");

        Assert.Null(restricted.Answer);
        Assert.Equal(unknown.Suggestions, restricted.Suggestions);
    }

    [Fact]
    public void A_follow_up_context_naming_a_staff_only_entity_is_ignored_for_the_public()
    {
        var context = new AnswerContext("security-cell", "duty-officer");

        var result = staff.Engine.Ask("and the code word?", context);

        Assert.DoesNotContain(StaffKnowledge.Secret, JsonSerializer.Serialize(result));
        Assert.Contains("ZEPHYR-7", staff.Engine.Ask("and the code word?", context, audiences: Staff).Answer?.Facts.Select(f => f.Value) ?? []);
    }

    [Fact]
    public void Search_and_topics_leave_out_what_the_asker_may_not_read()
    {
        var found = JsonSerializer.Serialize(staff.Engine.Search("security induction duty officer code ZEPHYR", 10));
        Assert.DoesNotContain(StaffKnowledge.Secret, found);
        Assert.DoesNotContain(staff.Engine.Topics(), t => t.Id == "security-cell");

        Assert.Contains(StaffKnowledge.Secret, JsonSerializer.Serialize(staff.Engine.Search("security induction duty officer code ZEPHYR", 10, audiences: Staff)));
        Assert.Contains(staff.Engine.Topics(audiences: Staff), t => t.Id == "security-cell");
    }

    [Fact]
    public void The_public_answers_of_the_brochure_do_not_change()
    {
        var answer = staff.Engine.Ask("How many staff does the regional office have?").Answer;

        Assert.Contains("515", answer?.Facts.Select(f => f.Value) ?? []);
    }
}
