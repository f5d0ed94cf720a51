namespace Plenary.Features.Accounts;

/// <summary>The account pages, which belong to no forum.</summary>
public static class AccountLinks
{
    /// <summary>The person's profile.</summary>
    public const string Profile = "/account";

    public const string SignIn = "/account/sign-in";

    public const string SignUp = "/account/sign-up";

    public const string SignOut = "/account/sign-out";

    public const string Denied = "/account/denied";

    public const string Confirm = "/account/confirm";

    public const string EmailLink = "/account/link";

    public const string ForgotPassword = "/account/forgot-password";

    public const string ResetPassword = "/account/reset-password";

    public const string TwoFactor = "/account/two-factor";

    public const string SignInTwoFactor = "/account/sign-in/two-factor";

    public const string Export = "/account/export";

    public const string Delete = "/account/delete";
}
