using Plenary.Features.People;

namespace Plenary.Tests.Features.People;

/// <summary>The duplicate finder takes the ways one name gets written twice for one person, and does not join two people by their titles.</summary>
public sealed class DuplicatesTests
{
    [Theory]
    [InlineData("Anriette Esterhuysen", "Anriette  Esterhuysen")]
    [InlineData("Anriette Esterhuysen", " anriette ESTERHUYSEN ")]
    [InlineData("Jane Doe", "Dr. Jane Doe")]
    [InlineData("Jane Doe", "Prof Jane Doe, PhD")]
    [InlineData("Jane Doe", "H.E. Jane Doe")]
    [InlineData("José Ángel Núñez", "Jose Angel Nunez")]
    [InlineData("Bjørn Øvergård", "Bjorn Overgard")]
    [InlineData("Jean-Pierre O'Brien", "Jean Pierre OBrien")]
    [InlineData("LI Xiaodong", "Xiaodong Li")]
    [InlineData("د. محمد علي", "محمد علي")]
    public void test_two_writings_of_one_name_have_one_key(string one, string other) =>
        Duplicates.NameKey(one).ShouldBe(Duplicates.NameKey(other));

    [Theory]
    [InlineData("Jane Doe", "John Doe")]
    [InlineData("He Jing", "Jing")]
    [InlineData("Dr. Jane Doe", "Dr. John Doe")]
    [InlineData("Ana Lima", "Ana Limas")]
    public void test_different_names_keep_different_keys(string one, string other) =>
        Duplicates.NameKey(one).ShouldNotBe(Duplicates.NameKey(other));

    [Fact]
    public void test_a_name_that_is_only_a_title_keeps_its_word() =>
        Duplicates.NameKey("Dr.").ShouldBe("dr");

    [Fact]
    public void test_lookalikes_are_found_by_name_email_and_shortened_given_name_strongest_reason_first()
    {
        var people = new List<PersonPrint>
        {
            new(1, "Vinton G. Cerf", "Google"),
            new(2, "Vint Cerf", "Internet Society"),
            new(3, "Jane Doe", "ICANN"),
            new(4, "Dr. Jane Doe", "Icann"),
            new(5, "Jane  DOE", null),
            new(6, "J. Doe", null, ["jane@example.org"]),
            new(7, "Someone Else", null, ["JANE@example.org"]),
            new(8, "Vincent Cerf", null),
        };
        var index = new Duplicates.Index(people);

        Duplicates.Of(people[2], index).Select(l => (l.Person.Id, l.Reason))
            .ShouldBe([(4, LikenessReason.SameNameAndAffiliation), (5, LikenessReason.SameName)]);
        Duplicates.Of(people[5], index).Select(l => (l.Person.Id, l.Reason)).ShouldBe([(7, LikenessReason.SameEmail)]);
        // "Vint" begins "Vinton", not "Vincent"; the middle initial does not count.
        Duplicates.Of(people[1], index).Select(l => (l.Person.Id, l.Reason)).ShouldBe([(1, LikenessReason.SimilarName)]);

        var groups = Duplicates.Groups(people);
        groups.Select(g => g.People.Select(p => p.Id).ToList()).ShouldBe([[6, 7], [3, 4, 5], [1, 2]]);
        groups.Select(g => g.Reason).ShouldBe([LikenessReason.SameEmail, LikenessReason.SameNameAndAffiliation, LikenessReason.SimilarName]);
    }
}
