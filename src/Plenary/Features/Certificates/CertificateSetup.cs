namespace Plenary.Features.Certificates;

public static class CertificateSetup
{
    public static WebApplicationBuilder AddCertificates(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Attendance>();
        builder.Services.AddScoped<CertificateChange>();
        return builder;
    }
}
