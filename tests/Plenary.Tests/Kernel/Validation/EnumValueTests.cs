using Plenary.Features.Rooms;
using Plenary.Kernel.Validation;

namespace Plenary.Tests.Kernel.Validation;

public sealed class EnumValueTests
{
    [Theory]
    [InlineData("Banquet", true)]
    [InlineData("banquet", false)]
    [InlineData("0", false)]
    [InlineData("1", false)]
    [InlineData("99", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("Nonsense", false)]
    public void Only_the_enums_own_names_are_a_choice(string? text, bool chosen)
    {
        EnumValue.TryParse<RoomLayout>(text, out var layout).ShouldBe(chosen);
        EnumValue.Parse<RoomLayout>(text).ShouldBe(chosen ? layout : null);
        if (chosen)
        {
            layout.ToString().ShouldBe(text);
        }
    }
}
