using Plenary.Features.People;

namespace Plenary.Tests.Features.People;

public sealed class PersonTests
{
    [Fact]
    public void Billing_is_title_and_affiliation()
    {
        var person = new Person { Name = "Yik Chan Chin", Title = "Associate Professor", Affiliation = "Beijing Normal University" };

        person.Billing.ShouldBe("Associate Professor, Beijing Normal University");
    }

    [Fact]
    public void Billing_does_not_repeat_an_affiliation_the_title_already_names()
    {
        // As on the IGF page: "Professor of School of Law, Beijing Institute of Technology, ..." names its institute.
        var person = new Person
        {
            Name = "Hong Yanqing",
            Title = "Professor of School of Law, Beijing Institute of Technology",
            Affiliation = "Beijing Institute of Technology",
        };

        person.Billing.ShouldBe("Professor of School of Law, Beijing Institute of Technology");
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", "", null)]
    [InlineData("Secretary General", null, "Secretary General")]
    [InlineData(null, "IPv6 Forum", "IPv6 Forum")]
    public void Billing_uses_whatever_is_known(string? title, string? affiliation, string? billing) =>
        new Person { Name = "X", Title = title, Affiliation = affiliation }.Billing.ShouldBe(billing);

    [Fact]
    public void Display_name_carries_the_honorific_when_given()
    {
        new Person { Name = "Li Yuxiao", Honorific = "Prof." }.DisplayName.ShouldBe("Prof. Li Yuxiao");
        new Person { Name = "Li Yuxiao" }.DisplayName.ShouldBe("Li Yuxiao");
    }
}
