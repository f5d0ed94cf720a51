using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Plenary.Infrastructure.Data;
using Plenary.Infrastructure.Web;

namespace Plenary.Features.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Plenary:Accounts";

    /// <summary>Sign-in, sign-up and reset attempts per minute from one IP address.</summary>
    public int AttemptsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Requests with a wrong API token per minute from one IP address, then 429 until the minute is over.</summary>
    public int BadTokensPerMinutePerAddress { get; set; } = 10;

    /// <summary>Messages of one kind (confirmation, reset, sign-in link, invitation) to one e-mail address per hour.</summary>
    public int MessagesPerHourPerEmail { get; set; } = 3;

    /// <summary>E-mail addresses whose accounts are site administrators (create forums, appoint Secretariats).</summary>
    public List<string> Administrators { get; set; } = [];
}

public static class AccountsSetup
{
    public const string RateLimit = "accounts";

    /// <summary>The write API: a signed-in account, known by its API token only.</summary>
    public const string ApiPolicy = "ApiToken";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AccountsOptions>(builder.Configuration.GetSection(AccountsOptions.Section));
        var options = builder.Configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();

        builder.Services.AddIdentityCore<Account>(identity =>
            {
                identity.SignIn.RequireConfirmedEmail = true;
                identity.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase is both safer and easier.
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 4;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<PlenaryDb>()
            .AddUserStore<AccountStore>()
            .AddSignInManager<AccountSignIn>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        builder.Services.AddScoped<SignInLink>();
        builder.Services.AddScoped<ApiTokenChange>();
        builder.Services.AddScoped<SignUpChange>();
        builder.Services.AddSingleton<BadTokenLimit>();
        // As with the public cache: each provider's context class has its own options, so both are told.
        builder.Services.AddSingleton<SignInChecks>();
        builder.Services.ConfigureDbContext<SqlitePlenaryDb>(InterceptAccountWrites, ServiceLifetime.Singleton);
        builder.Services.ConfigureDbContext<PostgresPlenaryDb>(InterceptAccountWrites, ServiceLifetime.Singleton);
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(2));


        // The identity cookies include the short-lived one that carries a right password to the two-factor step.
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, RememberedTickets.Wrap>();
        builder.Services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = WebSetup.SignInCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                try
                {
                    await SignInStamp.ValidateAsync(context);
                }
                catch (Exception e) when (DatabaseOutage.IsCause(e))
                {
                    // The stamp cannot be read while the database is out of reach: the request goes on as signed in and
                    // meets the outage where it reads data (503 with Retry-After), not here, where even the error page
                    // re-executed for it would fail the same way.
                }
            };
            // The API answers with a status, not a redirect to a sign-in page.
            cookie.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser());

        builder.Services.AddDataProtection().SetApplicationName("Plenary").PersistKeysToDbContext<PlenaryDb>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimit, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.AttemptsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }

    private static void InterceptAccountWrites(IServiceProvider services, DbContextOptionsBuilder options) =>
        options.AddInterceptors(services.GetRequiredService<SignInChecks>());

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (WebSetup.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
