using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Plenary.Features.Accounts;

/// <summary>Identity's messages in the reader's language and in the forum's words.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> L) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = L["An account with this e-mail address already exists. Sign in, or reset your password if you have forgotten it."] };

    public override IdentityError DuplicateUserName(string userName) => DuplicateEmail(userName);

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = L["Enter an e-mail address such as name@example.org."] };

    public override IdentityError InvalidUserName(string? userName) => InvalidEmail(userName);

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = L["Choose a password of at least {0} characters. A few words strung together work well.", length] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = L["Choose a password with at least {0} different characters.", uniqueChars] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = L["This link has expired or has already been used. Ask for a new one."] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = L["The current password is wrong."] };
}
